"""Session notes through the plain handlers: sessions, kinds, corrections, trash, privacy."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import pytest
from helpers import html, request, send

from bot.core import schema
from bot.core.notes import NoteBook
from bot.core.store import Store
from bot.handlers import notes as h
from bot.handlers.base import COMMANDS, EDIT_HOOKS, MessageRef, Reply, Request
from bot.handlers.dispatch import dispatch
from bot.handlers.format import quote_block

CHAT = -1001
OTHER_CHAT = -2002
ANNA, BEN, CARL = 11, 22, 33
NAMES = {ANNA: "Anna", BEN: "Ben", CARL: "Carl"}
START = datetime(2026, 1, 26, 18, 0, tzinfo=UTC)  # 19:00 in Berlin


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def svc(services):
    services.clock = Clock()
    return services


_message_ids = iter(range(1000, 10**6))


def _fields(chat: int = CHAT, user: int = ANNA, **kw) -> dict:
    """A group message of ``user`` (Anna by default), each with its own message id."""
    kw.setdefault("message_id", next(_message_ids))
    name = NAMES.get(user, "X")
    return dict(
        chat_id=chat, chat_type="supergroup", user_id=user, user_name=name, date=START, **kw
    )


def req(text: str, **kw) -> Request:
    return request(text, **_fields(**kw))


def run(text: str, svc, **kw) -> Reply:
    return send(text, svc, **_fields(**kw))


def plain(reply: Reply) -> str:
    """What a Telegram client shows (and what reply_to.text carries): tags removed."""
    import html as html_mod

    return html_mod.unescape(re.sub(r"<[^>]+>", "", html(reply)))


def bot_ref(reply: Reply, message_id: int = 5000) -> MessageRef:
    return MessageRef(message_id, plain(reply), 999, "Jourfixe", START, from_this_bot=True)


def num_of(reply: Reply) -> int:
    assert reply.note_ref is not None and reply.note_ref[0] == "note"
    return reply.note_ref[1]


def book(svc) -> NoteBook:
    return svc.notes


# -- sessions ----------------------------------------------------------------------------


def test_session_start_show_and_end(svc):
    assert "keine Sitzung" in html(run("/sitzung", svc))
    opened = html(run("/sitzung start Europa im hybriden Krieg", svc))
    assert "Jour fixe vom 26.01.2026 – Europa im hybriden Krieg" in opened
    run("/notiz Erster Beitrag.", svc)
    shown = html(run("/sitzung", svc))
    assert "Europa im hybriden Krieg" in shown and "1 Notiz." in shown
    closed = run("/sitzung ende", svc)
    assert "Sitzung beendet" in closed.messages[0].html
    assert "— <i>Erster Beitrag.</i>" in html(closed)  # the protocol follows
    assert book(svc).current_session(CHAT) is None
    assert "keine Sitzung" in html(run("/sitzung ende", svc))


def test_closing_with_one_note_says_notiz_in_the_singular(svc):
    run("/sitzung start Kurz", svc)
    run("/notiz Nur eine.", svc)
    assert "(1 Notiz)" in run("/sitzung ende", svc).messages[0].html
    run("/sitzung start Leer", svc)
    assert "(0 Notizen)" in run("/sitzung ende", svc).messages[0].html


def test_only_the_starter_or_an_admin_ends_a_session(svc):
    run("/sitzung start Europa", svc, user=ANNA, is_admin=False)
    refused = html(run("/sitzung ende", svc, user=BEN, is_admin=False))
    assert refused.startswith("Beenden darf die Sitzung nur, wer sie begonnen hat")
    assert book(svc).current_session(CHAT) is not None
    assert "Sitzung beendet" in html(run("/sitzung ende", svc, user=ANNA, is_admin=False))
    run("/sitzung start Europa", svc, user=ANNA, is_admin=False)
    assert "Sitzung beendet" in html(run("/sitzung ende", svc, user=BEN, is_admin=True))


def test_one_open_session_per_chat_and_chats_are_separate(svc):
    run("/sitzung start A", svc)
    again = html(run("/sitzung start B", svc))
    assert "schon eine Sitzung" in again and "A" in again
    assert book(svc).current_session(CHAT).topic == "A"
    other = html(run("/sitzung start C", svc, chat=OTHER_CHAT))
    assert "Sitzung eröffnet" in other
    assert book(svc).current_session(OTHER_CHAT).topic == "C"


def test_unknown_session_word_gets_usage(svc):
    text = html(run("/sitzung vielleicht", svc))
    assert "verstehe ich nicht" in text and "/sitzung start" in text


def test_note_without_session_opens_one_for_today(svc):
    reply = run("/notiz Ohne Sitzung notiert.", svc)
    text = html(reply)
    assert text.startswith("✓ Beitrag #1 gespeichert.")
    assert "Neue Sitzung eröffnet" in text and "26.01.2026" in text
    session = book(svc).current_session(CHAT)
    assert session is not None and session.day.isoformat() == "2026-01-26"
    # the next note joins that session and says nothing about opening one
    assert "Neue Sitzung" not in html(run("/notiz Zweiter.", svc))


def test_session_day_is_local_date(svc):
    svc.clock = lambda: datetime(2026, 1, 26, 23, 30, tzinfo=UTC)  # 00:30 in Berlin
    run("/notiz Nach Mitternacht.", svc)
    assert book(svc).current_session(CHAT).day.isoformat() == "2026-01-27"


# -- notes -------------------------------------------------------------------------------


def test_kinds_are_confirmed_after_commit_with_their_number(svc):
    replies = [
        run("/notiz Ein Beitrag.", svc),
        run("/ergebnis Ein Ergebnis.", svc),
        run("/offen Eine Frage?", svc),
        run("/abschnitt Zweiter Teil", svc),
        run("/abschnitt", svc),
    ]
    texts = [html(r).splitlines()[0] for r in replies]
    assert texts == [
        "✓ Beitrag #1 gespeichert.",
        "✓ Ergebnis #2 gespeichert.",
        "✓ Offene Frage #3 gespeichert.",
        "✓ Abschnitt #4 begonnen: Zweiter Teil",
        "✓ Abschnitt #5 begonnen.",
    ]
    # confirmed means committed: a second connection to the file sees every note
    other = Store.open(svc.config.db_path)
    try:
        rows = other.db.execute("SELECT num, kind FROM notes WHERE chat_id = ?", (CHAT,))
        assert [tuple(r) for r in rows] == [
            (1, "contribution"),
            (2, "conclusion"),
            (3, "question"),
            (4, "section"),
            (5, "section"),
        ]
    finally:
        other.close()


def test_reply_note_logs_the_original_author_and_time(svc):
    original = MessageRef(77, "Das ist ein Widerspruch!", BEN, "Ben", START - timedelta(hours=1))
    reply = run("/notiz", svc, user=ANNA, reply_to=original)
    assert html(reply).startswith("✓ Beitrag #1 von Ben gespeichert.")
    note = book(svc).note(CHAT, 1)
    assert (note.text, note.author_id, note.author_name) == (
        "Das ist ein Widerspruch!",
        BEN,
        "Ben",
    )
    assert note.created_at == START - timedelta(hours=1)
    assert note.logged_by == ANNA and note.message_id == 77


def test_reply_note_keeps_a_forwarded_messages_origin(svc):
    # the adapter puts a forward's origin into author_name
    forwarded = MessageRef(78, "Zitat aus dem Kanal", BEN, "Rosa L.", START)
    run("/ergebnis", svc, reply_to=forwarded)
    note = book(svc).note(CHAT, 1)
    assert note.kind == "conclusion" and note.author_name == "Rosa L."


def test_forwarded_command_keeps_forward_origin(svc):
    run("/notiz Weitergeleitet.", svc, forward_from="Clara")
    assert book(svc).note(CHAT, 1).author_name == "Clara"


def test_reply_to_message_without_text_is_refused(svc):
    photo = MessageRef(79, "", BEN, "Ben", START)
    assert "keinen Text" in html(run("/notiz", svc, reply_to=photo))
    assert book(svc).all_notes(CHAT) == []


@pytest.mark.parametrize("command", ["/notiz", "/ergebnis", "/offen", "/notiz    ", "/korrektur"])
def test_empty_note_gets_usage_and_stores_nothing(svc, command):
    run("/notiz Vorher.", svc)
    text = html(run(command, svc))
    assert "leer" in text and "Benutzung" in text and "Beispiel" in text
    assert [n.text for n in book(svc).all_notes(CHAT)] == ["Vorher."]


def test_too_long_note_is_refused_clearly_and_4000_characters_are_fine(svc):
    text = html(run("/notiz " + "x" * 4001, svc))
    assert "zu lang" in text and "4001" in text and "4000" in text and "Nichts gespeichert" in text
    assert book(svc).all_notes(CHAT) == []
    long_reply = MessageRef(80, "y" * 4096, BEN, "Ben", START)
    assert "zu lang" in html(run("/notiz", svc, reply_to=long_reply))
    # the message is someone else's: the answer says how to log parts of it, not "shorten it"
    answer = html(run("/ergebnis", svc, reply_to=long_reply))
    assert "4096" in answer and "/notiz TEXT" in answer and "kürze" not in answer
    assert html(run("/notiz " + "z" * 4000, svc)).startswith("✓ Beitrag #1")


def test_emoji_and_html_in_notes_are_kept_and_escaped(svc):
    run("/notiz <b>Trump</b> & Putin 🤝 „Deal“", svc)
    assert book(svc).note(CHAT, 1).text == "<b>Trump</b> & Putin 🤝 „Deal“"
    listing = html(run("/notizen", svc))
    assert "&lt;b&gt;Trump&lt;/b&gt; &amp; Putin 🤝" in listing
    assert "<b>Trump</b>" not in listing


def test_caption_of_a_media_message_is_logged(svc):
    # a photo with the caption "/notiz Tafelbild" arrives as text/args like any message
    run("/notiz Tafelbild der Sitzung", svc)
    assert book(svc).note(CHAT, 1).text == "Tafelbild der Sitzung"


def test_correction_replaces_the_authors_own_last_note(svc):
    run("/notiz Annas erster.", svc, user=ANNA)
    run("/notiz Annas zweiter mit Tippfelher.", svc, user=ANNA)
    run("/notiz Bens Beitrag.", svc, user=BEN)
    reply = run("/korrektur Annas zweiter ohne Tippfehler.", svc, user=ANNA)
    assert html(reply) == "✓ Beitrag #2 korrigiert."
    texts = [n.text for n in book(svc).all_notes(CHAT)]
    assert texts == ["Annas erster.", "Annas zweiter ohne Tippfehler.", "Bens Beitrag."]
    assert "noch keine Notiz" in html(run("/korrektur Nichts.", svc, user=CARL))


def test_delete_in_reply_to_the_confirmation(svc):
    confirmation = run("/notiz Versehentlich.", svc, user=BEN)
    run("/notiz Bleibt.", svc, user=BEN)
    reply = run("/loeschen", svc, user=BEN, reply_to=bot_ref(confirmation))
    assert html(reply).startswith("🗑 Beitrag #1 gelöscht.")
    # "Beitrag … stellt sie wieder her" was wrong German for every label but "Notiz"
    assert html(reply) == "🗑 Beitrag #1 gelöscht. Wiederherstellen: /papierkorb"
    assert [n.text for n in book(svc).all_notes(CHAT)] == ["Bleibt."]
    assert "gibt es in diesem Chat nicht" in html(
        run("/loeschen", svc, user=BEN, reply_to=bot_ref(confirmation))
    )


def test_delete_by_number_and_without_target(svc):
    run("/notiz Eins.", svc)
    assert "Welche Notiz" in html(run("/loeschen", svc))
    not_bot = MessageRef(5, "✓ Beitrag #1 gespeichert.", BEN, "Ben", START)  # a human's echo
    assert "Welche Notiz" in html(run("/loeschen", svc, reply_to=not_bot))
    assert "gelöscht" in html(run("/loeschen #1", svc))


def test_only_the_author_or_an_admin_may_delete(svc):
    run("/notiz Annas Notiz.", svc, user=ANNA)
    refused = html(run("/loeschen 1", svc, user=CARL, is_admin=False))
    assert "Nur wer die Notiz geschrieben hat" in refused
    assert book(svc).note(CHAT, 1).deleted is False
    assert "gelöscht" in html(run("/loeschen 1", svc, user=CARL, is_admin=True))


def test_author_of_a_reply_note_may_delete_it(svc):
    original = MessageRef(81, "Bens Satz.", BEN, "Ben", START)
    run("/notiz", svc, user=ANNA, reply_to=original)
    assert "gelöscht" in html(run("/loeschen 1", svc, user=BEN, is_admin=False))


def test_trash_lists_deleted_notes_and_the_button_restores(svc):
    assert html(run("/papierkorb", svc)) == "Der Papierkorb ist leer."
    run("/notiz Erste.", svc)
    run("/notiz Zweite.", svc)
    run("/loeschen 1", svc)
    trash = run("/papierkorb", svc)
    assert "#1 · Beitrag" in html(trash) and "Erste." in html(trash)
    buttons = [b for row in trash.messages[-1].buttons for b in row]
    assert [b.data for b in buttons] == ["nr:1"]
    assert all(len(b.data.encode()) <= 64 for b in buttons)
    pressed = dispatch(req("", callback_data="nr:1"), svc)
    assert pressed.edit and pressed.toast == "↩ Beitrag #1 wiederhergestellt."
    assert "leer" in html(pressed)
    assert [n.text for n in book(svc).all_notes(CHAT)] == ["Erste.", "Zweite."]
    again = dispatch(req("", callback_data="nr:1"), svc)  # an old button
    assert again.toast == "Diese Notiz ist nicht mehr im Papierkorb."
    junk = dispatch(req("", callback_data="nr:xyz"), svc)
    assert junk.toast is not None


def test_restore_needs_author_or_admin(svc):
    run("/notiz Annas.", svc, user=ANNA)
    run("/loeschen 1", svc, user=ANNA)
    pressed = dispatch(req("", user=CARL, is_admin=False, callback_data="nr:1"), svc)
    assert "Nur wer" in pressed.toast
    assert book(svc).note(CHAT, 1).deleted


def test_no_chat_can_read_or_change_another_chats_notes(svc):
    run("/sitzung start Geheim", svc, chat=CHAT)
    run("/notiz Vertraulicher Beitrag über Karaganow.", svc, chat=CHAT)
    run("/notiz Zweiter vertraulicher.", svc, chat=CHAT)
    run("/loeschen 2", svc, chat=CHAT)
    # the other chat types the same numbers
    for command in ("/loeschen 1", "/loeschen 2"):
        assert "gibt es in diesem Chat nicht" in html(run(command, svc, chat=OTHER_CHAT))
    restore = dispatch(req("", chat=OTHER_CHAT, callback_data="nr:2"), svc)
    assert restore.toast == "Diese Notiz ist nicht mehr im Papierkorb."
    assert "leer" in html(run("/papierkorb", svc, chat=OTHER_CHAT))
    assert "noch keine Notiz" in html(run("/korrektur Übernommen!", svc, chat=OTHER_CHAT))
    assert "noch keine Sitzung" in html(run("/notizen", svc, chat=OTHER_CHAT))
    assert "Keine Notiz" in html(run("/notizen Karaganow", svc, chat=OTHER_CHAT))
    assert "noch keine Sitzung" in html(run("/protokoll", svc, chat=OTHER_CHAT))
    assert "keine Sitzung" in html(run("/protokoll 26.01.2026", svc, chat=OTHER_CHAT))
    edit = req("Gekapert", chat=OTHER_CHAT, edited=True)
    edit = replace(edit, message_id=book(svc).note(CHAT, 1).message_id)
    assert h.on_edit(edit, svc) is None
    # chat A is untouched
    assert book(svc).note(CHAT, 1).text == "Vertraulicher Beitrag über Karaganow."
    assert book(svc).note(CHAT, 2).deleted
    # and its own numbering is independent
    assert html(run("/notiz Eigener.", svc, chat=OTHER_CHAT)).startswith("✓ Beitrag #1 ")


def test_edit_of_a_logged_message_updates_the_note(svc):
    command = req("/notiz Erste Fassung.")
    h.notiz(command, svc)
    original = MessageRef(90, "Bens erste Fassung.", BEN, "Ben", START)
    run("/notiz", svc, reply_to=original)
    edited_command = replace(
        command, text="/notiz Zweite Fassung.", args="Zweite Fassung.", edited=True
    )
    reply = h.on_edit(edited_command, svc)
    assert reply is not None and "#1 nach der Bearbeitung aktualisiert" in html(reply)
    edited_original = req("Bens zweite Fassung.", user=BEN, edited=True)
    edited_original = replace(edited_original, message_id=90)
    assert "#2" in html(h.on_edit(edited_original, svc))
    assert [n.text for n in book(svc).all_notes(CHAT)] == [
        "Zweite Fassung.",
        "Bens zweite Fassung.",
    ]
    assert book(svc).note(CHAT, 1).edited_at is not None
    # edits of messages nobody logged concern nobody; an emptied one keeps the text
    assert h.on_edit(replace(req("Irgendwas", edited=True), message_id=4242), svc) is None
    assert h.on_edit(replace(edited_original, text=""), svc) is None
    assert book(svc).note(CHAT, 2).text == "Bens zweite Fassung."
    assert h.on_edit in EDIT_HOOKS


# -- listing and search ------------------------------------------------------------------


def test_notes_lists_the_current_session(svc):
    run("/sitzung start Thema", svc)
    assert "noch keine Notizen" in html(run("/notizen", svc))
    run("/notiz Beitrag eins.", svc)
    run("/ergebnis Ergebnis zwei.", svc, user=BEN)
    text = html(run("/notizen", svc))
    assert "Jour fixe vom 26.01.2026 – Thema" in text
    assert "#1 · Beitrag · Anna · 19:" in text and "#2 · Ergebnis · Ben" in text


def test_notes_search_uses_the_search_engine(svc):
    run("/notiz Die Friedenspläne der Europäer sind Kriegspläne.", svc)
    run("/notiz Über Karaganows Atomdrohung reden wir nächstes Mal.", svc)
    run("/notiz Ganz anderes Thema: Wetter.", svc)
    run("/loeschen 3", svc)
    text = html(run("/notizen Friedensplan", svc))  # inflected form finds the plural
    assert "#1" in text and "#2" not in text
    assert "#2" in html(run("/notizen Karaganov", svc))  # transliteration variant
    assert "Keine Notiz" in html(run("/notizen Wetter", svc))  # deleted notes stay hidden
    assert "Keine Notiz" in html(run("/notizen Quantenphysik", svc))


# -- quotes ------------------------------------------------------------------------------


def test_link_quote_links_the_passage_of_a_bot_quote(svc):
    hit = svc.search.search("Karaganow Atomwaffen", limit=1)[0]
    quote_message = Reply.text(quote_block(hit))
    request = req("/zitat", reply_to=bot_ref(quote_message))
    reply = h.link_quote(request, svc)
    assert reply is not None and "Zitat #1 mit der Sitzung verknüpft" in html(reply)
    note = book(svc).note(CHAT, 1)
    assert note.kind == "quote" and note.passage_id == hit.passage.id
    assert note.ref == hit.ref
    protocol = html(run("/protokoll", svc))
    assert f"<blockquote>{h.esc(hit.passage.text)}</blockquote>" in protocol


def test_link_quote_returns_none_for_anything_else(svc):
    assert h.link_quote(req("/zitat Karaganow"), svc) is None
    human = MessageRef(5, "Irgendein Text von Ben.", BEN, "Ben", START)
    assert h.link_quote(req("/zitat", reply_to=human), svc) is None
    bot_text = bot_ref(Reply.text("✓ Beitrag #1 gespeichert."))
    assert h.link_quote(req("/zitat", reply_to=bot_text), svc) is None
    assert book(svc).all_notes(CHAT) == []


def test_note_in_reply_to_a_bot_quote_links_it(svc):
    hit = svc.search.search("Multipolarität", limit=1)[0]
    run("/notiz", svc, reply_to=bot_ref(Reply.text(quote_block(hit))))
    assert book(svc).note(CHAT, 1).passage_id == hit.passage.id


# -- names -------------------------------------------------------------------------------


def test_names_setting_defaults_to_off_and_admins_switch_it(svc):
    run("/notiz Mein Beitrag.", svc, user=BEN)
    assert "— <i>Mein Beitrag.</i>" in html(run("/protokoll", svc))
    assert "aus" in html(run("/namen", svc))
    assert "nur Admins" in html(run("/namen an", svc, user=CARL, is_admin=False))
    assert "Vornamen" in html(run("/namen an", svc))
    assert "— Ben: <i>Mein Beitrag.</i>" in html(run("/protokoll", svc))
    assert "keine Namen" in html(run("/namen aus", svc))
    assert "— <i>Mein Beitrag.</i>" in html(run("/protokoll", svc))


# -- the whole session -------------------------------------------------------------------


class _Balanced(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag


def test_whole_session_with_two_users(svc):
    run("/sitzung start Europa im hybriden Krieg", svc, user=ANNA)
    run("/notiz Europa will eigenständig Weltmacht werden.", svc, user=ANNA)
    run("/notiz Aber ohne die USA geht militärisch nichts.", svc, user=BEN)
    bens_chat_message = MessageRef(
        300, "Das ist der emanzipierte Imperialismus.", BEN, "Ben", START + timedelta(minutes=3)
    )
    run("/notiz", svc, user=ANNA, reply_to=bens_chat_message)
    run("/ergebnis Europa rüstet auf, um sich von den USA unabhängig zu machen.", svc, user=ANNA)
    run("/abschnitt Russland", svc, user=BEN)
    run("/notiz Russland sieht darin einen Kriegsgrund.", svc, user=BEN)
    run("/offen Was heißt „hybrider Krieg“ genau?", svc, user=BEN)
    closed = run("/sitzung ende", svc, user=ANNA)
    assert "(7 Notizen)" in closed.messages[0].html
    reply = run("/protokoll", svc, user=BEN)
    text = html(reply)
    expected_order = [
        "<b>Jour fixe vom 26.01.2026 – Europa im hybriden Krieg</b>",
        "— <i>Europa will eigenständig Weltmacht werden.</i>",
        "— <i>Aber ohne die USA geht militärisch nichts.</i>",
        "— <i>Das ist der emanzipierte Imperialismus.</i>",
        "\n\nEuropa rüstet auf, um sich von den USA unabhängig zu machen.",
        "\n\n*\n\n<b>Russland</b>",
        "— <i>Russland sieht darin einen Kriegsgrund.</i>",
        "<b>Offene Fragen</b>\n• Was heißt „hybrider Krieg“ genau?",
    ]
    positions = [text.index(piece) for piece in expected_order]
    assert positions == sorted(positions)
    for message in reply.messages:
        assert len(message.html) <= 4096
        parser = _Balanced()
        parser.feed(message.html)
        assert parser.stack == []
    document = reply.messages[-1].document
    assert document is not None and document.file_name == "protokoll-2026-01-26.md"
    md = document.content.decode("utf-8")
    assert md.startswith("## **Jour fixe vom 26.01.2026 – Europa im hybriden Krieg**\n")
    assert "— *Das ist der emanzipierte Imperialismus.*" in md
    assert "\n\\*\n\n### Russland\n" in md
    assert "**Offene Fragen**\n- Was heißt „hybrider Krieg“ genau?" in md
    # the same protocol by date, and a clear answer for a day without a session
    assert html(run("/protokoll 26.01.2026", svc)) == text
    assert "keine Sitzung" in html(run("/protokoll 25.01.2026", svc))
    assert "verstehe ich nicht" in html(run("/protokoll nächsten Dienstag vielleicht", svc))


def test_commands_are_registered_in_the_session_group():
    for name, alias in [
        ("sitzung", "session"),
        ("notiz", "note"),
        ("ergebnis", "result"),
        ("offen", "open"),
        ("abschnitt", "section"),
        ("korrektur", "fix"),
        ("loeschen", "delete"),
        ("papierkorb", "trash"),
        ("notizen", "notes"),
        ("protokoll", "protocol"),
        ("namen", "names"),
        ("protokoll_quelle", "protocol_source"),
    ]:
        assert COMMANDS[name] is COMMANDS[alias]
        assert COMMANDS[name].group == "Sitzung"
        assert COMMANDS[name].summary and COMMANDS[name].example.startswith("/")


def test_notebook_refuses_unknown_kinds(tmp_path):
    store = Store.open(tmp_path / "n.db")
    nb = NoteBook(store)
    with pytest.raises(ValueError):
        nb.add_note(
            1,
            "gossip",
            "x",
            today=START.date(),
            now=START,
            author_id=1,
            author_name="A",
            logged_by=1,
        )
    assert nb.all_notes(1) == [] and nb.current_session(1) is None  # rolled back
    store.close()


def test_schema_is_idempotent(tmp_path):
    store = Store.open(tmp_path / "n.db")
    schema.create(store.db)
    schema.create(store.db)
    NoteBook(store)
    assert {"note_sessions", "notes", "note_settings"} <= set(store.db.table_names())
    store.close()


def test_scheduled_meeting_gives_topic_and_next_meeting(svc):

    schedule = svc.schedule
    schedule.add_meeting(CHAT, datetime(2026, 1, 26, 18, tzinfo=UTC), START, topic="GS 4-25")
    schedule.add_meeting(CHAT, datetime(2026, 2, 9, 18, tzinfo=UTC), START, topic="Europa")
    assert "Jour fixe vom 26.01.2026 – GS 4-25" in html(run("/sitzung start", svc))
    run("/notiz Ein Beitrag.", svc)
    text = html(run("/sitzung ende", svc))
    assert text.rstrip().endswith(
        "Der nächste Jour fixe findet am Montag, 09.02.2026, um 19:00 Uhr statt. "
        "Thema ist dann: Europa."
    )
    md = run("/protokoll", svc).messages[-1].document.content.decode()
    assert md.rstrip().endswith("Thema ist dann: Europa.")
    # a chat without a calendar gets a protocol without the closing line
    run("/notiz Anderswo.", svc, chat=OTHER_CHAT)
    assert "nächste Jour fixe" not in html(run("/protokoll", svc, chat=OTHER_CHAT))


@pytest.mark.parametrize(
    "text",
    [
        "/notizen " + "Friedensplan " * 900,
        "/notizen 🙂🙂",
        '/notizen "NEAR" OR (*) ^',
        "/protokoll " + "1" * 10_000,
        "/protokoll 🙂",
        "/protokoll_quelle 99.99.9999",
        "/sitzung start " + "T" * 10_000,
        "/loeschen " + "9" * 30,
        "/namen vielleicht",
        "/abschnitt " + "A" * 5000,
    ],
)
def test_bad_input_gets_a_german_answer(svc, text):
    run("/notiz Etwas.", svc)
    reply = run(text, svc)
    assert reply.messages and all(0 < len(m.html) <= 4096 for m in reply.messages)
    assert [n.text for n in book(svc).all_notes(CHAT)] == ["Etwas."]


def test_a_redelivered_update_or_a_second_reply_logs_no_duplicate(svc):
    # Telegram sends an update again when the bot died before acknowledging it
    again = req("/notiz Einmal reicht.", message_id=4242)
    first = dispatch(again, svc)
    second = dispatch(again, svc)
    assert html(first).startswith("✓ Beitrag #1 gespeichert.\nNeue Sitzung eröffnet")
    assert html(second) == "✓ Beitrag #1 gespeichert."
    original = MessageRef(4243, "Bens Satz.", BEN, "Ben", START)
    run("/notiz", svc, user=ANNA, reply_to=original)
    assert "#2 von Ben" in html(run("/notiz", svc, user=CARL, reply_to=original))
    assert "Ergebnis #3" in html(run("/ergebnis", svc, reply_to=original))
    assert [n.num for n in book(svc).all_notes(CHAT)] == [1, 2, 3]


def test_a_forgotten_session_of_an_earlier_day_is_closed_by_the_next_note(svc):
    run("/sitzung start Alaska", svc)
    run("/notiz Letzte Woche.", svc)
    svc.clock.now = START + timedelta(days=7)  # nobody sent /sitzung ende
    reply = html(run("/notiz Diese Woche.", svc))
    assert "Jour fixe vom 26.01.2026 – Alaska</b> war noch offen" in reply
    assert "/protokoll 26.01.2026" in reply and "Neue Sitzung eröffnet" in reply
    nb = book(svc)
    old, new = nb.sessions(CHAT)
    assert not old.is_open and new.is_open and new.day.isoformat() == "2026-02-02"
    assert [n.text for n in nb.notes_of(CHAT, old.id)] == ["Letzte Woche."]
    assert [n.text for n in nb.notes_of(CHAT, new.id)] == ["Diese Woche."]


def test_a_session_running_past_midnight_stays_open(svc):
    svc.clock.now = START + timedelta(hours=4)  # 23:00 in Berlin
    run("/sitzung start", svc)
    run("/notiz Vor Mitternacht.", svc)
    svc.clock.now = START + timedelta(hours=5, minutes=30)  # 00:30 the next day
    reply = html(run("/notiz Nach Mitternacht.", svc))
    assert reply == "✓ Beitrag #2 gespeichert."
    (session,) = book(svc).sessions(CHAT)
    assert [n.text for n in book(svc).notes_of(CHAT, session.id)] == [
        "Vor Mitternacht.",
        "Nach Mitternacht.",
    ]


def test_sitzung_start_closes_a_forgotten_session_of_an_earlier_day(svc):
    run("/sitzung start Alaska", svc)
    svc.clock.now = START + timedelta(days=14)
    reply = html(run("/sitzung start Endspiel", svc))
    assert "Sitzung eröffnet: <b>Jour fixe vom 09.02.2026 – Endspiel</b>" in reply
    assert "Alaska</b> war noch offen" in reply
    # the same day, an open session is not closed behind the user's back
    assert "Es läuft schon eine Sitzung" in html(run("/sitzung start Noch eine", svc))
