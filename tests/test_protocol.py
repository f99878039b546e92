"""Protocols: the seed protocol parsed, imported, exported and parsed again; CLI; durability."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime

import pytest
from helpers import send

from bot import PROJECT_ROOT
from bot.cli import protocol as protocol_cli
from bot.core import protocol as proto
from bot.core.dates import parse_past_day
from bot.core.ingest import segment
from bot.core.notes import CONCLUSION, CONTRIBUTION, QUESTION, QUOTE, SECTION, NewNote, NoteBook
from bot.core.store import Store
from bot.handlers import notes as h
from bot.handlers.base import Reply

SEED = next((PROJECT_ROOT / "seeds").glob("001_*.txt"))
CHAT = -1001


def ws(text: str) -> str:
    return " ".join(text.split())


def shape(parsed: proto.ParsedProtocol) -> list[list[tuple[str, str]]]:
    return [[(n.kind, ws(n.text)) for n in section] for section in parsed.sections()]


@pytest.fixture(scope="module")
def seed() -> proto.ParsedProtocol:
    return proto.parse_protocol(SEED.read_text(encoding="utf-8"))


def run_cli(argv: list[str], config) -> int:
    parser = argparse.ArgumentParser(prog="jourfixe")
    protocol_cli.register_cli(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args, config)


def run(text: str, services, chat: int = CHAT, **kw) -> Reply:
    """A group member's message, answered through the dispatcher."""
    return send(text, services, chat_id=chat, chat_type="group", **kw)


# -- parsing the seed --------------------------------------------------------------------


def test_seed_protocol_is_recognised(seed):
    assert seed.day == date(2026, 1, 12)
    assert seed.topic.startswith("Trumps Friedensplan für die Ukraine – Ein dialektisches")
    assert seed.topic.endswith("(GS 4-25)")
    assert seed.next_meeting.startswith("Der nächste Jour fixe findet am 26. Januar statt.")
    sections = seed.sections()
    assert len(sections) == 6  # six "\*"-separated parts; the seventh only announces
    # every contribution and answer of the ingest's segmentation is there, in order
    passages = [
        p
        for p in segment(SEED.read_text(encoding="utf-8"), "x", "protocol")
        if p.kind in ("contribution", "answer")
    ]
    paragraphs: dict[int, list] = {}
    for p in passages:
        paragraphs.setdefault(p.paragraph, []).append(p)
    expected = [
        (
            "contribution" if ps[0].kind == "contribution" else "conclusion",
            ws(" ".join(p.text for p in ps)).removeprefix("— "),
        )
        for ps in paragraphs.values()
    ]
    expected = [e for e in expected if not e[1].startswith("Der nächste Jour fixe")]
    got = [pair for section in shape(seed) for pair in section]
    assert got == expected
    kinds = [k for k, _ in got]
    assert kinds.count(CONTRIBUTION) == 31 and kinds.count(CONCLUSION) == 25


def test_seed_repairs_reach_the_notes(seed):
    texts = [ws(n.text) for n in seed.notes]
    joined = "\n".join(texts)
    assert "US-Politik" in joined  # hyphen before a capital kept across the line break
    assert "Friedens- bzw. Waffenstillstandslösung" in joined
    assert " 235 " not in joined and " 260 " not in joined  # PDF line numbers gone
    assert not any(t.startswith(("— ", "*")) for t in texts)
    first = seed.sections()[0][1]
    assert first.kind == CONTRIBUTION and first.text.startswith("In der Überschrift wird")
    # a contribution continued in an italic paragraph of its own stays one contribution
    assert any(
        t.endswith(
            "als ob die Errichtung und Untermauerung der amerikanischen Weltordnung "
            "nicht die Verfolgung amerikanischer Interessen gewesen wäre."
        )
        for t in texts
    )


def test_text_without_title_line_is_not_a_protocol():
    with pytest.raises(proto.ProtocolFormatError, match="Jour fixe vom"):
        proto.parse_protocol("Irgendein Text.\n\n— *Ein Beitrag.*\n")
    with pytest.raises(proto.ProtocolFormatError):
        proto.parse_protocol("## Jour fixe vom 31.02.2026\n\nText.\n")


