"""Source text to passages: paragraphs with stable ids, kinds and line ranges.

The rules are generic, not tuned to one file:

* Paragraphs are blocks between blank lines; inside a block a line break starts a new
  paragraph unless it is a soft break (two trailing spaces), a hyphenated word, or the next
  line continues in lower case. Documents with one paragraph per line need no blank lines.
  A block that marks its continued lines with soft breaks (the text of a PDF with numbered
  lines, one printed line per line) ends a paragraph at every line without one.
* PDF line numbers (5, 10, 15, … at line starts, alone on a line, or mid-paragraph) are
  recognised as a rising sequence and dropped; other numbers ("S. 49", "90-Mrd.") stay.
* Words hyphenated across lines or page breaks are joined ("öffent-" + "licher"); a hyphen
  before a capital ("US-" + "Politik") or a conjunction ("Friedens- bzw. …") is kept.
* Markdown emphasis and link stubs (``[Wort](#)`` → ``Wort``) are removed; a line ``\\*``
  separates sections.
* Web debris (photo credits, "Siehe auch:", calls to action, book promotions, source lines)
  is kept as kind ``debris`` so it is never served as a quote.
* In protocols, paragraphs opened by a dash ("— …") are participants' contributions,
  other paragraphs the group's answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.core.models import Passage

MAX_PASSAGE_CHARS = 1200  # longer paragraphs are split on sentence boundaries
TARGET_PART_CHARS = 700

_LINE_NO_START = re.compile(r"^(\d{1,4})(?:\s+|$)")
_SECTION_SEP = re.compile(r"^\s*(\\\*|\*|\*\s*\*\s*\*|-{3,}|_{3,})\s*$")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_HEADING_MARK = re.compile(r"^#{1,6}\s+")
_DASH_START = re.compile(r"^[—–]\s")
_CONJ_AFTER_HYPHEN = re.compile(r"^(?:bzw\.|u\.|(?:und|oder|sowie|als auch|wie|noch)\b)")
_PHOTO = re.compile(
    r"\[(?:[^\]]*\b(?:photo|foto|bild|image|picture)\b[^\]]*)\]\s*$|^(?:foto|bild|photo):",
    re.IGNORECASE,
)
_SEE_ALSO = re.compile(
    r"^(siehe auch|lesen sie auch|mehr zum thema|weiterlesen|weitere artikel)\b", re.I
)
_SOURCE_LINE = re.compile(r"^(aus|quelle|erstveröffentlichung|übersetzung):\s", re.I)
_CALL_TO_ACTION = re.compile(
    r"^(werde|werden sie|unterstütze|unterstützen sie|abonniere|abonnieren sie|spende|"
    r"spenden sie|jetzt|melde dich|kontaktiere|folge uns|teile|bestelle|bestellen sie)\b",
    re.I,
)
_BYLINE = re.compile(r"^\d{1,2}\.\s*\w+\s+\d{4}\s*\|\s*\S")
_ABBREV = (
    "z.B. z. B. u.a. u. a. d.h. d. h. bzw. usw. etc. ca. vgl. S. Nr. Mrd. Mio. Dr. Prof. "
    "St. Abs. Art. Jh. v. Chr. Hrsg. ggf. evtl. inkl. sog. bspw. zit. f. ff. Bd."
).split()
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"“”»']?\s+(?=[„\"«(—–A-ZÄÖÜ0-9])")


@dataclass
class _Line:
    no: int  # 1-based line number in the file
    text: str  # after line-number removal, without trailing newline
    soft: bool  # ended with two spaces (soft line break)


@dataclass
class _Para:
    text: str
    start: int
    end: int
    section: int
    lines: list[tuple[int, int]] = field(default_factory=list)  # (line number, characters)

    def line_at(self, fraction: float) -> int:
        """The file line at a relative position (0..1) of the paragraph's text."""
        total = sum(n for _, n in self.lines) or 1
        target, seen = fraction * total, 0
        for no, n in self.lines:
            seen += n
            if seen >= target:
                return no
        return self.end


