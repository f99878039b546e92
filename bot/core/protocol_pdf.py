"""The protocol as a PDF in the group's own layout (seeds/001_*, the protocol of 12.01.2026).

Layout: a bold title line "Jour fixe vom TT.MM.JJJJ – Thema"; running text, ragged right and
not hyphenated; a participant's contribution as "— …" in italics; the group's answers as plain
paragraphs; sections separated by a centred "*"; the open questions and the next meeting at
the end; a line number beside every fifth line in the left margin, counted through the whole
document; the page number at the foot of each page.

Counting follows the group's protocol (seeds/001_*: 340 "verletzen", 345 "Drohung ist"):
every printed line counts (title, text, "*", "Offene Fragen", list items); the space between
paragraphs does not. :mod:`bot.core.printed_lines` reads such a PDF back line by line.

Text is set in Liberation Serif (SIL OFL 1.1, shipped in bot/fonts with its licence), which
has the German letters, „…“, dashes and "□". A character it lacks (emoji) is printed as "□".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.core.notes import CONTRIBUTION, QUOTE
from bot.core.protocol import Protocol

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
FONT_FILES = {
    "": "LiberationSerif-Regular.ttf",
    "I": "LiberationSerif-Italic.ttf",
    "B": "LiberationSerif-Bold.ttf",
}
CREATOR = "jourfixe"  # in the PDF's metadata: the reader knows the layout exactly
MISSING = "□"  # printed for characters the font lacks
SEPARATOR = "*"
QUESTIONS_HEAD = "Offene Fragen"
BULLET = "•"

# Geometry in millimetres (A4). The body holds about 90 characters a line, as the group's
# protocol does.
PAGE_W = 210.0
PAGE_H = 297.0
LEFT = 25.0
RIGHT = 20.0
TOP = 22.0
BOTTOM = 22.0  # from the page foot to the last text line
BODY_PT = 11.5
TITLE_PT = 12.5
NUMBER_PT = 9.0
PITCH = 5.6  # from one line to the next
PARA_GAP = 2.4  # added between paragraphs; not a counted line
NUMBER_GAP = 4.0  # from the right end of a line number to the text
NUMBER_EVERY = 5
HANG = 5.0  # indent of a list item's continuation lines


class EmptyProtocol(ValueError):
    """A protocol without any note: no PDF is made."""


@dataclass(frozen=True)
class Block:
    """One paragraph of the PDF: its text, font style and alignment."""

    text: str
    style: str = ""  # "" regular | "I" italic | "B" bold
    align: str = "L"  # "L" | "C"
    indent: float = 0.0  # left indent of every line
    hang: float = 0.0  # further indent of the lines after the first (list items)
    upright: str = ""  # a start of the text set upright although the block is italic ("— ")


@dataclass(frozen=True)
class PrintedLine:
    """A line as placed on a page (for tests and the benchmark)."""

    number: int
    page: int
    text: str


# -- text --------------------------------------------------------------------------------


@cache
def _charset(style: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # fpdf2 depends on fontTools

    with TTFont(FONT_DIR / FONT_FILES[style], lazy=True) as font:
        return frozenset(font.getBestCmap())


_OPEN_QUOTE = re.compile(r'(^|[\s(\[{/—–-])"')
_SPACED_HYPHEN = re.compile(r"(?<=\s)-(?=\s)")
_JOINERS = frozenset("\u200d\u20e3") | frozenset(chr(c) for c in range(0xFE00, 0xFE10))
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u00ad\u200b\ufeff]")


def typeset(text: str, style: str = "") -> str:
    """Text as it is printed: NFC, German quotes for straight ones, spaced hyphens as dashes,
    and every run of characters the font lacks (an emoji with its modifiers) as one "□".
    """
    text = unicodedata.normalize("NFC", text).replace("\t", " ").replace("\r", "")
    text = _CONTROLS.sub("", text)
    text = _OPEN_QUOTE.sub(r"\1„", text).replace('"', "“")
    text = _SPACED_HYPHEN.sub("–", text)
    charset = _charset(style)
    out: list[str] = []
    missing = False
    for ch in text:
        if missing and (ch in _JOINERS or 0x1F3FB <= ord(ch) <= 0x1F3FF):
            continue  # a joiner, variation selector or skin tone of a replaced emoji
        if ch == "\n" or ord(ch) in charset:
            out.append(ch)
            missing = False
        elif not missing:
            out.append(MISSING)
            missing = True
    return "".join(out)


def reads_back_faithfully(p: Protocol) -> bool:
    """True when the PDF of this protocol reads back as the notes were written.

    Characters the font lacks are printed as "□", and right-to-left scripts come back
    reversed from the PDF's text layer; a protocol with either is better indexed from its
    Markdown than from its PDF.
    """
    for block in blocks(p):
        charset = _charset(block.style)
        for ch in unicodedata.normalize("NFC", block.text):
            if ch in "\n\t\r" or _CONTROLS.match(ch):
                continue
            if ord(ch) not in charset or unicodedata.bidirectional(ch) in ("R", "AL"):
                return False
    return True


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _lines_of(text: str) -> str:
    """A note's own line breaks stay; blank lines inside a note do not."""
    return "\n".join(ln.strip() for ln in text.splitlines() if ln.strip())


