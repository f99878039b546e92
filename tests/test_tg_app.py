"""The Telegram adapter through PTB's real Application against the fake Bot API server."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import re
from collections.abc import Iterator
from datetime import date

import pytest
from fakebotapi import ApiCall, parse_html

from bot.core.models import Source
from bot.handlers.base import (
    CALLBACKS,
    COMMANDS,
    EDIT_HOOKS,
    MESSAGE_HOOKS,
    Button,
    Command,
    Document,
    OutMessage,
    Reply,
    Request,
    unique_commands,
)
from bot.texts import telegram as t
from bot.tg.app import build_application

BOT = "jourfixe_bot"
GERMAN = re.compile(
    r"[äöüßÄÖÜ]|\b(der|die|das|und|ist|nicht|ein|eine|mit|für|von|zu|du|ich|keine|bitte|"
    r"zum|zur|im|auf|oder|noch|wie|gibt|es|so|geht|beispiel|hier|dein\w*|kein\w*|sind|wird|"
    r"auch|nur|schon|uhr|tag\w*|stunde\w*|jede\w*|vor|thema|eingetragen)\b",
    re.IGNORECASE,
)


def plain(call: ApiCall) -> str:
    return parse_html(call.text)


@pytest.fixture
def register(monkeypatch: pytest.MonkeyPatch):
    """Register a throw-away command for one test (removed again afterwards)."""

    def add(name: str, func, expensive: bool = False) -> None:
        cmd = Command(name, (), func, "Test", "Test", f"/{name}", f"/{name}", expensive=expensive)
        monkeypatch.setitem(COMMANDS, name, cmd)

    return add


@pytest.fixture
def seen(register) -> Iterator[list[Request]]:
    """A command /echo that records the Request it was called with."""
    requests: list[Request] = []

    def echo(req: Request, services) -> Reply:
        requests.append(req)
        return Reply.text("Angekommen.")

    register("echo", echo)
    yield requests


# -- every command answers in German ---------------------------------------------------------

ALL_COMMANDS = [cmd.name for cmd in unique_commands()]


@pytest.mark.parametrize("name", ALL_COMMANDS)
async def test_every_command_answers_in_german_with_and_without_arguments(tg, name):
    cmd = COMMANDS[name]
    for text in (f"/{name}", cmd.example):
        sent = await tg.replies(tg.api.private_message(text))
        assert sent, f"{text!r} got no answer"
        answer = " ".join(plain(c) for c in sent)
        assert t.APOLOGY not in answer, f"{text!r} crashed"
        assert GERMAN.search(answer), f"{text!r} answered {answer[:200]!r}"


@pytest.mark.parametrize(
    ("german", "english"),
    [("/hilfe", "/help"), ("/quellen", "/sources"), ("/zitat Karaganow", "/quote Karaganow")],
)
async def test_english_aliases_give_the_german_answer(tg, german, english):
    de = await tg.replies(tg.api.private_message(german))
    en = await tg.replies(tg.api.private_message(english))
    assert [c.text for c in de] == [c.text for c in en]


async def test_commands_are_case_insensitive(tg):
    sent = await tg.replies(tg.api.private_message("/HILFE"))
    assert sent and t.APOLOGY not in sent[0].text


async def test_setmycommands_registers_german_and_english_lists(tg):
    calls = [c for c in await tg.post_init() if c.method == "setMyCommands"]
    by_lang = {c.params.get("language_code"): c.params["commands"] for c in calls}
    assert set(by_lang) == {None, "en"}
    german = {c["command"] for c in by_lang[None]}
    english = {c["command"] for c in by_lang["en"]}
    assert {"zitat", "frage", "quellen", "hilfe"} <= german
    assert {"quote", "ask", "sources", "help"} <= english
    assert all(c.error is None for c in calls)


# -- private chats ----------------------------------------------------------------------------


async def test_private_plain_text_is_a_question(tg):
    sent = await tg.replies(tg.api.private_message("Was sagt Karaganow über Putin?"))
    assert sent
    assert "Karaganow" in plain(sent[0])
    assert "reply_parameters" not in sent[0].params  # no quoting in a private chat


async def test_private_unknown_command_points_to_help(tg):
    sent = await tg.replies(tg.api.private_message("/gibtsnicht"))
    assert len(sent) == 1
    assert "/hilfe" in plain(sent[0])


async def test_sticker_in_private_chat_gets_no_answer(tg):
    update = tg.api.private_message("")
    update["message"]["sticker"] = {
        "file_id": "S1",
        "file_unique_id": "US1",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
    assert await tg.process(update) == []


async def test_messages_of_other_bots_and_own_inline_results_are_ignored(tg):
    other_bot = tg.api.user(555, "Anderer", is_bot=True)
    assert await tg.process(tg.api.private_message("/hilfe", user=other_bot)) == []
    via = tg.api.private_message("Zitat aus dem Inline-Modus", via_bot=tg.api.bot_user)
    assert await tg.process(via) == []


# -- groups -----------------------------------------------------------------------------------


async def test_group_command_with_botname_is_answered_as_a_reply(tg):
    update = tg.api.group_message(f"/zitat@{BOT} Karaganow")
    sent = await tg.replies(update)
    assert sent
    assert "Karaganow" in plain(sent[0])
    assert sent[0].params["reply_parameters"]["message_id"] == update["message"]["message_id"]
    assert all("reply_parameters" not in c.params for c in sent[1:])


async def test_group_botname_is_compared_case_insensitively(tg):
    assert await tg.replies(tg.api.group_message("/hilfe@JourFixe_Bot"))


async def test_group_command_for_another_bot_is_ignored(tg):
    assert await tg.process(tg.api.group_message("/zitat@anderer_bot Karaganow")) == []


async def test_group_command_without_botname_is_answered(tg):
    assert await tg.replies(tg.api.group_message("/hilfe"))


async def test_group_unknown_command_only_when_addressed(tg):
    assert await tg.process(tg.api.group_message("/gibtsnicht")) == []
    sent = await tg.replies(tg.api.group_message(f"/gibtsnicht@{BOT}"))
    assert len(sent) == 1 and "/hilfe" in plain(sent[0])


async def test_group_chatter_is_ignored(tg):
    assert await tg.process(tg.api.group_message("Was sagt Karaganow über Putin?")) == []


async def test_group_mention_is_a_question_without_the_mention(tg, monkeypatch):
    questions: list[Request] = []

    def handle_text(req: Request, services) -> Reply:
        questions.append(req)
        return Reply.text("Antwort")

    MESSAGE_HOOKS.insert(0, handle_text)  # message hooks see every question first
    try:
        sent = await tg.replies(tg.api.group_message(f"@{BOT} was sagt Karaganow?"))
    finally:
        MESSAGE_HOOKS.remove(handle_text)
    assert len(sent) == 1
    assert questions[0].text == "was sagt Karaganow?"
    assert questions[0].chat_type == "supergroup"


async def test_group_mention_answered_by_the_real_question_handler(tg):
    sent = await tg.replies(tg.api.group_message(f"Sag mal @{BOT}, was meint Karaganow?"))
    assert sent
    assert "Karaganow" in plain(sent[0])
    assert "@" + BOT not in sent[0].text


async def test_group_reply_to_the_bot_is_a_question_reply_to_others_is_not(tg):
    first = await tg.replies(tg.api.group_message("/hilfe"))
    bot_msg = tg.api.bot_message(first[-1])
    sent = await tg.replies(tg.api.group_message("Und was sagt Karaganow?", reply_to=bot_msg))
    assert sent and "Karaganow" in plain(sent[0])

    human = tg.api.group_message("Ich finde Karaganow spannend")["message"]
    assert await tg.process(tg.api.group_message("Warum?", reply_to=human)) == []


async def test_group_is_admin_comes_from_getchatmember_and_is_cached(tg, seen):
    chat = tg.api.group_chat()
    admin, member = tg.api.user(1, "Ada"), tg.api.user(2, "Max")
    tg.api.admins.add((chat["id"], admin["id"]))
    for user in (admin, admin, member):
        await tg.process(tg.api.group_message("/echo", user=user, chat=chat))
    assert [r.is_admin for r in seen] == [True, True, False]
    assert len(tg.api.calls_to("getChatMember")) == 2  # the second admin lookup was cached


async def test_request_fields_from_a_private_message(tg, seen):
    original = tg.api.private_message("Ursprung")["message"]
    update = tg.api.private_message(
        "/echo  mit   Argumenten ", reply_to=original, forward_from_name="Rosa"
    )
    await tg.process(update)
    (req,) = seen
    assert (req.command, req.args) == ("echo", "mit   Argumenten")
    assert req.chat_type == "private" and req.is_admin and req.is_private
    assert req.user_name == "Anna"
    assert req.forward_from == "Rosa"
    assert req.reply_to is not None and req.reply_to.text == "Ursprung"
    assert not req.reply_to.from_this_bot
    assert req.date is not None and req.date.tzinfo is not None
    assert not req.edited


# -- documents --------------------------------------------------------------------------------


async def test_document_caption_command_gets_the_attachment(tg, register):
    loaded: list[tuple[str, int, bytes]] = []

    def upload(req: Request, services) -> Reply:
        assert req.attachment is not None
        data = req.attachment.load()
        loaded.append((req.attachment.file_name, req.attachment.size, data))
        return Reply.text(f"{len(data)} Bytes gelesen.")

    register("hochladen", upload)
    content = "Ein Text über Frieden & Krieg.\n".encode() * 50
    sent = await tg.replies(
        tg.api.document_message(content, "lektuere.txt", caption="/hochladen Neuer Text")
    )
    assert loaded == [("lektuere.txt", len(content), content)]
    assert plain(sent[0]) == f"{len(content)} Bytes gelesen."
    assert tg.api.calls_to("getFile")


async def test_documents_are_sent_with_send_document(tg, register):
    def export(req: Request, services) -> Reply:
        doc = Document("protokoll.md", b"# Protokoll <1>\n", "Das <b>Protokoll</b>")
        return Reply(messages=[OutMessage("", document=doc)])

    register("export", export)
    (call,) = await tg.replies(tg.api.private_message("/export"))
    assert call.method == "sendDocument"
    assert call.files["document"] == ("protokoll.md", b"# Protokoll <1>\n")
    assert plain(call) == "Das Protokoll"


async def test_a_file_whose_text_is_its_caption_is_announced_once(tg):
    await tg.replies(tg.api.private_message("/termin 26.01. 19:30 Imperialismus"))
    sent = await tg.replies(tg.api.private_message("/ical"))
    assert [c.method for c in sent] == ["sendDocument"]
    assert "Kalender" in plain(sent[0])


# -- buttons ----------------------------------------------------------------------------------


def _button(call: ApiCall, label_part: str) -> str:
    for row in call.buttons:
        for b in row:
            if label_part in b["text"]:
                return b["callback_data"]
    raise AssertionError(f"no button {label_part!r} in {call.buttons}")


async def test_paging_buttons_edit_the_pressed_message(tg):
    sent = await tg.replies(tg.api.private_message("/zitat Frieden"))
    results = sent[-1]
    assert results.buttons, "expected paging buttons for a frequent word"
    assert all(len(d.encode()) <= 64 for d in results.callback_data)
    nxt = _button(results, "Weiter")

    calls = await tg.process(tg.api.callback(nxt, results))
    methods = [c.method for c in calls]
    assert "answerCallbackQuery" in methods
    (edit,) = [c for c in calls if c.method == "editMessageText"]
    assert edit.error is None
    assert edit.params["message_id"] == results.result["message_id"]
    assert edit.text != results.text
    back = _button(edit, "Zurück")

    calls = await tg.process(
        tg.api.callback(back, tg.api.messages[(edit.chat_id, edit.params["message_id"])])
    )
    (edit_back,) = [c for c in calls if c.method == "editMessageText"]
    assert edit_back.text == results.text


async def test_same_page_pressed_twice_is_not_an_error(tg):
    sent = await tg.replies(tg.api.private_message("/zitat Frieden"))
    results = sent[-1]
    nxt = _button(results, "Weiter")
    await tg.process(tg.api.callback(nxt, results))
    calls = await tg.process(tg.api.callback(nxt, results))  # Telegram: "message is not modified"
    assert not [c for c in calls if c.method == "sendMessage"]
    assert [c.method for c in calls if c.method == "answerCallbackQuery"]


async def test_button_of_unknown_prefix_gets_a_short_toast(tg):
    msg = tg.api.private_message("alt")["message"]
    calls = await tg.process(tg.api.callback("zz:1:2", msg))
    assert [c.method for c in calls] == ["answerCallbackQuery"]
    assert calls[0].params["text"] == t.STALE_BUTTON


async def test_button_of_a_forgotten_search_gets_a_short_answer(tg):
    msg = tg.api.private_message("alt")["message"]
    calls = await tg.process(tg.api.callback("p:999999:1", msg))
    answers = [c for c in calls if c.method == "answerCallbackQuery"]
    assert len(answers) == 1 and answers[0].params.get("text")
    assert not any(t.APOLOGY in c.text for c in calls)


async def test_edit_of_a_message_telegram_no_longer_has_sends_a_new_one(tg, monkeypatch):
    def turn(req: Request, services) -> Reply:
        return Reply(messages=[OutMessage("Seite 2", [[Button("Zurück", "tt:1")]])], edit=True)

    monkeypatch.setitem(CALLBACKS, "tt", turn)
    old = tg.api.private_message("eine uralte Nachricht")["message"]  # never sent by the bot
    calls = await tg.process(tg.api.callback("tt:2", old))
    sent = [c for c in calls if c.method == "sendMessage"]
    assert [plain(c) for c in sent] == ["Seite 2"]
    assert sent[0].callback_data == ["tt:1"]


async def test_callback_query_is_answered_even_when_the_handler_fails(tg, monkeypatch):
    def broken(req: Request, services) -> Reply:
        raise RuntimeError("kaputt")

    monkeypatch.setitem(CALLBACKS, "kx", broken)
    msg = tg.api.private_message("x")["message"]
    calls = await tg.process(tg.api.callback("kx:1", msg))
    assert "answerCallbackQuery" in [c.method for c in calls]
    assert any(c.text == t.APOLOGY for c in calls if c.method == "sendMessage")


# -- inline mode ------------------------------------------------------------------------------


async def test_inline_query_offers_quotes_and_pages(tg):
    calls = await tg.process(tg.api.inline_query("Frieden"))
    (answer,) = [c for c in calls if c.method == "answerInlineQuery"]
    assert answer.error is None
    results = answer.params["results"]
    assert results
    for r in results:
        assert r["type"] == "article"
        assert r["input_message_content"]["parse_mode"] == "HTML"
        assert "<blockquote>" in r["input_message_content"]["message_text"]
    offset = answer.params.get("next_offset")
    assert offset, "a frequent word should have a second page"

    calls = await tg.process(tg.api.inline_query("Frieden", offset=offset))
    (page2,) = [c for c in calls if c.method == "answerInlineQuery"]
    ids1 = {r["id"] for r in results}
    ids2 = {r["id"] for r in page2.params["results"]}
    assert ids2 and not ids1 & ids2


async def test_inline_query_without_text_answers_empty(tg):
    calls = await tg.process(tg.api.inline_query(""))
    (answer,) = [c for c in calls if c.method == "answerInlineQuery"]
    assert answer.error is None and answer.params["results"] == []


# -- long answers and HTML --------------------------------------------------------------------


async def test_long_answers_are_split_with_buttons_on_the_last_part(tg, register):
    para = "<blockquote>" + ("Ein langer Absatz über Frieden &amp; Krieg. " * 40) + "</blockquote>"
    long_html = "\n\n".join([para] * 12)
    assert len(long_html) > 3 * 4096

    def long(req: Request, services) -> Reply:
        return Reply.text(long_html, [[Button("Weiter", "p:1:1")]])

    register("lang", long)
    update = tg.api.group_message("/lang")
    sent = await tg.replies(update)
    assert len(sent) >= 4
    assert all(len(c.text) <= 4096 for c in sent)
    assert [bool(c.buttons) for c in sent] == [False] * (len(sent) - 1) + [True]
    assert "reply_parameters" in sent[0].params
    assert all("reply_parameters" not in c.params for c in sent[1:])
    assert sum(plain(c).count("Frieden") for c in sent) == 12 * 40


async def test_html_special_characters_in_queries_are_escaped(tg):
    query = "<b>Krieg</b> & *Frieden* _x_"
    sent = await tg.replies(tg.api.private_message(f"/zitat {query}"))
    assert sent and all(c.error is None for c in sent)
    assert query in "".join(plain(c) for c in sent)


async def test_html_special_characters_in_sources_are_escaped(tg):
    services = tg.app.bot_data["services"]
    text = "Über <Macht> & Ohnmacht: die _Sonderzeichenprobe_ im Lesekreis.\n"
    src = Source(
        slug="sonderzeichen",
        title="<Titel> & *Sterne*",
        author="A_u_t_o_r & Co",
        outlet="<Blatt>",
        date=date(2026, 1, 1),
        kind="article",
        file="sonderzeichen.txt",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
    )
    with services.store.transaction():
        services.catalog.add(src)
    services.search.add_source(src, text)

    sent = await tg.replies(tg.api.private_message("/zitat Sonderzeichenprobe"))
    shown = "".join(plain(c) for c in sent)
    assert "Über <Macht> & Ohnmacht: die _Sonderzeichenprobe_" in shown
    assert "<Titel> & *Sterne*" in shown
    inline = [
        c
        for c in await tg.process(tg.api.inline_query("Sonderzeichenprobe"))
        if c.method == "answerInlineQuery"
    ]
    assert inline[0].error is None and inline[0].params["results"]


async def test_broken_html_from_a_handler_still_reaches_the_user_as_plain_text(tg, register):
    register("kaputt", lambda req, services: Reply.text("<b>Fett ohne Ende & mehr"))
    sent = await tg.replies(tg.api.private_message("/kaputt"))
    assert [c.text for c in sent] == ["Fett ohne Ende & mehr"]


# -- errors, limits, robustness ---------------------------------------------------------------


async def test_handler_exception_gives_an_apology_and_the_bot_continues(tg, register, caplog):
    def boom(req: Request, services) -> Reply:
        raise RuntimeError("Absturz im Handler")

    register("boom", boom)
    update = tg.api.private_message("/boom")
    update["update_id"] = 4242
    with caplog.at_level(logging.ERROR):
        sent = await tg.replies(update)
    assert [c.text for c in sent] == [t.APOLOGY]
    assert "Traceback" not in sent[0].text and "Absturz" not in sent[0].text
    assert "4242" in caplog.text and "Absturz im Handler" in caplog.text
    assert await tg.replies(tg.api.private_message("/hilfe"))


async def test_retry_after_is_waited_out_and_retried_once(tg):
    tg.api.fail("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    calls = await tg.process(tg.api.private_message("/hilfe"))
    sends = [c for c in calls if c.method == "sendMessage"]
    assert [c.error is None for c in sends[:2]] == [False, True]
    assert sends[0].text == sends[1].text
    assert all(c.error is None for c in sends[1:])


async def test_blocked_by_the_user_is_logged_and_swallowed(tg, caplog):
    tg.api.fail("sendMessage", 403, "Forbidden: bot was blocked by the user")
    with caplog.at_level(logging.WARNING):
        calls = await tg.process(tg.api.private_message("/hilfe"))  # a two-part answer
    assert [c.method for c in calls] == ["sendMessage"]  # no second part, no apology attempt
    assert "blocked" in caplog.text
    assert await tg.replies(tg.api.private_message("/hilfe"))


async def test_per_user_rate_limit_on_expensive_commands(tg_config, services, fake_api, register):
    register("teuer", lambda req, services: Reply.text("Ergebnis"), expensive=True)
    app = build_application(tg_config, services, user_rate_limit=(2, 30.0))
    from conftest import TelegramHarness

    async with app:
        h = TelegramHarness(app, fake_api, tg_config)
        texts = []
        for _ in range(3):
            texts += [c.text for c in await h.replies(fake_api.private_message("/teuer"))]
        assert texts[:2] == ["Ergebnis", "Ergebnis"]
        assert texts[2].startswith("Bitte kurz warten")
        other = fake_api.user(2002, "Bea")
        assert [
            c.text for c in await h.replies(fake_api.private_message("/teuer", user=other))
        ] == ["Ergebnis"]
        assert await h.replies(fake_api.private_message("/hilfe"))  # cheap commands still work


async def test_rate_limit_says_wait_once_not_for_every_message(
    tg_config, services, fake_api, register
):
    register("teuer", lambda req, services: Reply.text("Ergebnis"), expensive=True)
    app = build_application(tg_config, services, user_rate_limit=(2, 30.0))
    from conftest import TelegramHarness

    async with app:
        h = TelegramHarness(app, fake_api, tg_config)
        chat = fake_api.group_chat()
        texts = []
        for _ in range(6):
            update = fake_api.group_message(f"/teuer@{BOT}", chat=chat)
            texts += [plain(c) for c in await h.replies(update)]
    assert texts[:2] == ["Ergebnis", "Ergebnis"]
    assert len(texts) == 3, texts
    assert re.search(r"Bitte kurz warten … .* In \d+ Sekunden kannst du weiterfragen\.", texts[2])


async def test_edited_messages_go_to_the_edit_hooks(tg):
    edits: list[Request] = []

    def hook(req: Request, services) -> Reply | None:
        edits.append(req)
        return Reply.text("Notiz aktualisiert.") if "Notiz" in req.text else None

    EDIT_HOOKS.append(hook)
    try:
        original = tg.api.group_message("/echo erste Fassung")
        assert await tg.replies(tg.api.edited(original, "Zweite Fassung")) == []
        sent = await tg.replies(tg.api.edited(original, "Notiz: dritte Fassung"))
    finally:
        EDIT_HOOKS.remove(hook)
    assert [r.edited for r in edits] == [True, True]
    assert edits[1].message_id == original["message"]["message_id"]
    assert [c.text for c in sent] == ["Notiz aktualisiert."]


async def test_the_token_never_appears_in_logs(tg, register, caplog):
    def boom(req: Request, services) -> Reply:
        raise RuntimeError("Fehler")

    def upload(req: Request, services) -> Reply:
        assert req.attachment is not None
        return Reply.text(f"{len(req.attachment.load())} Bytes")

    register("boom", boom)
    register("hochladen", upload)
    caplog.set_level(logging.DEBUG)
    await tg.process(tg.api.private_message("/hilfe"))
    await tg.process(tg.api.private_message("/boom"))
    await tg.process(tg.api.document_message(b"abc", caption="/hochladen"))
    await tg.process(tg.api.inline_query("Frieden"))
    assert caplog.records, "expected some log output at DEBUG level"
    assert tg.config.token and tg.config.token not in caplog.text


READING = (
    "Die Lage in Europa\n\nVon Rosa Beispiel\n\n"
    + "Der Frieden in Europa hängt an Verhandlungen, die keiner führen will. " * 20
    + "\n\nEine Probe der Lektüre mit dem Wort Verhandlungsbereitschaftsprobe.\n"
).encode()


async def _as_group_admin(tg) -> None:
    """The default user (1001) becomes an admin the bot has seen in one of its groups: only
    such a user may change the shared sources from a private chat (bot.core.permissions)."""
    group = tg.api.group_chat()
    tg.api.admins.add((group["id"], 1001))
    await tg.replies(tg.api.group_message("/hilfe", tg.api.user(), group))


async def test_real_new_reading_from_a_captioned_document(tg):
    await _as_group_admin(tg)
    sent = await tg.replies(tg.api.document_message(READING, "europa.txt", caption="/neu"))
    shown = " ".join(plain(c) for c in sent)
    assert sent and t.APOLOGY not in shown
    assert tg.api.calls_to("getFile"), "the document was not downloaded"
    found = await tg.replies(tg.api.private_message("/zitat Verhandlungsbereitschaftsprobe"))
    assert "Verhandlungsbereitschaftsprobe" in " ".join(plain(c) for c in found)


async def test_quellen_and_inline_show_a_reading_added_at_run_time(tg):
    await _as_group_admin(tg)
    before = " ".join(plain(c) for c in await tg.replies(tg.api.private_message("/quellen")))
    assert "Die Lage in Europa" not in before
    await tg.replies(tg.api.document_message(READING, "europa.txt", caption="/neu"))
    after = " ".join(plain(c) for c in await tg.replies(tg.api.private_message("/quellen")))
    assert "Die Lage in Europa" in after and "Rosa Beispiel" in after
    assert "(6)" in after
    (inline,) = [
        c
        for c in await tg.process(tg.api.inline_query("Verhandlungsbereitschaftsprobe"))
        if c.method == "answerInlineQuery"
    ]
    assert any("Rosa Beispiel" in r["title"] for r in inline.params["results"])


async def test_new_reading_as_a_reply_to_a_document_in_a_group(tg):
    chat = tg.api.group_chat()
    admin = tg.api.user(77, "Ada")
    tg.api.admins.add((chat["id"], admin["id"]))
    doc = tg.api.document_message(READING, "europa.txt", chat=chat, user=admin)["message"]
    sent = await tg.replies(
        tg.api.group_message(f"/neu@{BOT}", user=admin, chat=chat, reply_to=doc)
    )
    assert sent and t.APOLOGY not in sent[0].text
    assert tg.api.calls_to("getFile")


async def test_replies_in_forum_topics_stay_in_the_topic(tg):
    update = tg.api.group_message("/hilfe")
    update["message"]["is_topic_message"] = True
    update["message"]["message_thread_id"] = 99
    sent = await tg.replies(update)
    assert sent and all(c.params.get("message_thread_id") == 99 for c in sent)


async def test_button_under_a_message_telegram_no_longer_shows_answers_in_the_chat(
    tg, monkeypatch
):
    pressed: list[Request] = []

    def turn(req: Request, services) -> Reply:
        pressed.append(req)
        return Reply(messages=[OutMessage("Seite 2")], edit=True)

    monkeypatch.setitem(CALLBACKS, "tt", turn)
    chat = tg.api.group_chat()
    inaccessible = {"chat": chat, "message_id": 3, "date": 0}  # Bot API: older than 48 hours
    calls = await tg.process(tg.api.callback("tt:2", inaccessible))
    assert [(c.method, c.chat_id) for c in calls if c.method == "sendMessage"] == [
        ("sendMessage", chat["id"])
    ]
    assert "answerCallbackQuery" in [c.method for c in calls]
    assert (pressed[0].chat_id, pressed[0].message_id) == (chat["id"], 3)


async def test_anonymous_group_admin_is_an_admin(tg, seen):
    chat = tg.api.group_chat()
    anonymous = tg.api.user(1087968824, "Group", is_bot=True, username="GroupAnonymousBot")
    update = tg.api.group_message("/echo", user=anonymous, chat=chat)
    update["message"]["sender_chat"] = chat
    await tg.process(update)
    assert [r.is_admin for r in seen] == [True]
    assert not tg.api.calls_to("getChatMember")


async def test_with_telegrams_flood_limits_on_the_bot_still_answers(tg_config, services, fake_api):
    from conftest import TelegramHarness
    from telegram.ext import AIORateLimiter

    config = dataclasses.replace(tg_config, rate_limit=True)
    app = build_application(config, services)
    assert isinstance(app.bot.rate_limiter, AIORateLimiter)
    async with app:
        h = TelegramHarness(app, fake_api, config)
        sent = await h.replies(fake_api.group_message(f"/zitat@{BOT} Karaganow"))
        assert sent and "Karaganow" in plain(sent[0])


async def test_new_title_after_the_rename_button_reaches_the_readings_hook(tg):
    await _as_group_admin(tg)
    sent = await tg.replies(tg.api.document_message(READING, "europa.txt", caption="/neu"))
    with_buttons = next(c for c in sent if "Titel ändern" in str(c.params.get("reply_markup")))
    data = next(d for d in with_buttons.callback_data if d.startswith("rd:t:"))
    await tg.process(tg.api.callback(data, with_buttons))
    renamed = await tg.replies(tg.api.private_message("Europa zwischen den Mächten"))
    assert "Europa zwischen den Mächten" in " ".join(plain(c) for c in renamed)
    listed = await tg.replies(tg.api.private_message("/quellen"))
    assert "Europa zwischen den Mächten" in " ".join(plain(c) for c in listed)


# -- every button the bot can produce ---------------------------------------------------------

LONG_SLUG = "lange-quelle-" + "x" * 37  # 50 characters: the longest slug a user may give


async def test_every_button_of_every_command_fits_in_64_bytes_and_answers(tg, tmp_path):
    """Walk the reply buttons of every registered command (two presses deep) with state in
    every feature: a reading with the longest allowed slug, a meeting, a session, the trash."""
    await _as_group_admin(tg)
    from bot.core.readings import parse_meta_args

    services = tg.app.bot_data["services"]
    text = ("Titel\n\n" + "Der Frieden <&> braucht Verhandlungen über Europa. " * 40).encode()
    meta = parse_meta_args(title="Ein sehr langer Titel " * 8, author="Ö & Ä", slug=LONG_SLUG)
    services.readings.add(text, "lang.txt", meta, dest_dir=tmp_path)
    for setup in (
        "/termin 26.01. 19:30 Imperialismus",
        f"/thema 26.01. Imperialismus Lektüre: {LONG_SLUG}",
        "/sitzung start Test",
        "/notiz Eine Notiz",
        "/notiz Noch eine Notiz",
        "/loeschen 1",
    ):
        await tg.replies(tg.api.private_message(setup))

    queue: list[tuple[ApiCall, int]] = []
    for line in ("/position Europa fazi", f"/zitat Verhandlungen {LONG_SLUG}"):
        queue += [(c, 0) for c in await tg.replies(tg.api.private_message(line))]
    for cmd in unique_commands():
        for line in (f"/{cmd.name}", cmd.example, f"/{cmd.name} {LONG_SLUG}", f"/{cmd.name} fazi"):
            if line.startswith("/"):
                queue += [(c, 0) for c in await tg.replies(tg.api.private_message(line))]
    pressed: set[str] = set()
    seen_data: set[str] = set()
    while queue:
        call, depth = queue.pop(0)
        for data in call.callback_data:
            assert 1 <= len(data.encode()) <= 64, data
            prefix = data.split(":", 1)[0]
            assert prefix in CALLBACKS, f"button {data!r} has no handler"
            seen_data.add(data)
            if data in pressed or depth >= 2 or len(pressed) >= 250:
                continue
            pressed.add(data)
            calls = await tg.process(tg.api.callback(data, call))
            assert [c.method for c in calls].count("answerCallbackQuery") == 1, data
            # "not modified": the press would show what the message already shows (ignored)
            errors = [c.error for c in calls if c.error and "not modified" not in c.error[1]]
            assert not errors, (data, errors)
            for c in calls:
                assert t.APOLOGY not in c.text, data
                if c.method in ("sendMessage", "editMessageText") and c.buttons:
                    queue.append((c, depth + 1))
    prefixes = {d.split(":", 1)[0] for d in seen_data}
    assert {"p", "a", "m", "z", "po", "vg", "nr", "rd", "ss"} <= prefixes, prefixes