def _strip_line_numbers(raw_lines: list[str]) -> list[str]:
    """Drop PDF line numbers if the document has them (a rising sequence of multiples of 5)."""
    starts = []
    for line in raw_lines:
        m = _LINE_NO_START.match(line)
        if m and int(m.group(1)) % 5 == 0:
            starts.append(int(m.group(1)))
    rising = sum(1 for a, b in zip(starts, starts[1:], strict=False) if b > a)
    if len(starts) < 2 or rising < 0.8 * (len(starts) - 1):
        return raw_lines
    out: list[str] = []
    last = 0
    next_starts = starts[:]
    for line in raw_lines:
        m = _LINE_NO_START.match(line)
        if m and int(m.group(1)) % 5 == 0 and int(m.group(1)) > last:
            last = int(m.group(1))
            if next_starts and next_starts[0] == last:
                next_starts.pop(0)
            line = line[m.end() :]
        upper = next_starts[0] if next_starts else last + 100

        def mid(match: re.Match[str], lo: int = last, hi: int = upper) -> str:
            n = int(match.group(2))
            if n % 5 == 0 and lo < n < hi:
                return match.group(1)
            return match.group(0)

        # a mid-paragraph number between two words: "Alaska einen 235 Widerspruch"
        line = re.sub(r"(\s)(\d{1,4})(?=\s+[^\W\d])", mid, line)
        out.append(line)
    return out


def _clean_inline(text: str) -> str:
    text = _LINK.sub(r"\1", text)
    text = _HEADING_MARK.sub("", text)
    text = text.replace("\\*", "\x00")  # escaped literal asterisks survive
    text = re.sub(r"\*+", "", text)
    return re.sub(r"[ \t]+", " ", text.replace("\x00", "*")).strip()


def _join(left: str, right: str) -> str:
    """Join two pieces of one paragraph, repairing hyphenation across the break."""
    left = left.rstrip()
    right = right.lstrip()
    if not left:
        return right
    if re.search(r"[^\W\d_]-$", left):
        first = right.lstrip("*")
        if _CONJ_AFTER_HYPHEN.match(first):
            return f"{left} {right}"  # "Friedens- bzw. Waffenstillstandslösung"
        if first[:1].islower():
            return left[:-1] + right  # "öffent-" + "licher"
        return left + right  # "US-" + "Politik"
    return f"{left} {right}"


def _unfinished(text: str) -> bool:
    """A paragraph cut off by a page break: a hyphenated word, or a long one without an end."""
    text = text.rstrip().rstrip("*").rstrip()
    if re.search(r"[^\W\d_]-$", text):
        return True
    return len(text.split()) >= 15 and not re.search(r"[.!?…:;\"“”»)\]]$", text)


def _continues(prev: _Line, nxt: str, marked: bool = False) -> bool:
    """Does the next line continue the paragraph of ``prev`` (inside one block)?

    ``marked``: the block marks its continued lines with soft breaks (the line-faithful text
    of a PDF with numbered lines), so a line without one ends its paragraph even when the
    next one starts in lower case.
    """
    if prev.soft:
        return True
    text = prev.text.rstrip()
    if re.search(r"[^\W\d_]-$", text):
        return True
    if marked or _ends_sentence(text):
        return False
    first = nxt.lstrip("*_ ")
    return bool(first) and first[0].islower()


def _ends_sentence(text: str) -> bool:
    """A line that ends a sentence ("… fest.", "… ernst?“"), not an abbreviation or ordinal.

    A lower-case line after it starts a new paragraph (a note typed in lower case), while
    "z. B." or "am 12." at a line end still continue.
    """
    text = text.rstrip("*_ ")
    if not re.search(r"[.!?…][\"“”»')]*$", text):
        return False
    last = text.split()[-1] if text.split() else ""
    bare = last.lstrip('(„"»')
    return not (bare in _ABBREV or re.fullmatch(r"\d+\.|[A-Za-zÄÖÜäöü]\.", bare))


def _paragraphs(text: str) -> list[_Para]:
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cleaned = _strip_line_numbers(raw)
    lines = [
        _Line(i + 1, c.rstrip(), raw[i].endswith("  ") or c.endswith("  "))
        for i, c in enumerate(cleaned)
    ]
    # blocks (between blank lines) that mark continued lines with soft breaks
    marked: set[int] = set()
    block = 0
    for line in lines:
        if not line.text.strip():
            block += 1
        elif line.soft:
            marked.add(block)
    block = 0
    paras: list[_Para] = []
    section = 1
    current: _Para | None = None
    prev: _Line | None = None
    pending_hyphen = False  # a paragraph ended with a hyphenated word before a blank line
    for line in lines:
        body = line.text.strip()
        if not line.text.strip():
            block += 1
        if not body or body.isdigit():  # blank, or a lone line number left over
            if current is not None and not body:
                pending_hyphen = _unfinished(current.text)
                paras.append(current)
                current, prev = None, None
            continue
        if _SECTION_SEP.match(body):
            if current is not None:
                paras.append(current)
                current, prev = None, None
            section += 1
            pending_hyphen = False
            continue
        if current is None and pending_hyphen and paras:
            # a page break inside a paragraph: "öffent-" + blank + "licher", "in der" + "Welt"
            current = paras.pop()
            current.text = _join(current.text, body)
            current.end = line.no
            current.lines.append((line.no, len(body)))
        elif current is not None and prev is not None and _continues(prev, body, block in marked):
            current.text = _join(current.text, body)
            current.end = line.no
            current.lines.append((line.no, len(body)))
        else:
            if current is not None:
                paras.append(current)
            current = _Para(body, line.no, line.no, section, [(line.no, len(body))])
        pending_hyphen = False
        prev = line
    if current is not None:
        paras.append(current)
    return paras


