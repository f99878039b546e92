"""/neu, /entfernen and the title/author buttons: handlers, the console and Telegram."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import helpers
import pytest
from fixtures.readings.make import (
    ARTICLE_TITLE,
    PROTOCOL_TEXT,
    UNKNOWN_PROTOCOL_TEXT,
    article_docx,
    article_html,
    article_pdf,
    pdf_bytes,
)
from helpers import html
from helpers import pairs as buttons

from bot.config import Config
from bot.console import run_console
from bot.core import permissions
from bot.handlers import base
from bot.handlers.base import Attachment, Reply, Request
from bot.services import Services

SLUG = "europa-im-hybriden-krieg"


def attachment(data: bytes, name: str, size: int | None = None) -> Attachment:
    return Attachment(name, len(data) if size is None else size, None, lambda: data)


# a group member who is an admin, unless a test says otherwise
IN_GROUP = {"chat_id": -100, "chat_type": "supergroup", "user_id": 7, "is_admin": True}


def request(text: str = "", **kw: object) -> Request:
    return helpers.request(text, **{**IN_GROUP, **kw})


def neu(services: Services, att: Attachment | None, args: str = "", **kw: object) -> Reply:
    return helpers.send(f"/neu {args}".strip(), services, attachment=att, **{**IN_GROUP, **kw})


def press(services: Services, data: str, **kw: object) -> Reply:
    return helpers.press(data, services, **{**IN_GROUP, **kw})


def say(services: Services, text: str, **kw: object) -> Reply | None:
    """A plain message, dispatched the way the adapters do: hooks first."""
    req = request(text, **kw)
    for hook in base.MESSAGE_HOOKS:
        reply = hook(req, services)
        if reply is not None:
            return reply
    return None


def titles(services: Services) -> list[str]:
    return [s.title for s in services.catalog.sources]


# --- /neu ------------------------------------------------------------------------------------


def test_neu_with_a_document_answers_with_what_it_found(services: Services) -> None:
    reply = neu(services, attachment(article_docx(), "hybrid.docx"))
    text = html(reply)
    assert f"<b>{ARTICLE_TITLE}</b>" in text
    assert "Autor: Jane Roe · Datum: 03.10.2025 · Art: Artikel" in text
    assert "3 Abschnitte durchsuchbar" in text
    assert "(automatisch erstellt)" in text
    assert buttons(reply) == [("Titel ändern", f"rd:t:{SLUG}"), ("Autor ändern", f"rd:a:{SLUG}")]
    assert services.search.search("Drohnenwand")[0].source.slug == SLUG
    listing = helpers.send("/quellen", services, **IN_GROUP)
    assert ARTICLE_TITLE in html(listing)
    stored = Path(services.catalog.get(SLUG).file)
    assert stored.parent == (services.config.data_dir / "readings").resolve()


def test_neu_protokoll_word_forces_the_kind(services: Services) -> None:
    reply = neu(services, attachment(PROTOCOL_TEXT.encode(), "jf.txt"), "protokoll")
    assert "Art: Protokoll" in html(reply)
    assert services.catalog.get("protokoll-2026-01-26").kind == "protocol"


def test_neu_is_for_admins_in_groups(services: Services) -> None:
    def explode() -> bytes:
        raise AssertionError("must not download")

    att = Attachment("hybrid.pdf", 1000, None, explode)
    reply = neu(services, att, is_admin=False)
    assert html(reply) == "Das dürfen in Gruppen nur Admins."
    # in a private chat: someone the bot has seen as admin of one of its groups
    permissions.record_admin_status(services.store, -100, 7, True, services.clock())
    reply = neu(services, attachment(article_pdf(), "h.pdf"), chat_type="private", is_admin=False)
    assert "Neuer Text aufgenommen" in html(reply)


def test_neu_refuses_big_files_before_downloading(services: Services) -> None:
    def explode() -> bytes:
        raise AssertionError("must not download")

    before = titles(services)
    reply = neu(services, Attachment("buch.pdf", 12 * 1024 * 1024, None, explode))
    assert "12,0 MB" in html(reply) and "höchstens 5 MB" in html(reply)
    reply = neu(services, Attachment("film.mp4", 100, None, explode))
    assert "kann ich nicht lesen" in html(reply)
    assert titles(services) == before


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "leer.txt", "ist leer"),
        (pdf_bytes([[]]), "scan.pdf", "gescanntes PDF ohne Textebene"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "bild.txt", "Binärdaten"),
        (b"<b>\xff</b>" * 10, "kaputt.docx", "keine lesbare Word-Datei"),
    ],
)
def test_neu_bad_files_get_a_german_message_and_change_nothing(
    services: Services, data: bytes, name: str, message: str
) -> None:
    before = titles(services)
    reply = neu(services, attachment(data, name))
    assert message in html(reply)
    assert "<" not in html(reply).replace("<code>", "").replace("</code>", "")
    assert titles(services) == before


def test_neu_unknown_protocol_layout_is_refused_with_the_way_out(services: Services) -> None:
    before = titles(services)
    reply = neu(services, attachment(UNKNOWN_PROTOCOL_TEXT.encode(), "jf.txt"))
    assert "Layout kenne ich nicht" in html(reply)
    assert "<code>/neu artikel</code>" in html(reply)
    assert titles(services) == before
    added = neu(services, attachment(UNKNOWN_PROTOCOL_TEXT.encode(), "jf.txt"), "artikel")
    assert "Art: Artikel" in html(added)


def test_neu_counts_one_passage_in_the_singular(services: Services) -> None:
    text = "Kurzer Text\n\nDie Gewerkschaften kritisieren die Aufrüstung der Bundeswehr scharf.\n"
    reply = neu(services, attachment(text.encode(), "kurz.txt"))
    assert "· 1 Abschnitt durchsuchbar" in html(reply)


def test_neu_duplicate_is_refused(services: Services) -> None:
    neu(services, attachment(article_pdf(), "hybrid.pdf"))
    reply = neu(services, attachment(article_html(), "hybrid.html"))
    assert "fast identisch mit „Europa im hybriden Krieg“" in html(reply)
    assert titles(services).count(ARTICLE_TITLE) == 1


def test_neu_without_document_explains_how(services: Services) -> None:
    assert "Beschriftung" in html(neu(services, None))
    ref = base.MessageRef(1, "", 9, "Bea", services.clock())
    # "/neu" in reply to a message without a file (the adapter passes a replied-to file on)
    assert "In der Nachricht, auf die du antwortest, ist keine Datei" in html(
        neu(services, None, reply_to=ref)
    )


def test_a_file_without_neu_gets_the_hint_not_a_search(services: Services) -> None:
    att = attachment(article_pdf(), "h.pdf")
    reply = say(services, "Hier der Text für nächste Woche", attachment=att)
    assert reply is not None and "antworte auf sie mit <code>/neu</code>" in html(reply)
    member = say(services, "", attachment=att, is_admin=False)
    assert member is not None and "nur Admins" in html(member)
    assert ARTICLE_TITLE not in titles(services)


def test_neu_download_failure(services: Services) -> None:
    def fail() -> bytes:
        raise OSError("network")

    reply = neu(services, Attachment("hybrid.pdf", 100, None, fail))
    assert "nicht herunterladen" in html(reply)


# --- Titel ändern / Autor ändern -------------------------------------------------------------


def test_title_button_takes_the_next_message_of_that_user(services: Services) -> None:
    neu(services, attachment(article_pdf(), "hybrid.pdf"))
    ask = press(services, f"rd:t:{SLUG}")
    assert "neuen Titel" in html(ask)
    assert say(services, "Meine Meinung dazu", user_id=8) is None  # someone else: a question
    assert say(services, "Anderswo", chat_id=-200) is None  # same user, other chat
    done = say(services, "  Europa <rüstet> auf  ")
    assert done is not None
    assert "Titel geändert: <b>Europa &lt;rüstet&gt; auf</b>" in html(done)
    assert services.catalog.get(SLUG).title == "Europa <rüstet> auf"
    assert say(services, "noch etwas") is None  # the edit is used up


def test_author_button_validation_and_cancel(services: Services) -> None:
    neu(services, attachment(article_pdf(), "hybrid.pdf"))
    press(services, f"rd:a:{SLUG}")
    too_long = say(services, "x" * 500)
    assert "zu lang" in html(too_long)
    done = say(services, "Jane Q. Roe 🙂")
    assert "Autor geändert" in html(done)
    assert services.catalog.get(SLUG).author == "Jane Q. Roe 🙂"
    press(services, f"rd:a:{SLUG}")
    assert "Abgebrochen" in html(say(services, "-"))
    assert services.catalog.get(SLUG).author == "Jane Q. Roe 🙂"


def test_pending_edit_expires(services: Services) -> None:
    neu(services, attachment(article_pdf(), "hybrid.pdf"))
    press(services, f"rd:t:{SLUG}")
    later = services.clock() + timedelta(minutes=20)
    services.clock = lambda: later
    assert say(services, "Zu spät") is None
    assert services.catalog.get(SLUG).title == ARTICLE_TITLE


def test_edit_buttons_need_admin_and_refuse_bundled_sources(services: Services) -> None:
    neu(services, attachment(article_pdf(), "hybrid.pdf"))
    assert (
        press(services, f"rd:t:{SLUG}", is_admin=False).toast
        == "Das dürfen in Gruppen nur Admins."
    )
    assert say(services, "Neuer Titel") is None
    assert "sources.yaml" in (press(services, "rd:t:fazi-illusion").toast or "")
    assert press(services, "rd:t:gibt-es-nicht").toast == "Die Quelle gibt es nicht mehr."


# --- /entfernen ------------------------------------------------------------------------------


def entfernen(services: Services, args: str, **kw: object) -> Reply:
    return helpers.send(f"/entfernen {args}", services, **{**IN_GROUP, **kw})


def test_entfernen_asks_then_removes_and_keeps_the_file(services: Services) -> None:
    neu(services, attachment(article_pdf(), "hybrid.pdf"))
    stored = Path(services.catalog.get(SLUG).file)
    ask = entfernen(services, "hybriden Krieg")
    assert "Soll „Europa im hybriden Krieg“" in html(ask)
    assert buttons(ask) == [("Ja, entfernen", f"rd:y:{SLUG}"), ("Abbrechen", "rd:n")]
    assert services.catalog.get(SLUG) is not None  # nothing happens before the confirmation
    done = press(services, f"rd:y:{SLUG}")
    assert done.edit
    assert "ist entfernt" in html(done)
    assert services.catalog.get(SLUG) is None
    assert services.search.search("Drohnenwand") == []
    assert stored.is_file()
    assert press(services, f"rd:y:{SLUG}").toast == "Die Quelle gibt es nicht mehr."


def test_entfernen_edge_cases(services: Services) -> None:
    assert "/entfernen QUELLE" in html(entfernen(services, ""))
    assert "finde ich nicht" in html(entfernen(services, "Kochrezepte"))
    assert html(entfernen(services, "Fazi", is_admin=False)) == "Das dürfen in Gruppen nur Admins."
    which = entfernen(services, "Fazi")  # two sources by Fazi: choose
    assert html(which) == "Welche Quelle soll ich entfernen?"
    assert ("Abbrechen", "rd:n") in buttons(which)
    refused = press(services, "rd:y:fazi-illusion")  # never asked: a forged button
    assert refused.toast == "Diese Bestätigung gilt nicht (mehr). Es wurde nichts geändert."
    assert services.catalog.get("fazi-illusion") is not None
    assert "Nichts entfernt" in html(press(services, "rd:n"))


def test_entfernen_refuses_bundled_sources_before_asking(services: Services) -> None:
    for reply in (entfernen(services, "fazi-illusion"), press(services, "rd:r:fazi-illusion")):
        assert "mitgelieferten Bestand" in html(reply)
        assert buttons(reply) == []  # no "Ja, entfernen" that could only fail
    assert services.catalog.get("fazi-illusion") is not None


def test_callback_data_fits_telegram_limit(services: Services) -> None:
    from bot.core.readings import Meta

    slug = "s" * 50
    services.readings.add(article_pdf(), "h.pdf", Meta(slug=slug), services.config.data_dir)
    reply = entfernen(services, slug)
    assert all(len(data.encode()) <= 64 for _, data in buttons(reply))


# --- through the console and through Telegram ------------------------------------------------


def test_console_neu_then_fix_title(tmp_path: Path) -> None:
    path = tmp_path / "hybrid.html"
    path.write_bytes(article_html())
    out = io.StringIO()
    config = Config(db_path=tmp_path / "c.db", data_dir=tmp_path / "data")
    lines = f"/neu {path}\n1\nEuropa und der hybride Krieg\n/quellen\n/ende\n"
    assert run_console(config, stdin=io.StringIO(lines), stdout=out, download_dir=tmp_path) == 0
    text = out.getvalue()
    assert "Neuer Text aufgenommen: Europa im hybriden Krieg" in text
    assert "Titel geändert: Europa und der hybride Krieg" in text
    assert "Europa und der hybride Krieg" in text.split("Titel geändert")[1]


async def test_telegram_document_with_caption_neu(tg, fake_api) -> None:
    group = fake_api.group_chat()
    fake_api.admins.add((group["id"], 1001))
    await tg.replies(fake_api.group_message("/hilfe", fake_api.user(), group))  # seen as admin
    update = fake_api.document_message(article_pdf(), "hybrid.pdf", caption="/neu",
                                       mime_type="application/pdf")  # fmt: skip
    sent = await tg.replies(update)
    assert "Neuer Text aufgenommen: <b>Europa im hybriden Krieg</b>" in sent[0].text
    assert f"rd:t:{SLUG}" in sent[-1].callback_data
    big = fake_api.document_message(b"x" * (6 * 1024 * 1024), "riesig.txt", caption="/neu")
    sent = await tg.replies(big)
    assert "höchstens 5 MB" in sent[0].text


async def test_telegram_group_neu_in_reply_to_a_document_and_admin_only(tg, fake_api) -> None:
    chat = fake_api.group_chat()
    admin, member = fake_api.user(1, "Ada"), fake_api.user(2, "Max")
    fake_api.admins.add((chat["id"], admin["id"]))
    doc = fake_api.document_message(article_pdf(), "h.pdf", chat=chat, user=member)
    assert await tg.replies(doc) == []  # a file in a group without /neu: the bot stays quiet
    refused = await tg.replies(
        fake_api.group_message("/neu", member, chat, reply_to=doc["message"])
    )
    assert refused[0].text == "Das dürfen in Gruppen nur Admins."
    sent = await tg.replies(fake_api.group_message("/neu", admin, chat, reply_to=doc["message"]))
    assert "Neuer Text aufgenommen: <b>Europa im hybriden Krieg</b>" in sent[0].text
    text = fake_api.group_message("Hallo", member, chat)["message"]
    sent = await tg.replies(fake_api.group_message("/neu", admin, chat, reply_to=text))
    assert "ist keine Datei" in sent[0].text


async def test_telegram_entfernen_in_a_group_only_for_admins(tg, fake_api, services) -> None:
    chat = fake_api.group_chat()
    admin, member = fake_api.user(1, "Ada"), fake_api.user(2, "Max")
    fake_api.admins.add((chat["id"], admin["id"]))
    await tg.replies(
        fake_api.document_message(article_pdf(), "h.pdf", "/neu", chat=chat, user=admin)
    )
    sent = await tg.replies(fake_api.group_message("/entfernen hybriden", member, chat))
    assert sent[0].text == "Das dürfen in Gruppen nur Admins."
    ask = (await tg.replies(fake_api.group_message("/entfernen hybriden", admin, chat)))[-1]
    assert ask.callback_data == [f"rd:y:{SLUG}", "rd:n"]
    calls = await tg.process(fake_api.callback(f"rd:y:{SLUG}", ask, user=member))
    assert [(c.method, c.params.get("text")) for c in calls] == [
        ("answerCallbackQuery", "Das dürfen in Gruppen nur Admins.")
    ]
    assert services.catalog.get(SLUG) is not None
    calls = await tg.process(fake_api.callback(f"rd:y:{SLUG}", ask, user=admin))
    assert "ist entfernt" in [c for c in calls if c.method == "editMessageText"][0].text
    assert services.catalog.get(SLUG) is None


async def test_telegram_question_finds_a_reading_another_process_added(tg, fake_api) -> None:
    from bot.services import build_services

    cli = build_services(tg.config)  # `jourfixe add` while the bot runs: same database
    cli.readings.add(article_pdf(), "hybrid.pdf", dest_dir=tg.config.data_dir / "cli")
    cli.store.close()
    sent = await tg.replies(fake_api.private_message("Was steht über Kanonen und Sanktionen?"))
    assert "Europa im hybriden Krieg" in sent[0].text


# --- JOURFIXE_EDITORS: who may change the shared sources ---------------------------------------


@pytest.fixture
def locked(services: Services):
    """The same services with JOURFIXE_EDITORS=7 (only user 7 may change the sources)."""
    from dataclasses import replace

    original = services.config
    services.config = replace(original, editors=frozenset({7}))
    yield services
    services.config = original


def test_editors_list_locks_private_chats_and_groups(locked: Services) -> None:
    data = PROTOCOL_TEXT.encode()
    stranger = {"user_id": 99, "chat_id": 99, "chat_type": "private"}
    refused = neu(locked, attachment(data, "p.txt"), **stranger)
    assert locked.catalog.get(SLUG) is None and len(locked.catalog.sources) == 5
    assert "Quellen teilen sich alle Chats" in html(refused)
    admin_elsewhere = {"user_id": 98, "chat_id": -5, "chat_type": "group", "is_admin": True}
    neu(locked, attachment(data, "p.txt"), **admin_elsewhere)
    assert len(locked.catalog.sources) == 5
    neu(locked, attachment(data, "p.txt"), user_id=7, chat_id=7, chat_type="private")
    assert len(locked.catalog.sources) == 6


def test_without_editors_list_a_strangers_private_chat_may_not_add(services: Services) -> None:
    reply = neu(services, attachment(PROTOCOL_TEXT.encode(), "p.txt"), chat_id=99,
                chat_type="private", user_id=99, is_admin=True)  # fmt: skip
    assert "nur Admins der Gruppen" in html(reply)
    assert len(services.catalog.sources) == 5


def test_config_reads_editor_ids() -> None:
    assert Config.from_env({"JOURFIXE_EDITORS": "7, 8;x 9"}).editors == {7, 8, 9}
    assert Config.from_env({}).editors == frozenset()
