"""A whole session through the real PTB Application and the fake Bot API server over HTTP."""

from __future__ import annotations

from fakebotapi import ApiCall, FakeBotAPI, parse_html

from bot.core import protocol as proto

BOT = "jourfixe_bot"


def texts(calls: list[ApiCall]) -> list[str]:
    return [parse_html(c.text) for c in calls if c.method == "sendMessage"]


async def test_session_end_to_end_through_telegram(tg, services):
    api = tg.api
    chat = api.group_chat(-100777, "Lesekreis Nord")
    anna, ben = api.user(1001, "Anna"), api.user(1002, "Ben")

    async def say(text: str, user: dict, **kw) -> list[ApiCall]:
        return await tg.replies(api.group_message(text, user=user, chat=chat, **kw))

    opened = await say(f"/sitzung@{BOT} start Europa im hybriden Krieg", anna)
    assert "Sitzung eröffnet" in texts(opened)[0]
    assert "✓ Beitrag #1 gespeichert." in texts(await say("/notiz Europa will Weltmacht.", anna))
    assert "#2" in texts(await say("/notiz Ohne die USA geht militärisch nichts.", ben))[0]

    # Ben says something in the chat (the bot stays silent); Anna logs it by replying
    bens = api.group_message("Das ist der emanzipierte Imperialismus.", user=ben, chat=chat)
    assert await tg.process(bens) == []
    logged = await say("/notiz", anna, reply_to=bens["message"])
    assert texts(logged) == ["✓ Beitrag #3 von Ben gespeichert."]

    typo = api.group_message(
        "/ergebnis Europa rüstet auf, um unabhänig zu werden.", user=anna, chat=chat
    )
    assert "Ergebnis #4" in texts(await tg.replies(typo))[0]
    fixed = await tg.replies(
        api.edited(typo, "/ergebnis Europa rüstet auf, um unabhängig zu werden.")
    )
    assert "#4 nach der Bearbeitung aktualisiert" in texts(fixed)[0]

    assert "Offene Frage #5" in texts(await say("/offen Was heißt hybrider Krieg?", ben))[0]
    mistake = await say("/notiz Versehen.", ben)
    deleted = await say("/loeschen", ben, reply_to=api.bot_message(mistake[0]))
    assert texts(deleted)[0].startswith("🗑 Beitrag #6 gelöscht.")

    closed = await say("/sitzung ende", anna)
    assert "Sitzung beendet" in texts(closed)[0] and "(5 Notizen)" in texts(closed)[0]
    shown = "\n\n".join(texts(closed)[1:])
    for piece in [
        "Jour fixe vom",
        "— Europa will Weltmacht.",
        "— Das ist der emanzipierte Imperialismus.",
        "Europa rüstet auf, um unabhängig zu werden.",
        "Offene Fragen\n• Was heißt hybrider Krieg?",
    ]:
        assert piece in shown
    assert "Versehen" not in shown
    documents = [c for c in closed if c.method == "sendDocument"]
    assert len(documents) == 1
    name, content = documents[0].files["document"]
    assert name.startswith("protokoll-") and name.endswith(".md")
    parsed = proto.parse_protocol(content.decode("utf-8"))
    assert parsed.topic == "Europa im hybriden Krieg"
    assert [n.text for n in parsed.notes if n.kind == "contribution"] == [
        "Europa will Weltmacht.",
        "Ohne die USA geht militärisch nichts.",
        "Das ist der emanzipierte Imperialismus.",
    ]
    assert [n.text for n in parsed.notes if n.kind == "question"] == ["Was heißt hybrider Krieg?"]

    again = await say("/protokoll", ben)
    assert texts(again) == texts(closed)[1:]
    assert [c.method for c in again][-1] == "sendDocument"

    # the trash button restores through a real callback query
    trash = await say("/papierkorb", ben)
    assert trash[-1].callback_data == ["nr:6"]
    pressed = await tg.process(api.callback("nr:6", api.bot_message(trash[-1]), user=ben))
    answers = [c for c in pressed if c.method == "answerCallbackQuery"]
    assert answers and "wiederhergestellt" in answers[0].params.get("text", "")
    assert services.notes.note(-100777, 6).deleted is False


def test_note_survives_killing_the_bot_process_right_after_the_confirmation(tmp_path):
    """The real `jourfixe run` process is SIGKILLed the moment it has confirmed a note."""
    from test_e2e import WAIT, _fail_with_log, bot_process

    with FakeBotAPI() as api:
        chat = api.group_chat(-100778, "Lesekreis Süd")
        anna = api.user(1011, "Anna")
        with bot_process(api, tmp_path, "first.log") as (proc, log):
            try:
                api.wait_for("setMyCommands", timeout=WAIT)
                since = api.mark()
                api.inject(api.group_message("/notiz Überlebt den Absturz.", user=anna, chat=chat))
                confirmed = api.wait_for("sendMessage", lambda c: "✓" in c.text, WAIT, since)
            except (AssertionError, TimeoutError) as exc:
                _fail_with_log(exc, api, log)
            proc.kill()  # no shutdown, no checkpoint: like a crash or an OOM kill
            proc.wait(timeout=WAIT)
        assert "Beitrag #1 gespeichert" in parse_html(confirmed.text)
        with bot_process(api, tmp_path, "second.log") as (proc, log):
            try:
                since = api.mark()
                api.inject(api.group_message("/protokoll", user=anna, chat=chat))
                shown = api.wait_for("sendDocument", timeout=WAIT, since=since)
            except (AssertionError, TimeoutError) as exc:
                _fail_with_log(exc, api, log)
        content = shown.files["document"][1].decode("utf-8")
        # once, even if Telegram delivers the unconfirmed update again after the crash
        assert content.count("Überlebt den Absturz.") == 1