# -- round trips -------------------------------------------------------------------------


def test_seed_round_trips_import_export_parse(tmp_path, seed):
    store = Store.open(tmp_path / "p.db")
    nb = NoteBook(store)
    session = nb.import_session(
        CHAT,
        seed.day,
        seed.topic,
        seed.notes,
        now=datetime.now(UTC),
        next_meeting=seed.next_meeting,
    )
    exported = proto.to_markdown(proto.build(session, nb.notes_of(CHAT, session.id)))
    again = proto.parse_protocol(exported)
    assert (again.day, again.topic, ws(again.next_meeting)) == (
        seed.day,
        seed.topic,
        ws(seed.next_meeting),
    )
    assert shape(again) == shape(seed)
    assert exported.startswith(
        "## **Jour fixe vom 12.01.2026 – Trumps Friedensplan für die Ukraine – Ein"
    )
    assert exported.count("\n\\*\n") == 6  # five between sections, one before the announcement
    store.close()


def test_live_protocol_round_trips_with_titles_questions_quotes_and_markup(tmp_path):
    store = Store.open(tmp_path / "p.db")
    nb = NoteBook(store)
    day, now = date(2026, 2, 9), datetime(2026, 2, 9, 18, tzinfo=UTC)
    notes = [
        (CONTRIBUTION, "Ein *Sternchen* und ein \\ Backslash, <b>kein HTML</b> & 50 % mehr."),
        (CONCLUSION, "Zeile eins\nZeile zwei der Schlussfolgerung."),
        (QUESTION, "Was folgt daraus?"),
        (SECTION, "Zweiter Teil: Russland"),
        (QUOTE, "Ein zitierter Absatz aus der Quelle."),
        (CONTRIBUTION, "— Ein Beitrag, der selbst mit Gedankenstrich beginnt."),
        (QUESTION, "Und *wer* entscheidet?"),
    ]
    for kind, text in notes:
        nb.add_note(
            CHAT,
            kind,
            text,
            today=day,
            now=now,
            author_id=1,
            author_name="Anna",
            logged_by=1,
            ref="Fazi, Trumps Endspiel, Z. 3" if kind == QUOTE else "",
        )
    session = nb.close_session(CHAT, now)
    md = proto.to_markdown(proto.build(session, nb.notes_of(CHAT, session.id)))
    parsed = proto.parse_protocol(md)
    kinds_texts = [(n.kind, ws(n.text)) for n in parsed.notes]
    assert kinds_texts == [
        (CONTRIBUTION, ws(notes[0][1])),
        (CONCLUSION, "Zeile eins Zeile zwei der Schlussfolgerung."),
        (SECTION, "Zweiter Teil: Russland"),
        (QUOTE, "Ein zitierter Absatz aus der Quelle."),
        (CONTRIBUTION, "— Ein Beitrag, der selbst mit Gedankenstrich beginnt."),
        (QUESTION, "Was folgt daraus?"),
        (QUESTION, "Und *wer* entscheidet?"),
    ]
    assert next(n for n in parsed.notes if n.kind == QUOTE).ref == "Fazi, Trumps Endspiel, Z. 3"
    store.close()


def test_import_replaces_only_when_asked(tmp_path, seed):
    store = Store.open(tmp_path / "p.db")
    nb = NoteBook(store)
    now = datetime.now(UTC)
    first = nb.import_session(CHAT, seed.day, seed.topic, seed.notes, now=now)
    with pytest.raises(Exception, match=str(first.id)):
        nb.import_session(CHAT, seed.day, seed.topic, [NewNote(CONCLUSION, "x")], now=now)
    assert len(nb.notes_of(CHAT, first.id)) == len(seed.notes)
    second = nb.import_session(
        CHAT, seed.day, "Neu", [NewNote(CONCLUSION, "x")], now=now, replace=True
    )
    assert [s.topic for s in nb.sessions(CHAT)] == ["Neu"]
    assert [n.text for n in nb.notes_of(CHAT, second.id)] == ["x"]
    store.close()


