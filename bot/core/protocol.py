"""Protocols: a session rendered in the group's format, and protocol texts parsed back.

The format is the one of the group's own protocols (seeds/001_*)::

    ## **Jour fixe vom 12.01.2026 – Thema**

    A conclusion of the group as a plain paragraph.

    — *A participant's contribution.*

    \\*

    ### Optional section title

    …

    \\*

    **Offene Fragen**
    - An open question

    Der nächste Jour fixe findet am … statt.

Parsing reuses :func:`bot.core.ingest.segment` (PDF line numbers, soft breaks, hyphenation,
contributions vs. answers, sections); this module only adds what is specific to a protocol:
the title line with its date and topic, the open-questions list, quotes and the announced next
meeting at the end.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date

from bot.core.dates import NEXT_MEETING, written_year
from bot.core.ingest import segment
from bot.core.notes import (
    CONCLUSION,
    CONTRIBUTION,
    MAX_NOTE_CHARS,
    QUESTION,
    QUOTE,
    SECTION,
    NewNote,
    Note,
    Session,
)

_TITLE = re.compile(
    r"Jour\s+fixe\s+vom\s+(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{2,4})\s*[–—:-]?\s*(.*)$", re.I
)
_QUESTIONS_HEAD = re.compile(r"^\s*[#*]*\s*Offene\s+Fragen\s*:?\s*\**\s*$", re.I)
_LIST_ITEM = re.compile(r"^\s*[-•*]\s+(.*)$")
_SEP = re.compile(r"^\s*(\\\*|\*|\*\s*\*\s*\*)\s*$")
_DASH = re.compile(r"^[—–]\s*")
_DASH_ITEM = re.compile(r"^[—–]\s")  # a paragraph opened by a dash is a contribution
# "— Anna: *…*", a contribution with the first name (/namen an)
_NAMED = re.compile(r"^[—–]\s+([^\s*:\\][^*:\\]{0,39}?):\s+\*")
# Markdown block markers at a line start would turn a note into a heading or a quote
_BLOCK_MARK = re.compile(r"^([#>])", re.M)
_BLOCK_UNMARK = re.compile(r"\\([#>])")
SEPARATOR_MD = "\\*"
SEPARATOR_HTML = "*"


MAX_PROTOCOL_BYTES = 1024 * 1024  # a protocol file; the group's run to some 30 kB


class ProtocolFormatError(ValueError):
    """The text is not a protocol (no title line with a date)."""


@dataclass
class Section:
    title: str = ""
    items: list[Note] = field(default_factory=list)


@dataclass
class Protocol:
    """A session arranged for rendering."""

    day: date
    topic: str
    sections: list[Section]
    questions: list[Note]
    next_meeting: str = ""
    names: bool = False

    @property
    def title(self) -> str:
        return title_of(self.day, self.topic)


def title_of(day: date, topic: str) -> str:
    """ "Jour fixe vom TT.MM.JJJJ – Thema" on one line: a Markdown heading cannot wrap."""
    head = f"Jour fixe vom {day:%d.%m.%Y}"
    topic = _flat(topic)
    return f"{head} – {topic}" if topic else head


def build(
    session: Session, notes: list[Note], *, names: bool = False, next_meeting: str = ""
) -> Protocol:
    """Arrange a session's live notes into sections; open questions are collected apart."""
    sections = [Section()]
    questions: list[Note] = []
    for note in notes:
        if note.deleted:
            continue
        if note.kind == SECTION:
            if not sections[-1].items and not sections[-1].title:
                sections[-1].title = note.text
            else:
                sections.append(Section(note.text))
        elif note.kind == QUESTION:
            questions.append(note)
        else:
            sections[-1].items.append(note)
    sections = [s for s in sections if s.items or s.title]
    return Protocol(
        session.day,
        session.topic,
        sections,
        questions,
        next_meeting or session.next_meeting,
        names,
    )


# -- rendering ---------------------------------------------------------------------------


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _md_escape(text: str) -> str:
    # segment() drops emphasis markers but keeps escaped asterisks
    return text.replace("*", "\\*")


def _md_lines(text: str) -> str:
    """Line breaks inside a note become soft breaks, so the note stays one paragraph.

    A line that starts with "#" or ">" gets a backslash, so it stays text (not a heading or a
    quote) in a Markdown viewer and when the file is imported again.
    """
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return "  \n".join(_BLOCK_MARK.sub(r"\\\1", _md_escape(ln)) for ln in lines)