async def test_captions_forwards_edits_and_other_chats_through_telegram(tg, services):
    api = tg.api
    chat = api.group_chat(-100779, "Lesekreis West")
    other = api.group_chat(-100780, "Andere Gruppe")
    anna, ben = api.user(1021, "Anna"), api.user(1022, "Ben")

    # a photo or file whose caption is the command: the caption is the note
    scan = api.document_message(b"%PDF", "tafel.pdf", "/notiz Tafelbild: Europa zahlt.", chat=chat)
    scan["message"]["from"] = anna
    assert texts(await tg.replies(scan))[0].startswith("✓ Beitrag #1 gespeichert.")
    # a forwarded message logged by reply keeps the original author, not the forwarder
    fwd = api.group_message(
        "Putin täuscht sich nicht.", user=ben, chat=chat, forward_from_name="Rosa"
    )
    assert await tg.process(fwd) == []
    logged = await tg.replies(
        api.group_message("/notiz", user=anna, chat=chat, reply_to=fwd["message"])
    )
    assert texts(logged) == ["✓ Beitrag #2 von Rosa gespeichert."]
    # Ben corrects his plain message after Anna logged it: the note follows the edit
    plain = api.group_message("Trump diktiert die Bedingugen.", user=ben, chat=chat)
    await tg.process(plain)
    await tg.replies(api.group_message("/notiz", user=anna, chat=chat, reply_to=plain["message"]))
    fixed = await tg.replies(api.edited(plain, "Trump diktiert die Bedingungen."))
    assert texts(fixed) == ["✓ Beitrag #3 nach der Bearbeitung aktualisiert."]
    nb = services.notes
    notes = nb.all_notes(chat["id"])
    assert [(n.text, n.author_name) for n in notes] == [
        ("Tafelbild: Europa zahlt.", "Anna"),
        ("Putin täuscht sich nicht.", "Rosa"),
        ("Trump diktiert die Bedingungen.", "Ben"),
    ]
    # another chat sees none of it, whatever numbers it types
    assert (
        "gibt es in diesem Chat nicht"
        in texts(await tg.replies(api.group_message("/loeschen 1", user=ben, chat=other)))[0]
    )
    assert (
        "keine Sitzung"
        in texts(await tg.replies(api.group_message("/protokoll", user=ben, chat=other)))[0]
    )
    await tg.replies(api.group_message("/loeschen 1", user=anna, chat=chat))
    trash = await tg.replies(api.group_message("/papierkorb", user=anna, chat=chat))
    pressed = await tg.process(api.callback("nr:1", api.bot_message(trash[-1]), user=anna))
    assert pressed and nb.note(chat["id"], 1).deleted is False
    foreign = api.group_message("x", user=ben, chat=other)
    await tg.process(foreign)
    await tg.process(api.callback("nr:1", foreign["message"], user=ben))
    assert nb.all_notes(other["id"]) == [] and nb.note(chat["id"], 1).deleted is False


async def test_a_protocol_full_of_emoji_reaches_the_chat(tg):
    # Telegram counts UTF-16 units: 3000 emoji are 6000 of them, over the 4096 limit
    api = tg.api
    chat = api.group_chat(-100781, "Emoji")
    anna = api.user(1031, "Anna")
    await tg.replies(api.group_message("/notiz " + "🙂" * 3000, user=anna, chat=chat))
    await tg.replies(api.group_message("/notiz " + "🇪🇺 Europa " * 300, user=anna, chat=chat))
    # "&" is five characters in HTML; a blank line inside a note is not a block boundary
    await tg.replies(api.group_message("/ergebnis " + "A & B " * 600, user=anna, chat=chat))
    await tg.replies(
        api.group_message("/notiz " + "Absatz eins.\n\nAbsatz zwei. " * 150, user=anna, chat=chat)
    )
    for command in ("/protokoll", "/notizen", "/notizen Europa"):
        calls = await tg.process(api.group_message(command, user=anna, chat=chat))
        sent = [c for c in calls if c.method in ("sendMessage", "sendDocument")]
        assert sent and all(c.error is None for c in sent), command
        assert "schiefgegangen" not in " ".join(parse_html(c.text or "") for c in sent)
    shown = "".join(parse_html(c.text) for c in calls if c.method == "sendMessage")
    assert "🇪🇺 Europa" in shown