def blocks(p: Protocol) -> list[Block]:
    """The protocol as the paragraphs of the PDF, in order.

    Raises EmptyProtocol when the session has no note at all.
    """
    if not p.sections and not p.questions:
        raise EmptyProtocol(p.title)
    out = [Block(_flat(p.title), "B")]
    for i, section in enumerate(p.sections):
        if i:
            out.append(Block(SEPARATOR, align="C"))
        if section.title:
            out.append(Block(_flat(section.title), "B"))
        for note in section.items:
            body = _lines_of(note.text)
            if note.kind == CONTRIBUTION:
                who = note.author_name.split()[0] if p.names and note.author_name else ""
                # "— *…*" as in the group's protocol: the dash upright, the words in italics
                text = f"— {who}: {body}" if who else f"— {body}"
                out.append(Block(text, "I", upright="— "))
            elif note.kind == QUOTE:
                ref = f" ({_flat(note.ref)})" if note.ref else ""
                out.append(Block(f"„{body}“{ref}", indent=8.0))
            else:
                out.append(Block(body))
    closing: list[Block] = []
    if p.questions:
        closing.append(Block(QUESTIONS_HEAD, "B"))
        closing += [Block(f"{BULLET} {_flat(q.text)}", hang=HANG) for q in p.questions]
    if p.next_meeting:
        closing.append(Block(_lines_of(p.next_meeting)))
    if closing and p.sections:
        out.append(Block(SEPARATOR, align="C"))
    return out + closing


# -- rendering ---------------------------------------------------------------------------


def _new_pdf(title: str):  # fpdf2 is imported lazily (start-up time)
    from fpdf import FPDF

    class _ProtocolPDF(FPDF):
        def footer(self) -> None:
            self.set_y(-BOTTOM + 8)
            self.set_font("Serif", "", NUMBER_PT)
            self.set_text_color(0)
            self.cell(0, 5, str(self.page_no()), align="C")

    pdf = _ProtocolPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(LEFT, TOP, RIGHT)
    pdf.c_margin = 0
    for style, name in FONT_FILES.items():
        pdf.add_font("Serif", style, str(FONT_DIR / name))
    pdf.set_title(title)
    pdf.set_creator(CREATOR)
    pdf.set_subject("Protokoll")
    pdf.set_lang("de")
    return pdf


