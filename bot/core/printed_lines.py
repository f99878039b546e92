"""PDFs with line numbers in the left margin, read back line by line.

The group's protocols (and the ones :mod:`bot.core.protocol_pdf` makes) print a number beside
every fifth line, counted through the whole document, and members cite them by it ("Z. 129").
This module turns such a PDF into a text in which line N is the line printed as N: the margin
numbers are taken out, and every other line gets its number by counting from the nearest
number printed above it (or, before the first one, back from the first). So the ingest's
line ranges, and every citation made from them, name the printed lines.

In that text a line that goes on in the next line of the same paragraph ends with two spaces
(a soft break); a line without them ends its paragraph. Paragraph ends are taken from the
space between lines (paragraphs stand further apart than lines), from a dash or bullet at
the start of the next line, and at a page break from a short line ending a sentence. The
title line "Jour fixe vom …" becomes a heading ("## …"); literal asterisks are escaped, so
only a lone centred "*" separates sections.

Works on the positions pypdf reports for each piece of text; a PDF without margin numbers
(or numbered anew on every page) gives None and is read the ordinary way.

The bundled seed protocol (seeds/001_*) is a text extracted from the group's PDF, not the PDF:
it keeps citing its file lines. Its printed numbers survive only in places (long stretches
were extracted as one line per paragraph, and none is left after 365), so printed lines
could be guessed there but not known, and the seed stays byte for byte as it is.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from bot.core.protocol_pdf import PITCH

NUMBER_EVERY = 5
_DIGITS = re.compile(r"^\d{1,5}$")
_PAGE_NUMBER = re.compile(
    r"^[-–—\s]*(?:Seite\s+)?\d{1,4}(?:\s*(?:von|/)\s*\d{1,4})?[-–—\s]*$", re.I
)
_TITLE = re.compile(r"^\s*Jour\s+fixe\s+vom\b", re.I)
_STARTS_ITEM = re.compile(r"^\s*[—–•]\s")
_SENTENCE_END = re.compile(r"[.!?:…“”\"»)]$")
_SEPARATOR = re.compile(r"^\s*(\*|\*\s*\*\s*\*)\s*$")
_SAME_ROW = 2.5  # points: pieces of text this close in height stand on one line


@dataclass
class _Row:
    page: int
    y: float  # baseline, from the page's foot up (PDF points)
    left: float
    pieces: list[tuple[float, str]] = field(default_factory=list)  # (x, text)
    mark: int | None = None  # the number printed in the margin beside it

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(t for _, t in sorted(self.pieces))).strip()


def _rows_of_page(page: Any, page_no: int) -> list[_Row]:
    pieces: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, _size: Any) -> None:
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        pieces.append((x, y, text.replace("\n", " ")))

    page.extract_text(visitor_text=visit)
    rows: list[_Row] = []
    for x, y, text in sorted(pieces, key=lambda p: (-p[1], p[0])):
        row = next((r for r in rows if abs(r.y - y) <= _SAME_ROW), None)
        if row is None:
            row = _Row(page_no, y, x)
            rows.append(row)
        row.pieces.append((x, text))
        row.left = min(row.left, x)
    rows.sort(key=lambda r: -r.y)
    return rows


def _take_margin_numbers(rows: list[_Row]) -> None:
    """Move numbers standing left of the text column into ``row.mark``."""
    lefts = [
        round(x)
        for r in rows
        for x, t in r.pieces
        if not _DIGITS.match(t.strip()) and len(t.strip()) > 1
    ]
    if not lefts:
        return
    column = statistics.mode(lefts)
    for row in rows:
        numbers = [(x, t) for x, t in row.pieces if _DIGITS.match(t.strip()) and x < column - 3]
        if len(numbers) == 1:
            row.mark = int(numbers[0][1].strip())
            row.pieces.remove(numbers[0])
            row.left = min((x for x, _ in row.pieces), default=column)


def _drop_page_furniture(rows: list[_Row]) -> list[_Row]:
    """Page numbers (first or last line of a page, no margin number) are not text lines."""
    out: list[_Row] = []
    by_page: dict[int, list[_Row]] = {}
    for row in rows:
        by_page.setdefault(row.page, []).append(row)
    for page_rows in by_page.values():
        for i, row in enumerate(page_rows):
            edge = i in (0, len(page_rows) - 1)
            if edge and row.mark is None and _PAGE_NUMBER.match(row.text):
                continue
            if not row.text and row.mark is None:
                continue
            out.append(row)
    return out


def _numbers(rows: list[_Row], counted: bool) -> list[int] | None:
    """The printed line number of every row, or None when the margin numbers do not rise.

    ``counted``: every row is one counted line (a PDF made by the bot); the margin numbers
    must agree. Otherwise rows are counted from the nearest margin number.
    """
    anchors = [(i, r.mark) for i, r in enumerate(rows) if r.mark is not None]
    marks = [m for _, m in anchors]
    if counted and all(m == i + 1 for i, m in anchors):
        return list(range(1, len(rows) + 1))
    if len(marks) < 2 or any(m % NUMBER_EVERY for m in marks):
        return None
    if any(b <= a for a, b in zip(marks, marks[1:], strict=False)):
        return None  # numbered anew on each page, or not line numbers at all
    numbers = [0] * len(rows)
    first_i, first_m = anchors[0]
    for i in range(first_i + 1):
        numbers[i] = max(1, first_m - (first_i - i))
    for (i, a), (j, b) in zip(anchors, [*anchors[1:], (len(rows), None)], strict=False):
        for k in range(i, j):
            n = a + (k - i)
            numbers[k] = n if b is None else min(n, b - 1) if k > i else a
    return numbers


def _ends_paragraph(row: _Row, nxt: _Row | None, pitch: float, width: float) -> bool:
    if nxt is None or _SEPARATOR.match(row.text) or _SEPARATOR.match(nxt.text):
        return True
    if _STARTS_ITEM.match(nxt.text):
        return True
    if nxt.page == row.page:
        return row.y - nxt.y > 1.25 * pitch
    # across a page break: a short line that ends a sentence ends its paragraph
    return bool(_SENTENCE_END.search(row.text)) and len(row.text) < 0.8 * width


def numbered_text(reader: Any) -> str | None:
    """Text of a PDF with margin line numbers, line N = printed line N; None without them.

    ``reader`` is a :class:`pypdf.PdfReader`.
    """
    meta = reader.metadata
    made_by_bot = meta is not None and str(meta.get("/Creator", "")).startswith("jourfixe")
    rows: list[_Row] = []
    for page_no, page in enumerate(reader.pages):
        page_rows = _rows_of_page(page, page_no)
        _take_margin_numbers(page_rows)
        rows += page_rows
        if page_no == 1 and not made_by_bot and not any(r.mark is not None for r in rows):
            return None  # no numbers on the first two pages: an ordinary PDF, read as before
    rows = _drop_page_furniture(rows)
    if not made_by_bot and not any(r.mark is not None for r in rows):
        return None  # (a short protocol of the bot, under five lines, has no number yet)
    numbers = _numbers(rows, made_by_bot)
    if numbers is None:
        return None
    gaps = [
        a.y - b.y for a, b in zip(rows, rows[1:], strict=False) if a.page == b.page and a.y > b.y
    ]
    # the line pitch: the smallest usual gap (a page of one-line paragraphs has few others)
    usual = [g for g in gaps if gaps and g >= 0.6 * statistics.median(gaps)]
    pitch = min(usual) if usual else 14.0
    if made_by_bot:  # the layout is known: a page of one-line paragraphs has no line gap
        pitch = PITCH * 72 / 25.4
    width = statistics.median([len(r.text) for r in rows if r.text] or [80])
    lines = [""] * max(numbers)
    titled = False
    for i, (row, number) in enumerate(zip(rows, numbers, strict=True)):
        text = row.text
        if not _SEPARATOR.match(text):
            text = text.replace("*", "\\*")
        if not titled and text:
            titled = True
            if _TITLE.match(text):
                text = f"## {text}"
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        if not _ends_paragraph(row, nxt, pitch, width):
            text += "  "
        slot = number - 1
        lines[slot] = f"{lines[slot].rstrip()} {text}".lstrip() if lines[slot] else text
    text = "\n".join(lines)
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "").replace("\ufeff", "")
    return text.rstrip("\n") + "\n"