# -- CLI and /protokoll ------------------------------------------------------------------


def test_cli_import_then_protokoll_by_date_in_that_chat(services, capsys):
    assert run_cli(["protocol", "import", str(SEED), "--chat", str(CHAT)], services.config) == 0
    out = capsys.readouterr().out
    assert "12.01.2026" in out and "6 Abschnitte" in out and "31 Beiträge" in out
    assert "25 Ergebnisse" in out and "Nächster Termin erkannt" in out
    reply = run("/protokoll 12.01.2026", services)
    assert reply.messages[0].html.startswith(
        "<b>Jour fixe vom 12.01.2026 – Trumps Friedensplan für die Ukraine"
    )
    text = "\n\n".join(m.html for m in reply.messages)
    assert "— <i>In der Überschrift wird klargestellt" in text
    assert text.rstrip().endswith("Imperialismus in GS 4-25.")
    assert len(reply.messages) >= 8 and all(len(m.html) <= 4096 for m in reply.messages)
    doc = reply.messages[-1].document
    assert doc is not None and doc.file_name == "protokoll-2026-01-12.md"
    assert shape(proto.parse_protocol(doc.content.decode())) == shape(
        proto.parse_protocol(SEED.read_text(encoding="utf-8"))
    )
    # the default is the last session; another chat sees nothing
    assert run("/protokoll", services).messages[0].html == (reply.messages[0].html)
    other = run("/protokoll 12.01.2026", services, chat=1)
    assert "keine Sitzung" in other.messages[0].html


def test_cli_import_refuses_duplicates_and_bad_files(services, tmp_path, capsys):
    cfg = services.config
    assert run_cli(["protocol", "import", str(SEED)], cfg) == 0
    assert run_cli(["protocol", "import", str(SEED)], cfg) == 1
    assert "--replace" in capsys.readouterr().err
    assert run_cli(["protocol", "import", str(SEED), "--replace"], cfg) == 0
    assert run_cli(["protocol", "import", str(tmp_path / "fehlt.txt")], cfg) == 2
    assert "gibt es nicht" in capsys.readouterr().err
    binary = tmp_path / "bild.txt"
    binary.write_bytes(b"\xff\xfe\x00\x81garbage")
    assert run_cli(["protocol", "import", str(binary)], cfg) == 2
    plain = tmp_path / "kein_protokoll.txt"
    plain.write_text("Nur ein Text.\n", encoding="utf-8")
    assert run_cli(["protocol", "import", str(plain)], cfg) == 1
    assert "Titelzeile" in capsys.readouterr().err


def test_cli_export_prints_markdown(services, tmp_path, capsys):
    cfg = services.config
    run_cli(["protocol", "import", str(SEED), "--chat", "7"], cfg)
    capsys.readouterr()
    assert run_cli(["protocol", "export", "7", "12.01.2026"], cfg) == 0
    out = capsys.readouterr().out
    assert out.startswith("## **Jour fixe vom 12.01.2026")
    target = tmp_path / "out.md"
    assert run_cli(["protocol", "export", "7", "2026-01-12", "-o", str(target)], cfg) == 0
    assert target.read_text(encoding="utf-8") == out
    assert run_cli(["protocol", "export", "8", "12.01.2026"], cfg) == 1
    assert "keine Sitzung" in capsys.readouterr().err
    assert run_cli(["protocol", "export", "7", "Montag?"], cfg) == 2