def _who(note: Note, names: bool) -> str:
    if names and note.author_name:
        return note.author_name.split()[0]
    return ""


def to_markdown(p: Protocol) -> str:
    """The protocol as Markdown in the group's format (the file attachment and the export)."""
    out = [f"## **{_md_escape(p.title)}**"]
    for i, section in enumerate(p.sections):
        if i:
            out.append(SEPARATOR_MD)
        if section.title:
            out.append(f"### {_md_escape(_flat(section.title))}")
        for note in section.items:
            body = _md_lines(note.text)
            if note.kind == CONTRIBUTION:
                who = _who(note, p.names)
                out.append(f"— {_md_escape(who)}: *{body}*" if who else f"— *{body}*")
            elif note.kind == QUOTE:
                quote = "\n".join(f"> {_md_escape(ln)}" for ln in note.text.splitlines() if ln)
                out.append(f"{quote}\n>\n> — {_md_escape(note.ref)}" if note.ref else quote)
            else:
                out.append(body)
    closing = []
    if p.questions:
        items = "\n".join(f"- {_md_escape(_flat(q.text))}" for q in p.questions)
        closing.append(f"**Offene Fragen**\n{items}")
    if p.next_meeting:
        closing.append(_md_lines(p.next_meeting))
    if closing:
        if p.sections:
            out.append(SEPARATOR_MD)
        out.extend(closing)
    return "\n\n".join(out) + "\n"


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def to_html(p: Protocol) -> str:
    """The protocol as Telegram HTML (every piece of text escaped); split it before sending."""
    out = [f"<b>{_esc(p.title)}</b>"]
    for i, section in enumerate(p.sections):
        if i:
            out.append(SEPARATOR_HTML)
        if section.title:
            out.append(f"<b>{_esc(_flat(section.title))}</b>")
        for note in section.items:
            # a blank line inside a note would read as a block boundary when split
            body = _esc(re.sub(r"\n\s*\n", "\n", note.text.strip()))
            if note.kind == CONTRIBUTION:
                who = _who(note, p.names)
                out.append(f"— {_esc(who)}: <i>{body}</i>" if who else f"— <i>{body}</i>")
            elif note.kind == QUOTE:
                ref = f"\n— {_esc(note.ref)}" if note.ref else ""
                out.append(f"<blockquote>{body}</blockquote>{ref}")
            else:
                out.append(body)
    closing = []
    if p.questions:
        items = "\n".join(f"• {_esc(_flat(q.text))}" for q in p.questions)
        closing.append(f"<b>Offene Fragen</b>\n{items}")
    if p.next_meeting:
        closing.append(_esc(p.next_meeting.strip()))
    if closing:
        if p.sections:
            out.append(SEPARATOR_HTML)
        out.extend(closing)
    return "\n\n".join(out)


def file_name(day: date) -> str:
    return f"protokoll-{day:%Y-%m-%d}.md"


# -- parsing -----------------------------------------------------------------------------


@dataclass
class ParsedProtocol:
    day: date
    topic: str
    notes: list[NewNote]  # in order, SECTION notes between sections
    next_meeting: str = ""

    def sections(self) -> list[list[NewNote]]:
        """The notes grouped by section (questions and section markers left out)."""
        groups: list[list[NewNote]] = [[]]
        for note in self.notes:
            if note.kind == SECTION:
                groups.append([])
            elif note.kind != QUESTION:
                groups[-1].append(note)
        return [g for g in groups if g]


def _date(day: str, month: str, year: str) -> date:
    return date(written_year(year), int(month), int(day))


def _extract_extras(lines: list[str]) -> tuple[list[str], list[tuple[int, NewNote]]]:
    """Take the open-questions list and Markdown quotes out of the text (by line number).

    They are replaced by blank lines so segment() still reports the original line numbers.
    """
    out = list(lines)
    extras: list[tuple[int, NewNote]] = []
    i = 0
    while i < len(out):
        if _QUESTIONS_HEAD.match(out[i]):
            out[i] = ""
            j = i + 1
            while j < len(out) and (m := _LIST_ITEM.match(out[j])):
                extras.append((j + 1, NewNote(QUESTION, _unescape(m.group(1).strip()))))
                out[j] = ""
                j += 1
            i = j
            continue
        if out[i].startswith(">"):
            start = i
            block = []
            while i < len(out) and out[i].startswith(">"):
                block.append(out[i][1:].strip())
                out[i] = ""
                i += 1
            ref = ""
            while block and not block[-1]:
                block.pop()
            if block and _DASH.match(block[-1]):
                ref = _unescape(_DASH.sub("", block.pop()))
            text = _unescape("\n".join(b for b in block if b))
            if text:
                extras.append((start + 1, NewNote(QUOTE, text, ref=ref)))
            continue
        i += 1
    return out, extras