def _wrap(pdf, text: str, width: float) -> list[str]:
    """Break text into lines at spaces (greedy, no hyphenation); keep the note's own breaks.

    Our own loop over word widths: fpdf2's multi_cell line breaking re-measures the line for
    every character and took seconds for a 200-note protocol.
    """
    measure = pdf.get_string_width
    widths: dict[str, float] = {}

    def w(word: str) -> float:
        if word not in widths:
            widths[word] = measure(word)
        return widths[word]

    space = w(" ")
    out: list[str] = []
    for raw in text.split("\n") or [""]:
        line: list[str] = []
        used = 0.0
        for word in raw.split():
            while w(word) > width:  # longer than a line (a URL): cut it where it must be
                cut = max(1, max(i for i in range(1, len(word) + 1) if w(word[:i]) <= width))
                if line:
                    out.append(" ".join(line))
                    line, used = [], 0.0
                out.append(word[:cut])
                word = word[cut:]
            if not word:
                continue
            extra = w(word) + (space if line else 0.0)
            if line and used + extra > width:
                out.append(" ".join(line))
                line, used = [word], w(word)
            else:
                line.append(word)
                used += extra
        out.append(" ".join(line))
    return out


def render_lines(p: Protocol) -> tuple[bytes, list[PrintedLine]]:
    """The PDF and every printed line with its number (see :func:`render`)."""
    paragraphs = blocks(p)  # raises EmptyProtocol before any font is opened
    pdf = _new_pdf(_flat(p.title))
    try:
        placed = _place(pdf, paragraphs)
        return bytes(pdf.output()), placed
    finally:
        for font in pdf.fonts.values():  # fpdf2 keeps the font files open until closed
            if callable(close := getattr(font, "close", None)):
                close()


def _place(pdf, paragraphs: list[Block]) -> list[PrintedLine]:
    """Set the paragraphs line by line, numbering every line and every fifth in the margin."""
    pdf.add_page()
    width = PAGE_W - LEFT - RIGHT
    bottom = PAGE_H - BOTTOM
    # the margin number stands on the baseline of its (larger) text line
    lift = 0.3 * (BODY_PT - NUMBER_PT) * 25.4 / 72
    number = 0
    placed: list[PrintedLine] = []
    y = TOP
    for index, block in enumerate(paragraphs):
        size = TITLE_PT if index == 0 else BODY_PT
        text = typeset(block.text, block.style)
        pdf.set_font("Serif", block.style, size)
        first_w = width - block.indent
        lines = _wrap(pdf, text, first_w)
        if block.hang and len(lines) > 1:  # a list item: later lines indented under its text
            rest = text[len(lines[0]) :].strip()
            lines = [lines[0], *_wrap(pdf, rest, first_w - block.hang)]
        if index and y > TOP:
            y += PARA_GAP
        # room needed at a page's foot: a paragraph's first line never stands alone there,
        # nor a heading without the line after it, nor a "*" without heading and line
        room = PITCH * min(len(lines), 2)
        if block.text == SEPARATOR:
            room = PITCH + 2 * (PARA_GAP + PITCH)
        elif block.style == "B":
            room = PITCH * len(lines) + PARA_GAP + PITCH
        if y + room > bottom:
            y = bottom + 1
        for k, line in enumerate(lines):
            if y + PITCH > bottom:
                pdf.add_page()
                y = TOP
            number += 1
            indent = block.indent + (block.hang if k else 0)
            rest = line
            if k == 0 and block.upright and line.startswith(block.upright):
                pdf.set_font("Serif", "", size)
                pdf.set_xy(LEFT + indent, y)
                pdf.cell(pdf.get_string_width(block.upright), PITCH, block.upright)
                indent += pdf.get_string_width(block.upright)
                rest = line[len(block.upright) :]
            pdf.set_xy(LEFT + indent, y)
            pdf.set_font("Serif", block.style, size)
            pdf.cell(width - indent, PITCH, rest, align=block.align)
            if number % NUMBER_EVERY == 0:
                pdf.set_font("Serif", "", NUMBER_PT)
                pdf.set_text_color(90)
                pdf.set_xy(LEFT - NUMBER_GAP - 12, y + lift)
                pdf.cell(12, PITCH, str(number), align="R")
                pdf.set_text_color(0)
            placed.append(PrintedLine(number, pdf.page_no(), line))
            y += PITCH
    return placed


def render(p: Protocol) -> bytes:
    """The protocol as PDF bytes in the group's layout.

    Raises EmptyProtocol when there is nothing to print (no notes).
    """
    return render_lines(p)[0]


def file_name(p: Protocol) -> str:
    return f"protokoll-{p.day:%Y-%m-%d}.pdf"