def test_cli_commands_have_help_text():
    parser = argparse.ArgumentParser(prog="jourfixe")
    sub = parser.add_subparsers()
    protocol_cli.register_cli(sub)
    protocol = sub.choices["protocol"]
    inner = next(a for a in protocol._actions if isinstance(a, argparse._SubParsersAction))
    assert set(inner.choices) == {"import", "export"}
    for name, action in inner.choices.items():
        assert action.description, name
        assert all(a.help for a in action._actions), name


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12.01.2026", date(2026, 1, 12)),
        ("12.1.26", date(2026, 1, 12)),
        ("2026-01-12", date(2026, 1, 12)),
        ("12.01.", date(2026, 1, 12)),
        ("30.12.", date(2025, 12, 30)),  # no year: the last such day
        ("heute", date(2026, 1, 26)),
        ("Gestern", date(2026, 1, 25)),
        ("31.02.2026", None),
        ("Montag", None),
        ("", None),
        ("🙂", None),
        ("1" * 10_000, None),
    ],
)
def test_parse_date(raw, expected):
    assert parse_past_day(raw, date(2026, 1, 26)) == expected


# -- the protocol as a source ------------------------------------------------------------


def test_protocol_becomes_a_searchable_source(services):
    services.clock = lambda: datetime(2026, 2, 9, 18, tzinfo=UTC)
    run("/sitzung start Zollkrieg", services)
    run("/notiz Die Zölle auf Sojabohnen treffen die Farmer im Mittleren Westen hart.", services)
    run("/ergebnis Der Zollkrieg ist ein Mittel der Erpressung von Verbündeten.", services)
    run("/sitzung ende", services)
    refused = run("/protokoll_quelle", services, is_admin=False)
    assert "nur Admins" in refused.messages[0].html
    reply = run("/protokoll_quelle 09.02.2026", services)
    assert "ist jetzt eine Quelle" in reply.messages[0].html, reply.messages[0].html
    source = services.catalog.get("protokoll-2026-02-09")
    assert source is not None and source.kind == "protocol"
    hits = services.search.search("Sojabohnen Zölle")
    assert hits and hits[0].passage.source == "protokoll-2026-02-09"
    again = run("/protokoll_quelle 09.02.2026", services)
    assert "gibt es schon" in again.messages[0].html


def test_seed_protocol_is_already_a_source(services):
    run_cli(["protocol", "import", str(SEED), "--chat", str(CHAT)], services.config)
    reply = run("/protokoll_quelle 12.01.2026", services)
    assert "gibt es schon" in reply.messages[0].html


# -- durability --------------------------------------------------------------------------


def test_confirmed_note_survives_a_killed_process(tmp_path):
    db = tmp_path / "durable.db"
    script = textwrap.dedent(
        f"""
        import os
        from datetime import UTC, datetime
        from bot.core.notes import NoteBook
        from bot.core.store import Store
        book = NoteBook(Store.open({str(db)!r}))
        now = datetime.now(UTC)
        added = book.add_note({CHAT}, "contribution", "Überlebt den Absturz.", today=now.date(),
                              now=now, author_id=1, author_name="Anna", logged_by=1)
        print(f"✓ Beitrag #{{added.note.num}} gespeichert.", flush=True)
        os._exit(0)  # no close, no checkpoint, no atexit: like a killed bot
        """
    )
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    num = int(re.search(r"#(\d+)", result.stdout).group(1))
    store = Store.open(db)
    note = NoteBook(store).note(CHAT, num)
    assert note is not None and note.text == "Überlebt den Absturz."
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


def test_protocol_html_parts_stay_under_the_limit_and_escape(tmp_path):
    store = Store.open(tmp_path / "p.db")
    nb = NoteBook(store)
    day, now = date(2026, 3, 2), datetime(2026, 3, 2, 18, tzinfo=UTC)
    for i in range(12):
        nb.add_note(
            CHAT,
            CONTRIBUTION,
            f"<{i}> & " + "Wort " * 790,
            today=day,
            now=now,
            author_id=1,
            author_name="A",
            logged_by=1,
        )
    session = nb.current_session(CHAT)
    html_text = proto.to_html(proto.build(session, nb.notes_of(CHAT, session.id)))
    parts = h.split_message(html_text)
    assert len(parts) >= 3 and all(len(p) <= 4096 for p in parts)
    assert "&lt;3&gt; &amp;" in html_text and "<3>" not in html_text
    store.close()