def _unescape(text: str) -> str:
    return text.replace("\\*", "*")


def _section_of(lines: list[str], line_no: int) -> int:
    """1-based section of a 1-based line, counting separator lines above it."""
    return 1 + sum(1 for ln in lines[: line_no - 1] if _SEP.match(ln.strip()))


def parse_protocol(text: str, slug: str = "protokoll") -> ParsedProtocol:
    """Parse a protocol in the group's format (see the module docstring).

    Raises ProtocolFormatError when no title line "Jour fixe vom TT.MM.JJJJ …" is found.
    """
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines, extras = _extract_extras(raw_lines)
    passages = segment("\n".join(lines), slug, "protocol")
    day: date | None = None
    topic = ""
    # (section, line, order, note) so passages and extras interleave by position
    items: list[tuple[int, int, int, NewNote]] = []
    titles: dict[int, str] = {}
    joined: dict[int, list] = {}
    for p in passages:  # parts of a long paragraph are one note
        joined.setdefault(p.paragraph, []).append(p)
    for number, parts in joined.items():
        p = parts[0]
        body = " ".join(q.text for q in parts).strip()
        raw = lines[p.line_start - 1].strip() if p.line_start - 1 < len(lines) else ""
        if day is None and p.kind == "heading" and (m := _TITLE.search(body)):
            try:
                day = _date(m.group(1), m.group(2), m.group(3))
            except ValueError as error:
                raise ProtocolFormatError(f"Ungültiges Datum in der Titelzeile: {body}") from error
            topic = m.group(4).strip(" –—-:")
            continue
        if p.kind == "heading" and raw.startswith("#") and p.section not in titles:
            titles[p.section] = body
            continue
        body = _BLOCK_UNMARK.sub(r"\1", body)
        if p.kind == "contribution" or (p.kind == "heading" and _DASH_ITEM.match(body)):
            # a short note typed without a full stop looks like a heading to segment()
            text, author = _DASH.sub("", body), ""
            if (named := _NAMED.match(raw)) and text.startswith(named.group(1) + ":"):
                author = named.group(1).strip()
                text = text[len(named.group(1)) + 1 :].strip()
            note = NewNote(CONTRIBUTION, text, author_name=author)
        else:  # answers, unmarked headings and anything else are the group's text
            note = NewNote(CONCLUSION, body)
        items.append((p.section, p.line_start, number, note))
    if day is None:
        raise ProtocolFormatError("Keine Titelzeile „Jour fixe vom TT.MM.JJJJ …“ gefunden.")
    for line_no, note in extras:
        items.append((_section_of(raw_lines, line_no), line_no, 0, note))
    items.sort(key=lambda t: (t[0], t[1], t[2]))
    next_meeting = ""
    body_items = [t for t in items if t[3].kind != QUESTION]
    if (
        body_items
        and body_items[-1][3].kind == CONCLUSION
        and NEXT_MEETING.search(body_items[-1][3].text)
    ):
        next_meeting = body_items[-1][3].text
        items.remove(body_items[-1])
    notes: list[NewNote] = []
    questions: list[NewNote] = []
    current = None
    for section, _line, _order, note in items:
        if note.kind == QUESTION:
            questions.append(note)
            continue
        if current is None:
            current = section
            if titles.get(section):
                notes.append(NewNote(SECTION, titles[section]))
        elif section != current:
            current = section
            notes.append(NewNote(SECTION, titles.get(section, "")))
        notes.append(note)
    for note in notes + questions:
        if len(note.text) > MAX_NOTE_CHARS:  # what /notiz refuses, an import refuses too
            start = " ".join(note.text[:60].split())
            raise ProtocolFormatError(
                f"Ein Eintrag ist {len(note.text)} Zeichen lang, höchstens {MAX_NOTE_CHARS} "
                f"gehen (wie bei /notiz): „{start} …“ – bitte in mehrere Absätze teilen."
            )
    return ParsedProtocol(day, topic, notes + questions, next_meeting)
