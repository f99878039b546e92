"""The protocol as PDF (issue 15): layout read back with pypdf, and the PDF as a reading that
is cited by its printed line numbers."""

from __future__ import annotations

import argparse
import io
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from helpers import press, send
from pypdf import PdfReader

from bot import PROJECT_ROOT
from bot.cli import protocol as protocol_cli
from bot.core import protocol as proto
from bot.core import protocol_pdf as pdf
from bot.core.models import Hit
from bot.core.notes import CONCLUSION, CONTRIBUTION, QUESTION, QUOTE, SECTION, NewNote
from bot.core.readings import Meta, extract
from bot.handlers.base import Attachment, Button, Reply
from bot.services import Services

CHAT = -1001
DAY = date(2026, 1, 12)
SEED = next((PROJECT_ROOT / "seeds").glob("001_*.txt"))
MARGIN = 60.0  # points: margin numbers stand left of this, the text column right of it


def _note(i: int) -> NewNote:
    """Notes of varied length and kind, like a real session."""
    filler = (
        "Die Russen merken, dass für sie nichts garantiert ist, außer sie erreichen den Sieg. "
    )
    if i % 4 == 0:
        return NewNote(
            CONCLUSION, f"Ergebnis {i}: Das ist die Antwort der Gruppe. " + filler * (i % 3)
        )
    return NewNote(
        CONTRIBUTION, f"Beitrag {i}: Trump stellt sich „über alle“. " + filler * (i % 5)
    )


def _session_notes(n: int) -> list[NewNote]:
    notes: list[NewNote] = []
    for i in range(1, n + 1):
        notes.append(_note(i))
        if i % 25 == 0 and i < n:
            notes.append(NewNote(SECTION, f"Abschnitt {i // 25 + 1}" if i % 50 == 0 else ""))
    return notes + [NewNote(QUESTION, "Was folgt daraus für Europa?")]


def _protocol(
    services: Services, notes: list[NewNote], next_meeting: str = "", day: date = DAY
) -> proto.Protocol:
    book = services.notes
    session = book.import_session(
        CHAT, day, "Trumps Friedensplan (GS 4-25)", notes, now=datetime.now(UTC),
        next_meeting=next_meeting,
    )  # fmt: skip
    return proto.build(session, book.notes_of(CHAT, session.id))