def _round_trip(tmp_path, notes: list[tuple[str, str]], *, names: bool = False):
    store = Store.open(tmp_path / "rt.db")
    nb = NoteBook(store)
    day, now = date(2026, 2, 23), datetime(2026, 2, 23, 18, tzinfo=UTC)
    for kind, text in notes:
        nb.add_note(
            CHAT,
            kind,
            text,
            today=day,
            now=now,
            author_id=1,
            author_name="Anna Maria",
            logged_by=1,
        )
    session = nb.close_session(CHAT, now)
    md = proto.to_markdown(proto.build(session, nb.notes_of(CHAT, session.id), names=names))
    store.close()
    return md, proto.parse_protocol(md)


def test_short_notes_without_a_full_stop_keep_their_kind(tmp_path):
    # live notes are often typed without a final period; they must not turn into headings
    notes = [
        (CONTRIBUTION, "Trump diktiert die Bedingungen"),
        (CONCLUSION, "Russland nur Regionalmacht"),
        (CONTRIBUTION, "<b>fett</b> & so"),
    ]
    _, parsed = _round_trip(tmp_path, notes)
    assert [(n.kind, n.text) for n in parsed.notes] == notes


def test_first_names_survive_the_round_trip(tmp_path):
    notes = [(CONTRIBUTION, "Europa will Weltmacht werden."), (CONTRIBUTION, "Kurz")]
    md, parsed = _round_trip(tmp_path, notes, names=True)
    assert "— Anna: *Europa will Weltmacht werden.*" in md
    assert [(n.kind, n.text, n.author_name) for n in parsed.notes] == [
        (CONTRIBUTION, "Europa will Weltmacht werden.", "Anna"),
        (CONTRIBUTION, "Kurz", "Anna"),
    ]


def test_conclusions_starting_with_markdown_markers_stay_conclusions(tmp_path):
    notes = [
        (CONCLUSION, "#Multipolarität ist ein Kampfbegriff."),
        (CONCLUSION, "# Erstens: Europa zahlt."),
        (CONCLUSION, "> Das sagt Putin selbst."),
        (CONTRIBUTION, "Danach weiter."),
    ]
    md, parsed = _round_trip(tmp_path, notes)
    assert "\n#" not in md.split("\n", 1)[1] and "\n>" not in md
    assert [(n.kind, n.text) for n in parsed.notes] == notes


def test_a_topic_typed_over_two_lines_gives_a_one_line_title(tmp_path):
    store = Store.open(tmp_path / "t.db")
    nb = NoteBook(store)
    now = datetime(2026, 3, 2, 18, tzinfo=UTC)
    session = nb.open_session(CHAT, now.date(), "Europa\nim hybriden   Krieg", now)
    nb.add_note(
        CHAT,
        CONTRIBUTION,
        "Text.",
        today=now.date(),
        now=now,
        author_id=1,
        author_name="A",
        logged_by=1,
    )
    md = proto.to_markdown(proto.build(session, nb.notes_of(CHAT, session.id)))
    assert md.splitlines()[0] == "## **Jour fixe vom 02.03.2026 – Europa im hybriden Krieg**"
    store.close()


def test_a_blank_line_inside_a_note_does_not_split_its_html(tmp_path):
    # split_message cuts at blank lines; one inside <i>…</i> would leave a tag open
    store = Store.open(tmp_path / "b.db")
    nb = NoteBook(store)
    now = datetime(2026, 3, 2, 18, tzinfo=UTC)
    nb.add_note(
        CHAT,
        CONTRIBUTION,
        "Absatz eins.\n\n\nAbsatz zwei.",
        today=now.date(),
        now=now,
        author_id=1,
        author_name="A",
        logged_by=1,
    )
    session = nb.current_session(CHAT)
    html_text = proto.to_html(proto.build(session, nb.notes_of(CHAT, session.id)))
    assert "— <i>Absatz eins.\nAbsatz zwei.</i>" in html_text
    store.close()