def split_sentences(text: str) -> list[str]:
    """Split German text into sentences without breaking at common abbreviations."""
    protected = text
    for i, abbr in enumerate(_ABBREV):
        protected = protected.replace(f" {abbr} ", f" \x01{i}\x01 ")
    parts = _SENTENCE_END.split(protected)
    out = []
    for part in parts:
        out.append(re.sub(r"\x01(\d+)\x01", lambda m: _ABBREV[int(m.group(1))], part))
    return [p for p in out if p.strip()]


def _split_long(text: str) -> list[str]:
    if len(text) <= MAX_PASSAGE_CHARS:
        return [text]
    pieces: list[str] = []
    current = ""
    for sentence in split_sentences(text):
        if current and len(current) + 1 + len(sentence) > TARGET_PART_CHARS:
            pieces.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}" if current else sentence
    if current:
        if pieces and len(current) < TARGET_PART_CHARS // 3:
            pieces[-1] = f"{pieces[-1]} {current}"
        else:
            pieces.append(current)
    return pieces


def _kind(text: str, raw: str, doc_kind: str, index: int, cleaned: list[str]) -> str:
    words = text.split()
    if (
        _PHOTO.search(text)
        or _SEE_ALSO.match(text)
        or _SOURCE_LINE.match(text)
        or _BYLINE.match(text)
        or (_CALL_TO_ACTION.match(text) and len(words) <= 15)
    ):
        return "debris"
    if _is_promo(index, cleaned):
        return "debris"
    stripped = raw.strip()
    if stripped.startswith("#") or (
        len(words) <= 14 and not re.search(r"[.!?:;…\"“”]$", text.rstrip(")").rstrip())
    ):
        return "heading"
    if text.startswith("(") and text.endswith(")") and len(words) <= 20:
        return "heading"  # "(Teil 1: …)"
    if text.isupper() and len(words) <= 12:
        return "heading"
    if doc_kind == "protocol":
        return "contribution" if _DASH_START.match(text) else "answer"
    return "text"


_NAME_LINE = re.compile(r"^[A-ZÄÖÜ][\w.-]+(?: [A-ZÄÖÜ][\w.-]+){1,3}$")


def _is_promo(i: int, cleaned: list[str]) -> bool:
    """A book or product promotion: a name line, a title line, a blurb naming that person.

    ``cleaned``: every paragraph's inline-cleaned text, computed once per text (cleaning
    each paragraph again for each of its three neighbours cost half of segmenting a book).
    """

    def clean(k: int) -> str:
        return cleaned[k] if 0 <= k < len(cleaned) else ""

    for start in (i, i - 1, i - 2):
        name = clean(start)
        if not _NAME_LINE.match(name):
            continue
        title, blurb = clean(start + 1), clean(start + 2)
        if (
            title
            and len(title.split()) <= 16
            and not title.endswith(".")
            and name in blurb
            and start <= i <= start + 2
        ):
            return True
    return False


def segment(text: str, slug: str, kind: str = "article") -> list[Passage]:
    """Cut a source text into passages (see the module docstring for the rules)."""
    paras = _paragraphs(text)
    cleaned = [_clean_inline(para.text) for para in paras]
    passages: list[Passage] = []
    for number, (para, clean) in enumerate(zip(paras, cleaned, strict=True), start=1):
        if not clean:
            continue
        pkind = _kind(clean, para.text, kind, number - 1, cleaned)
        pieces = _split_long(clean) if pkind not in ("debris", "heading") else [clean]
        offset = 0
        for part, piece in enumerate(pieces, start=1 if len(pieces) > 1 else 0):
            pid = f"{slug}:{number}" if part == 0 else f"{slug}:{number}.{part}"
            start, end = para.start, para.end
            if part:  # cite the lines this piece stands on, not the whole paragraph
                start = para.line_at(offset / len(clean))
                end = para.line_at((offset + len(piece)) / len(clean))
                offset += len(piece) + 1
            passages.append(
                Passage(
                    id=pid,
                    source=slug,
                    paragraph=number,
                    part=part,
                    line_start=start,
                    line_end=end,
                    kind=pkind,
                    section=para.section,
                    text=piece,
                )
            )
    return passages