@dataclass
class Row:
    page: int
    y: float
    number: int | None = None
    pieces: list[tuple[float, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(t.strip() for _, t in sorted(self.pieces)).strip()


def read_rows(data: bytes) -> list[Row]:
    """Every printed line of the PDF with the margin number beside it (pypdf positions)."""
    rows: list[Row] = []
    for page_no, page in enumerate(PdfReader(io.BytesIO(data)).pages, start=1):
        found: list[Row] = []

        def visit(text, cm, tm, _font, _size, found=found, page_no=page_no) -> None:
            if not text.strip():
                return
            x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
            row = next((r for r in found if abs(r.y - y) < 2.5), None)
            if row is None:
                row = Row(page_no, y)
                found.append(row)
            if x < MARGIN and text.strip().isdigit():
                row.number = int(text)
            else:
                row.pieces.append((x, text))

        page.extract_text(visitor_text=visit)
        rows += sorted(found, key=lambda r: -r.y)
    return rows


def ws(text: str) -> str:
    return " ".join(text.split())


# -- layout ------------------------------------------------------------------------------


def test_pdf_has_numbered_lines_separators_and_every_note(services: Services) -> None:
    notes = _session_notes(60)
    p = _protocol(
        services, notes, next_meeting="Der nächste Jour fixe findet am 26.01.2026 statt."
    )
    data = pdf.render(p)
    assert data.startswith(b"%PDF")
    rows = [r for r in read_rows(data) if not re.fullmatch(r"\d+", r.text)]  # page numbers out
    assert len({r.page for r in rows}) >= 3
    # a number beside every fifth line, counted through the whole document across pages
    numbered = [(i + 1, r.number) for i, r in enumerate(rows) if r.number is not None]
    assert numbered == [(n, n) for n in range(5, len(rows) + 1, 5)]
    assert rows[0].text.startswith("Jour fixe vom 12.01.2026 – Trumps Friedensplan (GS 4-25)")
    # sections (two breaks in the notes) and the closing part are separated by a centred "*"
    stars = [r for r in rows if r.text == "*"]
    assert len(stars) == 3
    assert all(abs(x - 297.6) < 12 for r in stars for x, _ in r.pieces)  # A4 centre
    body = ws(" ".join(r.text for r in rows))
    for note in notes:
        if note.kind == CONTRIBUTION:
            assert ws(f"— {pdf.typeset(note.text)}") in body
        elif note.kind != SECTION or note.text:
            assert ws(pdf.typeset(note.text)) in body
    assert "Offene Fragen • Was folgt daraus für Europa?" in body
    assert body.endswith("Der nächste Jour fixe findet am 26.01.2026 statt.")
    # page numbers at the foot of every page
    pages = [r for r in read_rows(data) if re.fullmatch(r"\d+", r.text)]
    assert [int(r.text) for r in pages] == list(range(1, rows[-1].page + 1))


def test_contributions_are_italic_answers_plain_and_quotes_typographic(services: Services) -> None:
    p = _protocol(
        services,
        [NewNote(CONTRIBUTION, 'Er nennt das "Machtmenschen" - wörtlich.'),
         NewNote(CONCLUSION, "Die Gruppe hält fest: Größe zählt."),
         NewNote(QUOTE, "Ein Zitat aus dem Text.", ref="Fazi, Trumps Endspiel, Z. 3")],
    )  # fmt: skip
    data = pdf.render(p)
    fonts: dict[str, str] = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        page.extract_text(
            visitor_text=lambda t, cm, tm, font, size: fonts.__setitem__(
                t.strip(), str((font or {}).get("/BaseFont", ""))
            )
        )
    # "— *…*" as in the group's protocol: the dash upright, the words in italics
    assert fonts["—"].endswith("LiberationSerif")
    assert fonts["Er nennt das „Machtmenschen“ – wörtlich."].endswith("LiberationSerifItalic")
    assert fonts["Die Gruppe hält fest: Größe zählt."].endswith("LiberationSerif")
    assert fonts["„Ein Zitat aus dem Text.“ (Fazi, Trumps Endspiel, Z. 3)"].endswith(
        "LiberationSerif"
    )


def test_emoji_and_characters_the_font_lacks_are_replaced_visibly(services: Services) -> None:
    p = _protocol(services, [NewNote(CONTRIBUTION, "Gut 👍🏽 so, sagt 👨‍👩‍👧 mit ✓ und 中文.")])
    data = pdf.render(p)  # no warning either: pytest turns warnings into errors
    text = ws(" ".join(r.text for r in read_rows(data)))
    assert "— Gut □ so, sagt □ mit □ und □." in text  # ✓ is not in the font either


def test_a_session_without_notes_makes_no_pdf(services: Services) -> None:
    p = _protocol(services, [])
    with pytest.raises(pdf.EmptyProtocol):
        pdf.render(p)


def test_two_hundred_notes(services: Services) -> None:
    notes = _session_notes(200)
    data, lines = pdf.render_lines(_protocol(services, notes))
    rows = [r for r in read_rows(data) if not re.fullmatch(r"\d+", r.text)]
    assert len(rows) == len(lines) > 400
    assert [r.number for r in rows if r.number] == list(range(5, len(rows) + 1, 5))
    assert [ws(r.text) for r in rows] == [ws(line.text) for line in lines]
    # read back as a reading: every contribution and every answer is its own passage
    ex = extract(data, "protokoll.pdf")
    from bot.core.ingest import segment

    passages = [p for p in segment(ex.text, "p", "protocol") if p.kind != "heading"]
    contributions = [ws(p.text) for p in passages if p.kind == "contribution"]
    answers = [ws(p.text) for p in passages if p.kind == "answer"]
    assert len(contributions) == sum(1 for n in notes if n.kind == CONTRIBUTION)
    assert [c[2:] for c in contributions] == [
        ws(pdf.typeset(n.text)) for n in notes if n.kind == CONTRIBUTION
    ]
    for n in notes:
        if n.kind == CONCLUSION:
            assert ws(pdf.typeset(n.text)) in answers


# -- round trip: the PDF as a reading ----------------------------------------------------


def _first_line_of(rows: list[Row], text: str) -> int:
    """The printed number of the line where ``text`` begins (counted like the margin)."""
    for i, row in enumerate(rows, start=1):
        if row.text and ws(text).startswith(ws(row.text)[:40]):
            return i
    raise AssertionError(f"not printed: {text[:40]}")


def test_added_pdf_is_a_protocol_cited_by_its_printed_lines(services: Services) -> None:
    notes = _session_notes(40)
    data = pdf.render(_protocol(services, notes))
    rows = [r for r in read_rows(data) if not re.fullmatch(r"\d+", r.text)]
    result = services.readings.add(data, "protokoll.pdf", dest_dir=services.config.data_dir)
    source = result.source
    assert source.kind == "protocol"
    assert source.date == DAY
    assert source.title.startswith("Jour fixe vom 12.01.2026")
    passages = services.search.passages_of(source.slug)
    checked = 0
    for note in notes:
        if note.kind not in (CONTRIBUTION, CONCLUSION) or len(note.text) < 120:
            continue
        dash = "— " if note.kind == CONTRIBUTION else ""
        first = _first_line_of(rows, dash + pdf.typeset(note.text))
        passage = next(p for p in passages if ws(pdf.typeset(note.text)) in ws(p.text))
        expected_kind = "contribution" if note.kind == CONTRIBUTION else "answer"
        assert passage.kind == expected_kind
        ref = Hit(passage, source, 1.0).ref
        assert re.search(rf"Z\. {first}–\d+$", ref), (ref, first)
        # the line printed beside a margin number is the one the citation counts
        if rows[first - 1].number is not None:
            assert rows[first - 1].number == first
            checked += 1
    assert checked >= 3  # at least three notes begin on a line with a printed number


def test_found_quote_names_the_printed_line(services: Services) -> None:
    notes = _session_notes(30)
    notes[17] = NewNote(CONTRIBUTION, "Karaganow stellt klar: Dieser Wahnsinn bekommt Atomwaffen.")
    data = pdf.render(_protocol(services, notes))
    rows = [r for r in read_rows(data) if not re.fullmatch(r"\d+", r.text)]
    printed = next(i for i, r in enumerate(rows, 1) if "Dieser Wahnsinn bekommt" in r.text)
    source = services.readings.add(data, "p.pdf", dest_dir=services.config.data_dir).source
    hits = [h for h in services.search.search("Wahnsinn Atomwaffen") if h.source == source]
    assert hits and hits[0].ref.endswith(f"Z. {printed}"), hits[:1]


def _seed_layout_pdf() -> tuple[bytes, dict[int, str]]:
    """A PDF as the group prints its protocol (not made by the bot): the seed's lines 336–365
    (one printed line per line there), numbers every 5 lines, another geometry, "Seite N",
    every word placed on its own (no space characters in the page's text)."""
    from fpdf import FPDF

    lines = SEED.read_text(encoding="utf-8").split("\n")[173:200]
    out = FPDF(unit="mm", format="A4")
    out.set_creator("Microsoft® Word für Microsoft 365")
    out.set_auto_page_break(False)
    out.add_font("S", "", str(pdf.FONT_DIR / pdf.FONT_FILES[""]))
    out.add_font("S", "I", str(pdf.FONT_DIR / pdf.FONT_FILES["I"]))
    out.add_page()
    y, number, printed = 30.0, 335, {}

    def put(text: str, style: str = "", gap: float = 0.0) -> None:
        nonlocal y, number
        y += gap
        out.set_font("S", style, 12)
        x = 30.0
        for word in text.split():  # each word placed on its own, as some word processors do
            out.set_xy(x, y)
            out.cell(out.get_string_width(word), 6, word)
            x += out.get_string_width(word + " ")
        if number % 5 == 0:
            out.set_xy(12, y)
            out.cell(8, 6, str(number), align="R")
        printed[number] = text
        number, y = number + 1, y + 6.2

    put("Jour fixe vom 12.01.2026 Trumps Friedensplan für die Ukraine (GS 4-25)")
    gap = 3.0
    for raw in lines:
        text = re.sub(r"^\d+ ", "", raw.rstrip()).replace("\\*", "*")
        if not text:
            gap = 3.0
            continue
        style = (
            "I" if text.startswith("— ") or (gap == 0 and printed[number - 1][:1] == "—") else ""
        )
        put(text, style, gap)
        gap = 0.0
    out.set_xy(0, 280)
    out.set_font("S", "", 10)
    out.cell(210, 5, "Seite 1", align="C")
    return bytes(out.output()), printed


def test_protocol_pdf_in_the_groups_layout_is_cited_by_printed_lines(services: Services) -> None:
    data, printed = _seed_layout_pdf()
    assert printed[340].startswith("verletzen würde")  # as numbered in the seed
    assert printed[345].startswith("Drohung ist es")
    source = services.readings.add(
        data,
        "jf-2026-01-12.pdf",
        Meta(slug="jf-druck"),
        dest_dir=services.config.data_dir,
    ).source
    assert source.kind == "protocol"
    passages = services.search.passages_of(source.slug)
    answer = next(p for p in passages if p.text.startswith("Das ist die Drohung mit einer"))
    assert (answer.kind, answer.line_start, answer.line_end) == ("answer", 343, 345)
    assert answer.text.startswith("Das ist die Drohung mit einer Eskalation seitens der Russen")
    contribution = next(p for p in passages if "Friedensdiktat ist" in p.text)
    assert contribution.kind == "contribution"
    assert Hit(contribution, source, 1.0).ref.endswith("Z. 349–359")
    assert not any("Seite 1" in p.text or re.search(r"\b3[45]0\b", p.text) for p in passages)


# -- /protokoll, the button and the command line -------------------------------------------


def _send(text: str, services: Services, **fields: object) -> Reply:
    return send(text, services, chat_id=CHAT, chat_type="group", **fields)


def _press(button: Button, services: Services, **fields: object) -> Reply:
    fields.setdefault("chat_id", CHAT)
    return press(button, services, chat_type="group", **fields)


def test_protokoll_offers_the_pdf_by_a_button(services: Services) -> None:
    _protocol(services, _session_notes(8))
    reply = _send("/protokoll 12.01.2026", services)
    document = reply.messages[-1]
    assert document.document is not None and document.document.file_name.endswith(".md")
    [[button]] = document.buttons
    assert button.label == "Als PDF"
    pressed = _press(button, services)
    [message] = pressed.messages
    assert message.document.file_name == "protokoll-2026-01-12.pdf"
    assert message.document.content.startswith(b"%PDF")
    assert (
        "Beitrag 1: Trump stellt sich „über alle“."
        in extract(message.document.content, "p.pdf").text
    )
    # the same button pressed in another chat reaches nothing of this chat
    other = _press(button, services, chat_id=CHAT - 1)
    assert not other.messages and other.toast == "Diese Sitzung gibt es nicht mehr."
    for forged in ("pp:", "pp:x", "pp:²", "pp:" + "9" * 40):
        assert (
            _press(Button("Als PDF", forged), services).toast
            == "Diese Sitzung gibt es nicht mehr."
        )


def test_neu_with_a_protocol_pdf_adds_it_as_a_protocol(services: Services) -> None:
    data = pdf.render(_protocol(services, _session_notes(12)))
    before = {s.slug for s in services.catalog.sources}
    att = Attachment("protokoll.pdf", len(data), "application/pdf", lambda: data)
    reply = _send("/neu", services, attachment=att, is_admin=True)
    html = "\n".join(m.html for m in reply.messages)
    assert "Jour fixe vom 12.01.2026" in html
    added = [s for s in services.catalog.sources if s.slug not in before]
    assert [(s.kind, s.date) for s in added] == [("protocol", DAY)]
    assert added[0].title.startswith("Jour fixe vom 12.01.2026")


def _cli(argv: list[str], config) -> int:
    parser = argparse.ArgumentParser(prog="jourfixe")
    protocol_cli.register_cli(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args, config)


def test_cli_export_pdf(services: Services, tmp_path: Path, capsys) -> None:
    _protocol(services, _session_notes(10))
    target = tmp_path / "protokoll.pdf"
    assert _cli(["protocol", "export", str(CHAT), "12.01.2026", "--pdf", str(target)],
                services.config) == 0  # fmt: skip
    assert target.read_bytes().startswith(b"%PDF")
    assert "als PDF geschrieben" in capsys.readouterr().out


def test_cli_export_pdf_of_an_empty_session_writes_nothing(
    services: Services,
    tmp_path: Path,
    capsys,
) -> None:
    _protocol(services, [])
    target = tmp_path / "leer.pdf"
    assert _cli(["protocol", "export", str(CHAT), "12.01.2026", "--pdf", str(target)],
                services.config) == 1  # fmt: skip
    assert not target.exists()
    assert "hat keine Notizen: kein PDF geschrieben" in capsys.readouterr().err


def test_a_session_logged_in_the_console_comes_out_as_pdf(tmp_path: Path) -> None:
    import io as _io

    from bot.config import Config
    from bot.console import run_console

    out = _io.StringIO()
    lines = (
        "/sitzung\n"
        "/notiz Trump anerkennt Putin als Staatsmann einer potenten Macht.\n"
        "/ergebnis das hält die Gruppe fest: Respekt, aber keine Gleichrangigkeit.\n"
        "/protokoll\n1\n/ende\n"
    )
    code = run_console(
        Config(db_path=tmp_path / "t.db", data_dir=tmp_path / "data"),
        stdin=_io.StringIO(lines),
        stdout=out,
        download_dir=tmp_path,
    )
    assert code == 0
    assert "[1] Als PDF" in out.getvalue()
    [saved] = tmp_path.glob("protokoll-*.pdf")
    rows = read_rows(saved.read_bytes())
    assert rows[0].text.startswith("Jour fixe vom ")
    assert [r.text for r in rows[1:3]] == [
        "— Trump anerkennt Putin als Staatsmann einer potenten Macht.",
        "das hält die Gruppe fest: Respekt, aber keine Gleichrangigkeit.",
    ]
    # read back: the lower-case answer is not glued to the contribution above it
    from bot.core.ingest import segment

    kinds = [
        (p.kind, p.line_start)
        for p in segment(extract(saved.read_bytes(), saved.name).text, "p", "protocol")
    ]
    assert kinds[1:] == [("contribution", 2), ("answer", 3)]


def test_jourfixe_add_takes_the_exported_pdf_as_a_protocol(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from fixtures.readings.make import make_config

    from bot.cli import readings as readings_cli
    from bot.services import build_services

    config = make_config(tmp_path)
    services = build_services(config)
    _protocol(services, _session_notes(20))
    services.store.close()
    target = tmp_path / "protokoll.pdf"
    assert _cli(["protocol", "export", str(CHAT), "12.01.2026", "--pdf", str(target)], config) == 0
    parser = argparse.ArgumentParser(prog="jourfixe")
    readings_cli.register_cli(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["add", str(target), "--slug", "jf-pdf"])
    assert args.func(args, config) == 0, capsys.readouterr().err
    assert "Protokoll" in capsys.readouterr().out
    services = build_services(config)
    try:
        source = services.catalog.get("jf-pdf")
        assert source is not None and source.kind == "protocol"
        rows = [r for r in read_rows(target.read_bytes()) if not re.fullmatch(r"\d+", r.text)]
        for passage in services.search.passages_of("jf-pdf"):
            if passage.kind in ("contribution", "answer"):
                # the first printed line of every passage is where its text begins
                assert ws(passage.text).startswith(ws(rows[passage.line_start - 1].text)), passage
    finally:
        services.store.close()


def test_protocol_as_source_is_cited_by_the_lines_of_its_pdf(services: Services) -> None:
    notes = _session_notes(30)
    _protocol(services, notes, day=date(2026, 2, 9))  # 12.01. is the seed's
    reply = _send("/protokoll_quelle 09.02.2026", services)
    assert "ist jetzt eine Quelle" in reply.messages[0].html
    [[button]] = _send("/protokoll 09.02.2026", services).messages[-1].buttons
    pressed = _press(button, services)
    rows = read_rows(pressed.messages[0].document.content)
    rows = [r for r in rows if not re.fullmatch(r"\d+", r.text)]
    source = services.catalog.get("protokoll-2026-02-09")
    assert source is not None and source.kind == "protocol"
    served = [p for p in services.search.passages_of(source.slug) if p.kind != "heading"]
    assert len(served) == sum(1 for n in notes if n.kind in (CONTRIBUTION, CONCLUSION)) + 1
    for passage in served:
        assert ws(passage.text).startswith(ws(rows[passage.line_start - 1].text)), passage


def test_a_protocol_the_pdf_cannot_carry_is_indexed_from_its_markdown(
    services: Services,
) -> None:
    """Emoji, scripts the font lacks and right-to-left text would come back garbled."""
    notes = [
        NewNote(CONTRIBUTION, "Gute Idee 👍, wir lesen weiter."),
        NewNote(CONTRIBUTION, "中文 العربية עברית: Zitat aus der Presse."),
        NewNote(CONCLUSION, "Europa hat keine eigene Strategie."),
    ]
    _protocol(services, notes, day=date(2026, 2, 9))
    reply = _send("/protokoll_quelle 09.02.2026", services)
    assert "ist jetzt eine Quelle" in reply.messages[0].html
    texts = [p.text for p in services.search.passages_of("protokoll-2026-02-09")]
    for note in notes:
        assert any(note.text in text for text in texts), note.text


async def test_a_session_logged_in_telegram_comes_out_as_pdf(tg) -> None:
    """Through the real PTB Application and the fake Bot API: notes, /protokoll, "Als PDF"."""
    api = tg.api
    chat = api.group_chat(-100915, "Lesekreis PDF")
    anna = api.user(1091, "Anna")
    for text in (
        "/sitzung start Europa im hybriden Krieg",
        "/notiz Europa will Weltmacht werden 🇪🇺.",
        "/ergebnis ohne die USA geht militärisch nichts.",
        "/offen Was heißt hybrider Krieg?",
    ):
        await tg.replies(api.group_message(text, user=anna, chat=chat))
    calls = await tg.process(api.group_message("/protokoll", user=anna, chat=chat))
    markdown = [c for c in calls if c.method == "sendDocument"][-1]
    [data] = markdown.callback_data
    assert data.startswith("pp:") and len(data.encode()) <= 64
    pressed = await tg.process(api.callback(data, api.bot_message(markdown), user=anna))
    [document] = [c for c in pressed if c.method == "sendDocument"]
    name, content = document.files["document"]
    assert name.endswith(".pdf")
    rows = [r.text for r in read_rows(content) if not re.fullmatch(r"\d+", r.text)]
    assert rows[0].startswith("Jour fixe vom ") and rows[0].endswith("– Europa im hybriden Krieg")
    assert rows[1:] == [
        "— Europa will Weltmacht werden □.",
        "ohne die USA geht militärisch nichts.",
        "*",
        "Offene Fragen",
        "• Was heißt hybrider Krieg?",
    ]


def test_a_protocol_pdf_of_answers_only_is_taken_without_a_warning(services: Services) -> None:
    notes = [NewNote(CONCLUSION, f"Ergebnis {i}: Die Gruppe hält das fest.") for i in range(6)]
    data = pdf.render(_protocol(services, notes))
    result = services.readings.add(data, "protokoll.pdf", dest_dir=services.config.data_dir)
    assert result.source.kind == "protocol" and result.warnings == ()
    assert result.kinds.get("answer") == 6 and "contribution" not in result.kinds
