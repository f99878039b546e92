"""New readings: text extraction from uploaded files, metadata guessing, registering.

Extraction is pure (bytes + file name -> text); it never touches the database or Telegram.
Every refusal raises :class:`ReadingError` with a German message for the user.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import re
import statistics
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from bot.core.ingest import segment
from bot.core.models import Source
from bot.core.text import words
from bot.texts import uploads as T

if TYPE_CHECKING:
    import sqlite_utils

    from bot.services import Services

MAX_BYTES = 5 * 1024 * 1024
FORMATS = {
    ".txt": "txt",
    ".md": "txt",
    ".markdown": "txt",
    ".text": "txt",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
}
KINDS = ("article", "blog", "protocol")
FIELD_LIMITS = {"title": 200, "author": 120, "outlet": 200}  # characters


class ReadingError(Exception):
    """A reading was refused; ``str(err)`` is the German message for the user."""


class UnknownProtocolLayout(ReadingError):
    """A text that looks like a protocol in a layout the repair rules do not know.

    Refused (nothing stored); the CLI and the bot add how to take it anyway: as an article,
    or as a protocol when the user says so explicitly.
    """


@dataclass(frozen=True)
class Extracted:
    """Plain text of an uploaded document plus metadata hints from the format itself."""

    text: str  # UTF-8 text, paragraphs separated by blank lines
    fmt: str  # txt | pdf | html | docx
    title: str = ""  # from <h1>/<title>, a docx Title/Heading 1, PDF metadata
    author: str = ""  # from <meta name="author">, PDF metadata
    date: str = ""  # raw date string from HTML metadata (ISO), parsed later
    outlet: str = ""  # from og:site_name
    encoding: str = "utf-8"  # detected encoding of a text file


def human_size(n: int) -> str:
    """German size label, e.g. '6,2 MB'."""
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB".replace(".", ",")
    if n >= 1024:
        return f"{n / 1024:.0f} kB"
    return f"{n} Bytes"


def check_size(size: int, name: str) -> None:
    """Refuse files above 5 MB (callable before downloading, with the announced size)."""
    if size > MAX_BYTES:
        raise ReadingError(T.TOO_LARGE.format(name=name, size=human_size(size)))


def check_upload(file_name: str, size: int) -> None:
    """What can be refused before downloading: the file type and the announced size."""
    name = PurePath(file_name).name or "Datei"
    ext = PurePath(name).suffix.lower()
    if ext == ".doc":
        raise ReadingError(T.OLD_WORD)
    if ext not in FORMATS:
        raise ReadingError(T.UNSUPPORTED_TYPE.format(ext=ext or name))
    check_size(size, name)


def extract(data: bytes, file_name: str) -> Extracted:
    """Turn an uploaded file into text; raise ReadingError with a German message when refused."""
    name = PurePath(file_name).name or "Datei"
    check_size(len(data), name)
    if not data.strip():
        raise ReadingError(T.EMPTY_FILE.format(name=name))
    ext = PurePath(name).suffix.lower()
    if ext == ".doc":
        raise ReadingError(T.OLD_WORD)
    fmt = FORMATS.get(ext)
    if fmt is None:
        raise ReadingError(T.UNSUPPORTED_TYPE.format(ext=ext or name))
    if fmt == "pdf":
        result = _extract_pdf(data, name)
    elif fmt == "docx":
        result = _extract_docx(data, name)
    else:
        raw, encoding = decode_text(data, name)
        if fmt == "html":
            result = _extract_html(raw, encoding)
        else:
            result = _front_matter(Extracted(text=_clean_text(raw), fmt="txt", encoding=encoding))
    if not re.search(r"\w{2}", result.text):
        raise ReadingError(T.NO_TEXT.format(name=name))
    return result


# --- plain text ---------------------------------------------------------------------------

_MAGIC = (
    b"%PDF",
    b"PK\x03\x04",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"\xd0\xcf\x11\xe0",
    b"\x7fELF",
    b"MZ",
    b"\x1f\x8b",
    b"BZh",
    b"7z\xbc\xaf",
    b"Rar!",
    b"ID3",
    b"OggS",
    b"RIFF",
    b"\x00\x00\x00",
)
# Characters a German text in a Western single-byte encoding plausibly contains
_WESTERN_CHARS = frozenset("äöüÄÖÜßéèêëàâáçñóôòúùûíìîïœæøåÉÈÀÇÑÓ„“”‚‘’–—…«»‹›§°€·×÷½¼¾²³µ¢£¥©®±¿¡")


def _plausibility(text: str) -> float:
    """Share of the non-ASCII characters that belong in a German/Western text."""
    special = [ch for ch in text if ord(ch) > 127]
    if not special:
        return 1.0
    letters = sum(1 for ch in text if ch.isalpha()) or 1
    if sum(1 for ch in special if ch.isalpha()) > 0.3 * letters:
        return 0.0  # mostly accented letters: another alphabet read in the wrong code page
    return sum(ch in _WESTERN_CHARS for ch in special) / len(special)


def _decode_legacy(data: bytes, name: str) -> tuple[str, str]:
    """A non-UTF-8 text: Windows-1252/Latin-1 when that reads as German, else detected.

    charset-normalizer alone often names cp775 or cp1250 for a short German text with a
    single umlaut, so the Western reading is tried first and kept when it is plausible.
    """
    try:
        western, encoding = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # 0x81, 0x8d, ... are undefined in cp1252
        western, encoding = data.decode("latin-1"), "latin-1"
    if _plausibility(western) >= 0.8:
        return western, encoding
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ReadingError(T.BINARY.format(name=name))
    return str(best), best.encoding


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, else detected."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ReadingError(T.BAD_ENCODING.format(name=name)) from None
    if data.startswith(_MAGIC) or b"\x00" in data[:8192]:
        raise ReadingError(T.BINARY.format(name=name))
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = _decode_legacy(data, name)
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if controls > max(2, len(text) // 200):
        raise ReadingError(T.BINARY.format(name=name))
    return text, encoding


def _clean_text(text: str) -> str:
    """Normalise line ends and Unicode form; keep the layout (the ingest repairs it)."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u00ad", "").replace("\ufeff", "").replace("\f", "\n\n")
    return text.strip("\n") + "\n"


def _front_matter(ex: Extracted) -> Extracted:
    """Markdown exports often start with a YAML block (title, author, date): use and drop it."""
    m = re.match(r"---\n(.*?)\n(?:---|\.\.\.)\n", ex.text, re.S)
    if not m:
        return ex
    import yaml

    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        return ex
    if not isinstance(data, dict):
        return ex

    def field(*keys: str) -> str:
        for key in keys:
            value = data.get(key)
            if isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            if value not in (None, ""):
                return str(value).strip()
        return ""

    return dataclasses.replace(
        ex, text=ex.text[m.end() :].lstrip("\n"), title=field("title", "titel"),
        author=field("author", "autor", "authors"), date=field("date", "datum"),
        outlet=field("outlet", "medium", "source", "quelle"),
    )  # fmt: skip


# --- PDF ----------------------------------------------------------------------------------


def _extract_pdf(data: bytes, name: str) -> Extracted:
    if not data.lstrip()[:1024].find(b"%PDF") >= 0:
        raise ReadingError(T.BAD_PDF.format(name=name))
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    pages: list[str] = []
    title = author = ""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pypdf warns about every sloppy PDF it still reads
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                try:
                    if not reader.decrypt(""):
                        raise ReadingError(T.ENCRYPTED_PDF.format(name=name))
                except (PyPdfError, NotImplementedError):
                    raise ReadingError(T.ENCRYPTED_PDF.format(name=name)) from None
            for page in reader.pages:
                pages.append(page.extract_text() or "")
            meta = reader.metadata
            if meta is not None:
                title = str(meta.title or "").strip()
                author = str(meta.author or "").strip()
        except ReadingError:
            raise
        except Exception:  # pypdf raises many kinds of errors on broken files
            raise ReadingError(T.BAD_PDF.format(name=name)) from None
    letters = sum(1 for p in pages for ch in p if ch.isalpha())
    if letters < 20 * max(1, len(pages)) and letters < 200:
        raise ReadingError(T.SCANNED_PDF.format(name=name))
    pages = _strip_pdf_line_numbers(pages)
    text = "\n\n".join(_reflow_pdf_page(p) for p in pages if p.strip())
    # Word processors put junk like "Microsoft Word - brief.docx" into the title field
    if re.search(r"\.(docx?|odt|pdf|txt)$|^(untitled|unbenannt|microsoft)", title, re.I):
        title = ""
    return Extracted(text=_clean_text(text), fmt="pdf", title=title, author=author)


_LINE_NO = re.compile(r"^\s*(\d{1,4})(?:\s+|$)")


def _strip_pdf_line_numbers(pages: list[str]) -> list[str]:
    """Drop printed line numbers (5, 10, 15 … at line starts, rising through the document).

    Protocols are printed with them; once the lines are joined into paragraphs they would
    sit mid-sentence, so they go before reflowing. Other numbers at a line start ("2025 war
    …") stay because they do not form the rising sequence of multiples of five.
    """
    numbered = [
        int(m.group(1))
        for page in pages
        for line in page.split("\n")
        if (m := _LINE_NO.match(line)) and int(m.group(1)) % 5 == 0
    ]
    rising = sum(1 for a, b in zip(numbered, numbered[1:], strict=False) if b > a)
    if len(numbered) < 3 or rising < 0.8 * (len(numbered) - 1):
        return pages
    out: list[str] = []
    last = 0
    for page in pages:
        lines = []
        seen_on_page = False
        for line in page.split("\n"):
            m = _LINE_NO.match(line)
            n = int(m.group(1)) if m else 0
            if n == 5 and not seen_on_page:
                last = 0  # numbering restarts on every page
            # the next line number follows closely; "2025 war …" is not one
            if m and n % 5 == 0 and last < n <= last + 25:
                last = n
                seen_on_page = True
                line = line[m.end() :]
                if not line.strip():
                    continue  # a number alone on its line
            lines.append(line)
        out.append("\n".join(lines))
    return out


def _reflow_pdf_page(page: str) -> str:
    """Join the visual lines of a PDF page into paragraphs.

    pypdf returns one line per printed line. A line ends a paragraph when it is blank, or
    clearly shorter than the page's typical line and ends with a sentence mark (or is a short
    heading-like line). Hyphenated line ends are joined ("Frie-" + "den", "US-" + "Politik");
    protocol line numbers (5, 10, 15 …) stay for the ingest, which recognises them.
    """
    lines = [ln.rstrip() for ln in page.replace("\r", "").split("\n")]
    lengths = [len(ln) for ln in lines if len(ln.strip()) > 20]
    typical = statistics.median(lengths) if lengths else 60
    paragraphs: list[str] = []
    current = ""
    for ln in lines:
        stripped = ln.strip()
        if not stripped:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if re.search(r"[^\W\d_]-$", current) and not re.match(r"(bzw\.|und|oder)\b", stripped):
            current = current[:-1] + stripped if stripped[:1].islower() else current + stripped
        else:
            current = f"{current} {stripped}" if current else stripped
        short = len(stripped) < 0.8 * typical
        if short and re.search(r"[.!?:“”\"»«)]$", stripped):
            paragraphs.append(current)
            current = ""
        elif short and current == stripped and len(stripped) < 0.6 * typical:
            # a short line standing alone without an end mark: a heading or a byline
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


# --- DOCX ---------------------------------------------------------------------------------


def _extract_docx(data: bytes, name: str) -> Extracted:
    if not data.startswith(b"PK"):
        raise ReadingError(T.BAD_DOCX.format(name=name))
    import docx

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, Exception):
        raise ReadingError(T.BAD_DOCX.format(name=name)) from None
    blocks: list[str] = []
    title = ""
    for para in document.paragraphs:
        text = para.text.strip()
        if not text:
            continue
        style = (para.style.name if para.style is not None else "") or ""
        if style == "Title" or style.startswith("Heading"):
            if not title and style in ("Title", "Heading 1"):
                title = text
            blocks.append(f"## {text}")
        else:
            blocks.append(text)
    for table in document.tables:
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells if c.text.strip()]
            if cells:
                blocks.append(" | ".join(dict.fromkeys(cells)))
    core_title = (document.core_properties.title or "").strip()
    return Extracted(text=_clean_text("\n\n".join(blocks)), fmt="docx", title=title or core_title)


# --- HTML ---------------------------------------------------------------------------------

_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
}
_SKIP_TAGS = {
    "script",
    "style",
    "noscript",
    "nav",
    "footer",
    "header",
    "aside",
    "form",
    "template",
    "svg",
    "iframe",
    "button",
    "menu",
    "select",
    "figure",
    "dialog",
    "object",
    "canvas",
    "head",
}
_BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "td",
    "th",
    "dd",
    "dt",
    "dl",
    "figcaption",
    "address",
    "br",
    "hr",
    "body",
}
_BOILER_ATTR = re.compile(
    r"(^|[\s_-])(nav|navbar|navigation|menu|footer|sidebar|breadcrumbs?|cookie|consent|share|"
    r"sharing|social|related|comments?|advert|ads?|banner|newsletter|promo|teaser-list|"
    r"skip|subscribe|paywall|widget|toolbar|pagination|tags)([\s_-]|$)",
    re.I,
)
_SEE_ALSO = re.compile(
    r"^(siehe auch|weitere artikel|weiterlesen|mehr zum thema|das könnte sie auch interessieren|"
    r"ähnliche artikel|verwandte artikel|kommentare?|leserkommentare|zum weiterlesen|"
    r"empfohlene artikel|teilen|newsletter|see also|related( articles| posts)?|comments?)\b",
    re.I,
)


@dataclass
class _Block:
    text: str
    tag: str  # the innermost block tag ("h2", "p", "li", ...)
    link_chars: int
    in_main: bool  # inside <article> or <main>


class _MainText(HTMLParser):
    """Collect text blocks of an HTML page, skipping navigation, scripts and other boilerplate."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, skips its content)
        self.blocks: list[_Block] = []
        self.buf: list[str] = []
        self.link_chars = 0
        self.in_link = 0
        self.block_tag = "p"
        self.title = ""
        self.in_title = False
        self.meta: dict[str, str] = {}
        self.times: list[str] = []

    @property
    def skipping(self) -> bool:
        return any(skip for _, skip in self.stack)

    @property
    def in_main(self) -> bool:
        return any(tag in ("article", "main") for tag, _ in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("name") or a.get("property") or "").lower()
            if key and a.get("content"):
                self.meta.setdefault(key, a["content"].strip())
            return
        if tag == "time" and a.get("datetime") and not self.skipping:
            self.times.append(a["datetime"])
        if tag == "title":
            self.in_title = True
        if tag in _BLOCK:
            self._flush()
            if tag != "br" and tag != "hr":
                self.block_tag = tag
        if tag in _VOID:
            return
        marker = " ".join((a.get("class", ""), a.get("id", ""), a.get("role", "")))
        # an article's own <header> holds its title and byline; a page header is boilerplate
        page_part = tag in _SKIP_TAGS and not (tag == "header" and self.in_main)
        skip = (
            page_part
            or bool(_BOILER_ATTR.search(marker))
            or (a.get("aria-hidden") == "true" or "hidden" in a)
        )
        if tag in ("p", "li") and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()  # an unclosed <p> or <li> ends where the next one begins
        self.stack.append((tag, skip))
        if tag == "a":
            self.in_link += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _BLOCK:
            self._flush()
        if tag == "a" and self.in_link:
            self.in_link -= 1
        if any(t == tag for t, _ in self.stack):
            while self.stack:
                t, _ = self.stack.pop()
                if t == tag:
                    break

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
            return
        if self.skipping:
            return
        self.buf.append(data)
        if self.in_link:
            self.link_chars += len(data.strip())

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self.buf)).strip()
        if text and not self.skipping:
            self.blocks.append(_Block(text, self.block_tag, self.link_chars, self.in_main))
        self.buf = []
        self.link_chars = 0

    def close(self) -> None:
        super().close()
        self._flush()


def _extract_html(raw: str, encoding: str) -> Extracted:
    parser = _MainText()
    parser.feed(raw)
    parser.close()
    blocks = parser.blocks
    main = [b for b in blocks if b.in_main]
    if sum(len(b.text) for b in main) >= 200:
        blocks = main
    kept: list[_Block] = []
    dropping_level = 0  # > 0 while inside a "Siehe auch" section of that heading level
    for b in blocks:
        level = int(b.tag[1]) if re.fullmatch(r"h[1-6]", b.tag) else 0
        if dropping_level:
            if level and level <= dropping_level:
                dropping_level = 0
            else:
                continue
        if _SEE_ALSO.match(b.text) and (level or len(b.text) < 40):
            dropping_level = level or 6
            continue
        words = len(b.text.split())
        if b.link_chars > 0.5 * len(b.text) and words < 40:
            continue  # a list of links (menus, tag clouds, "read more")
        kept.append(b)
    h1 = next((b.text for b in kept if b.tag == "h1"), "")
    page_title = re.sub(r"\s+", " ", parser.title).strip()
    og_title = parser.meta.get("og:title", "")
    title = h1 or og_title or re.split(r"\s+[|–—-]\s+", page_title)[0]
    lines: list[str] = []
    for b in kept:
        if re.fullmatch(r"h[1-6]", b.tag):
            lines.append(f"## {b.text}")
        else:
            lines.append(b.text)
    meta_date = (
        parser.meta.get("article:published_time")
        or parser.meta.get("date")
        or parser.meta.get("dc.date")
        or (parser.times[0] if parser.times else "")
    )
    author = parser.meta.get("author") or parser.meta.get("article:author") or ""
    if author.startswith("http"):
        author = ""
    return Extracted(
        text=_clean_text("\n\n".join(lines)),
        fmt="html",
        title=title,
        author=author,
        date=meta_date,
        outlet=parser.meta.get("og:site_name", ""),
        encoding=encoding,
    )


# --- hashing --------------------------------------------------------------------------------


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- metadata ------------------------------------------------------------------------------

_MONTHS = {
    "januar": 1,
    "jänner": 1,
    "jaenner": 1,
    "februar": 2,
    "märz": 3,
    "maerz": 3,
    "april": 4,
    "mai": 5,
    "juni": 6,
    "juli": 7,
    "august": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "dezember": 12,
    "january": 1,
    "february": 2,
    "march": 3,
    "may": 5,
    "june": 6,
    "july": 7,
    "october": 10,
    "december": 12,
}
_DATE_RE = re.compile(
    r"(?P<iso>(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2}))"
    r"|(?P<de>(?<!\d)(?P<dd>\d{1,2})\.\s?(?P<dm>\d{1,2})\.\s?(?P<dy>\d{4}|\d{2})(?!\d))"
    r"|(?P<long>(?<!\d)(?P<ld>\d{1,2})\.?\s+(?P<lm>[A-Za-zÄäÖöÜü]+)\s+(?P<ly>\d{4}))",
)
_NAME_WORD = r"(?:[A-ZÄÖÜ][\w'’.\-]*|von|van|der|de|da|zu|la|le|al|el|bin)"
_NAME_RE = re.compile(rf"^[A-ZÄÖÜ][\w'’.\-]*(?:\s+{_NAME_WORD}){{0,4}}$")
_BYLINE_RE = re.compile(
    rf"^(?:von|by|autor(?:in)?:|text:)\s+(?P<name>[A-ZÄÖÜ][\w'’.\-]*(?:\s+{_NAME_WORD}){{0,4}})"
    r"(?:\s*[,|·–—-].*)?$",
    re.I,
)


@dataclass(frozen=True)
class Meta:
    """Metadata of a reading; every field optional (overrides from CLI flags or buttons)."""

    title: str | None = None
    author: str | None = None
    date: date | None = None
    outlet: str | None = None
    kind: str | None = None
    slug: str | None = None


@dataclass(frozen=True)
class Guessed:
    meta: Meta  # every field filled (slug still without the uniqueness suffix)
    defaults: tuple[str, ...]  # German notes about fields that were defaulted


def parse_date(value: str) -> date | None:
    """The first valid ISO or German date in ``value`` ("2026-01-12", "12.01.2026",
    "20. August 2025"), or None."""
    for m in _DATE_RE.finditer(value):
        try:
            if m.group("iso"):
                return date(int(m["iy"]), int(m["im"]), int(m["id"]))
            if m.group("de"):
                year = int(m["dy"])
                year += 2000 if year < 100 else 0
                return date(year, int(m["dm"]), int(m["dd"]))
            month = _MONTHS.get(m["lm"].lower())
            if month:
                return date(int(m["ly"]), month, int(m["ld"]))
        except ValueError:
            continue  # 31.02.2026 and the like
    return None


def _strip_markup(line: str) -> str:
    line = re.sub(r"^#+\s*", "", line.strip())
    line = line.strip("*_ \t")
    if line.startswith("(") and line.endswith(")"):
        line = line[1:-1].strip()
    return re.sub(r"\s+", " ", line)


def _head_lines(text: str, n: int = 15) -> list[str]:
    lines = [_strip_markup(ln) for ln in text.splitlines()]
    return [ln for ln in lines if ln][:n]


def _looks_like_name(s: str) -> bool:
    s = s.strip()
    return 2 < len(s) <= 60 and not re.search(r"\d", s) and bool(_NAME_RE.match(s))


def find_author(text: str) -> str:
    """A byline near the top: "20. August 2025 | Thomas Fazi", "von Jane Doe", "Autorin: X"."""
    for line in _head_lines(text):
        if len(line) > 90:
            continue
        if "|" in line:
            parts = [p.strip() for p in line.split("|")]
            if any(parse_date(p) for p in parts):
                names = [p for p in parts if _looks_like_name(p)]
                if names:
                    return names[0]
        m = _BYLINE_RE.match(line)
        if m:
            name = m["name"].rstrip(".,")
            if _looks_like_name(name):
                return name
    return ""


def looks_like_protocol(text: str) -> bool:
    head = "\n".join(_head_lines(text, 5))
    return bool(re.search(r"jour\s*fixe\s+vom|^protokoll\b", head, re.I | re.M))


def find_title(text: str) -> str:
    """The first heading or short first line of the text ("" if it starts with a paragraph)."""
    for line in text.splitlines():
        if not line.strip():
            continue
        title = _strip_markup(line)
        if line.lstrip().startswith("#") or len(title) <= 160:
            return title[:200]
        return ""
    return ""


def ascii_fold(s: str) -> str:
    s = s.replace("ß", "ss").replace("ẞ", "SS")
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue")):
        s = s.replace(a, b)
    s = unicodedata.normalize("NFKD", s)
    return (
        "".join(ch for ch in s if not unicodedata.combining(ch)).encode("ascii", "ignore").decode()
    )


_SLUG_SKIP = {"der", "die", "das", "ein", "eine", "einer", "the", "a", "an", "und"}
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def make_slug(title: str, kind: str, when: date | None) -> str:
    """An ASCII slug from the title, e.g. "europa-im-hybriden-krieg" (not yet made unique)."""
    if kind == "protocol" and when is not None:
        return f"protokoll-{when.isoformat()}"
    words = [w for w in re.findall(r"[a-z0-9]+", ascii_fold(title).lower())]
    kept = [w for w in words if w not in _SLUG_SKIP] or words
    slug = ""
    for w in kept:
        if len(slug) + len(w) + 1 > 40 and slug:
            break
        slug = f"{slug}-{w}" if slug else w
    return slug[:40].strip("-") or "text"


def unique_slug(slug: str, taken: set[str]) -> str:
    if slug not in taken:
        return slug
    n = 2
    while f"{slug}-{n}" in taken:
        n += 1
    return f"{slug}-{n}"


def guess_metadata(
    ex: Extracted, file_name: str, today: date, override: Meta | None = None
) -> Guessed:
    """Fill every metadata field: overrides first, then the document, then reported defaults."""
    o = override or Meta()
    defaults: list[str] = []
    text = ex.text
    title = o.title or ex.title or find_title(text)
    if not title:
        stem = PurePath(file_name).stem
        title = re.sub(r"[_\s]+", " ", stem).strip() or T.UNTITLED
        defaults.append(T.DEFAULT_TITLE)
    title = re.sub(r"\s+", " ", title).strip()[:200]
    kind = o.kind or ("protocol" if looks_like_protocol(text) else "article")
    if kind == "protocol" and not o.title:
        # "Jour fixe vom 12.01.2026 Thema" -> "Jour fixe vom 12.01.2026: Thema"
        title = re.sub(r"^(Jour fixe vom \d{1,2}\.\d{1,2}\.\d{2,4})\s+(?=\w)", r"\1: ", title)
    # document metadata (PDF info, og:site_name) can hold anything: keep it to one short line
    author = o.author or find_author(text) or " ".join(ex.author.split())[: FIELD_LIMITS["author"]]
    if not author and kind == "protocol":
        author = T.PROTOCOL_AUTHOR
    elif not author:
        author = T.UNKNOWN_AUTHOR
        defaults.append(T.DEFAULT_AUTHOR)
    when = o.date or parse_date(ex.date or "") or parse_date("\n".join(_head_lines(text, 12)))
    if when is None:
        when = today
        defaults.append(T.DEFAULT_DATE)
    outlet = o.outlet if o.outlet is not None else " ".join(ex.outlet.split())
    outlet = outlet[: FIELD_LIMITS["outlet"]]
    slug = o.slug or make_slug(title, kind, when)
    meta = Meta(title=title, author=author.strip(), date=when, outlet=outlet, kind=kind, slug=slug)
    return Guessed(meta, tuple(defaults))


# --- registering ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AddResult:
    source: Source
    passages: int  # passages served (text, contributions, answers)
    kinds: dict[str, int]  # passage kind -> count
    file: Path  # the stored UTF-8 text (what the index and line numbers refer to)
    original: Path | None  # the upload as sent, when it differs from the stored text
    defaults: tuple[str, ...]  # German notes on defaulted metadata
    warnings: tuple[str, ...]  # German warnings (e.g. unknown protocol layout)
    fmt: str
    encoding: str


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Tables of this module: uploads (for duplicate checks) and pending button edits."""
    if "reading_files" not in db.table_names():
        db["reading_files"].create(
            {"slug": str, "file_sha256": str, "text_sha256": str, "original": str,
             "fmt": str, "added_by": str, "added_at": str},
            pk="slug",
        )  # fmt: skip
    if "reading_edits" not in db.table_names():
        db["reading_edits"].create(
            {"chat_id": int, "user_id": int, "slug": str, "field": str, "created": str},
            pk=("chat_id", "user_id"),
        )


def _shingles(text: str, n: int = 6) -> set[int]:
    ws = words(text)
    return {hash(tuple(ws[i : i + n])) for i in range(max(0, len(ws) - n + 1))}


def find_duplicate(services: Services, data: bytes, text: str) -> tuple[Source, bool] | None:
    """An existing source with the same bytes or text (exact) or nearly the same words.

    Returns (source, exact) or None. Near copies (a PDF of a text already there as .txt)
    are found by 6-word shingles: 80 % of the shingles of both texts shared.
    """
    ensure_schema(services.store.db)
    file_hash, text_hash = sha256(data), sha256(text.encode())
    by_slug = {s.slug: s for s in services.catalog.sources}
    for s in by_slug.values():
        if s.sha256 in (file_hash, text_hash):
            return s, True
    for row in services.store.db["reading_files"].rows:  # uploads: original and stored text
        known = (row["file_sha256"], row["text_sha256"])
        if (file_hash in known or text_hash in known) and row["slug"] in by_slug:
            return by_slug[row["slug"]], True
    new = _shingles(text)
    if len(new) < 20:
        return None
    for s in by_slug.values():
        old = _shingles("\n".join(p.text for p in services.search.passages_of(s.slug)))
        if old and len(new & old) >= 0.8 * max(len(new), len(old)):
            return s, False
    return None


def _next_seed_number(dest: Path) -> int:
    numbers = [int(m.group(1)) for p in dest.glob("*") if (m := re.match(r"^(\d{3})_", p.name))]
    return max(numbers, default=-1) + 1


def parse_meta_args(
    title: str | None = None,
    author: str | None = None,
    when: str | None = None,
    outlet: str | None = None,
    kind: str | None = None,
    slug: str | None = None,
) -> Meta:
    """Validate user-given metadata (CLI flags); raise ReadingError with a German message."""
    parsed_date = None
    if when:
        parsed_date = parse_date(when)
        if parsed_date is None:
            raise ReadingError(T.BAD_DATE.format(value=when))
    if kind and kind not in KINDS:
        raise ReadingError(T.BAD_KIND.format(value=kind))
    if slug is not None and (not SLUG_RE.match(slug) or len(slug) > 50):
        raise ReadingError(T.SLUG_INVALID.format(slug=slug))
    clean = {k: (" ".join(v.split()) if isinstance(v, str) else v) for k, v in
             {"title": title, "author": author, "outlet": outlet}.items()}  # fmt: skip
    for key, value in clean.items():
        if value and len(value) > FIELD_LIMITS[key]:
            raise ReadingError(
                T.FIELD_TOO_LONG.format(field=T.FIELD_NAMES[key], limit=FIELD_LIMITS[key])
            )
    return Meta(
        title=clean["title"] or None, author=clean["author"] or None, date=parsed_date,
        outlet=clean["outlet"], kind=kind, slug=slug,
    )  # fmt: skip


def add_reading(
    services: Services,
    data: bytes,
    file_name: str,
    meta: Meta | None = None,
    dest_dir: Path | None = None,
    added_by: str = "",
) -> AddResult:
    """Extract, describe, store and index a new reading — all or nothing.

    The UTF-8 text goes to ``dest_dir`` (default: the seeds directory) as ``NNN_<hash>.txt``,
    the upload beside it when it differs. Source and passages are committed in one
    transaction; on any error the files are deleted again and registry and index are as
    before. Raises ReadingError (German message) when the reading is refused.
    """
    config = services.config
    dest = Path(dest_dir) if dest_dir is not None else config.seeds_dir
    ex = extract(data, file_name)
    today = services.clock().date()
    guessed = guess_metadata(ex, file_name, today, meta)
    m = guessed.meta
    taken = {s.slug for s in services.catalog.sources}
    if meta is not None and meta.slug:
        if meta.slug in taken:
            raise ReadingError(T.SLUG_TAKEN.format(slug=meta.slug))
        slug = meta.slug
    else:
        slug = unique_slug(m.slug or "text", taken)
    duplicate = find_duplicate(services, data, ex.text)
    if duplicate is not None:
        source, exact = duplicate
        template = T.DUPLICATE if exact else T.DUPLICATE_NEAR
        raise ReadingError(template.format(title=source.title, slug=source.slug))
    kind = m.kind or "article"
    warnings_: list[str] = []
    passages = segment(ex.text, slug, kind)
    if kind == "protocol" and not any(p.kind == "contribution" for p in passages):
        if meta is None or meta.kind != "protocol":
            # a bad input of the issue: refuse, so nothing lands half-understood in the index
            raise UnknownProtocolLayout(T.PROTOCOL_UNKNOWN_LAYOUT.format(name=ex_name(file_name)))
        # the user (or the session notes) said "protocol" explicitly: take it, with a warning
        warnings_.append(T.PROTOCOL_FORCED_UNKNOWN_LAYOUT)
    served = [p for p in passages if p.kind not in ("heading", "debris")]
    if not served:
        raise ReadingError(T.NO_PASSAGES.format(name=PurePath(file_name).name))

    text_bytes = ex.text.encode("utf-8")
    text_hash = sha256(text_bytes)
    in_seeds = dest.resolve() == config.seeds_dir.resolve()
    written: list[Path] = []
    source: Source | None = None
    try:
        dest.mkdir(parents=True, exist_ok=True)
        stem = f"{_next_seed_number(dest):03d}_{text_hash[:16]}"
        text_path = dest / f"{stem}.txt"
        original_path = None
        if text_bytes != data:
            original_path = dest / f"{stem}.orig{PurePath(file_name).suffix.lower()}"
        source = Source(
            slug=slug,
            title=m.title or T.UNTITLED,
            author=m.author or T.UNKNOWN_AUTHOR,
            outlet=m.outlet or "",
            date=m.date or today,
            kind=kind,
            file=text_path.name if in_seeds else str(text_path.resolve()),
            sha256=text_hash,
        )
        _write_new(text_path, text_bytes)
        written.append(text_path)
        if original_path is not None:
            _write_new(original_path, data)
            written.append(original_path)
        with services.store.transaction() as db:
            ensure_schema(db)
            services.catalog.add(source)
            indexed = services.search.add_source(source, ex.text)
            db["reading_files"].insert(
                {"slug": slug, "file_sha256": sha256(data), "text_sha256": text_hash,
                 "original": str(original_path.name) if original_path else "", "fmt": ex.fmt,
                 "added_by": added_by, "added_at": services.clock().isoformat()},
            )  # fmt: skip
    except Exception as exc:
        if source is not None:
            _compensate(services, source)
        for path in written:
            path.unlink(missing_ok=True)
        if isinstance(exc, ReadingError):
            raise
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        raise ReadingError(T.STORE_FAILED.format(detail=detail)) from exc
    kinds: dict[str, int] = {}
    for p in indexed:
        kinds[p.kind] = kinds.get(p.kind, 0) + 1
    return AddResult(
        source=source,
        passages=sum(1 for p in indexed if p.kind not in ("heading", "debris")),
        kinds=kinds,
        file=text_path,
        original=original_path,
        defaults=guessed.defaults,
        warnings=tuple(warnings_),
        fmt=ex.fmt,
        encoding=ex.encoding,
    )


def ex_name(file_name: str) -> str:
    return PurePath(file_name).name or "Datei"


def _write_new(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet (never overwrite a seed)."""
    with open(path, "xb") as fh:
        fh.write(data)


def _compensate(services: Services, source: Source) -> None:
    """After a rolled-back add: drop what the in-memory catalog and index still hold."""
    if services.catalog.get(source.slug) is not source:
        return  # never registered (or the slug belongs to another source: leave it alone)
    services.catalog.remove(source.slug)
    try:
        services.search.remove_source(source.slug)  # reloads the index from the database
    except Exception:  # noqa: BLE001 - the database is already as before
        pass


def remove_reading(services: Services, slug: str) -> Source:
    """Take a reading out of the registry and the index; its files stay on disk."""
    source = services.catalog.get(slug)
    if source is None:
        raise ReadingError(T.NOT_FOUND.format(slug=slug))
    if services.catalog.is_bundled(slug):
        raise ReadingError(T.BUNDLED.format(slug=slug, title=source.title))
    files = written_content_files(services.config.content_dir, slug)
    if files:
        # the content files would name a source that no longer exists: the bot would not start
        raise ReadingError(
            T.HAS_WRITTEN_CONTENT.format(title=source.title, slug=slug, files=", ".join(files))
        )
    with services.store.transaction() as db:
        ensure_schema(db)
        services.catalog.remove(slug)
        services.search.remove_source(slug)
        db["reading_files"].delete_where("slug = ?", [slug])
    return source


def written_content_files(content_dir: Path, slug: str) -> list[str]:
    """Content files (relative to content/) that refer to the source ``slug``.

    Read from disk, not from the loaded content: a summary written while the bot runs counts.
    """
    pattern = re.compile(
        rf"^\s*(?:-\s*)?source:\s*[\"']?{re.escape(slug)}[\"']?\s*(?:#.*)?$", re.M
    )
    found: list[str] = []
    for path in sorted([*content_dir.glob("*.y*ml"), *content_dir.glob("summaries/*.y*ml")]):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        # a summary names its source by its file name; "source:" is optional there
        named = path.parent.name == "summaries" and path.stem == slug
        if named or pattern.search(text):
            found.append(path.relative_to(content_dir).as_posix())
    return found


def sync_with_database(services: Services) -> bool:
    """Pick up readings that another process (``jourfixe add``/``remove``) changed.

    The running bot keeps the registry and the index in memory; the CLI writes to the same
    database. One small query compares the run-time sources in the database with those in
    memory; only when they differ is the index reloaded too. True if anything changed.
    """
    if not services.catalog.sync_added():
        return False
    services.search.reload()
    return True


def update_reading(services: Services, slug: str, **changes: str) -> Source:
    """Change title or author of a reading added at run time (committed before returning)."""
    old = services.catalog.get(slug)
    if old is None:
        raise ReadingError(T.NOT_FOUND.format(slug=slug))
    if services.catalog.is_bundled(slug):
        raise ReadingError(T.BUNDLED.format(slug=slug, title=old.title))
    new = dataclasses.replace(old, **changes)
    try:
        with services.store.transaction():
            services.catalog.update(new)
    except Exception as exc:  # rolled back; the in-memory entry changes only after the write
        raise ReadingError(T.STORE_FAILED.format(detail=type(exc).__name__)) from exc
    return new


# --- pending button edits ("Titel ändern": the next message is the new value) ---------------


def set_pending_edit(
    services: Services, chat_id: int, user_id: int, slug: str, field: str, now: datetime
) -> None:
    with services.store.transaction() as db:
        ensure_schema(db)
        db["reading_edits"].upsert(
            {"chat_id": chat_id, "user_id": user_id, "slug": slug, "field": field,
             "created": now.isoformat()},
            pk=("chat_id", "user_id"),
        )  # fmt: skip


def pop_pending_edit(
    services: Services, chat_id: int, user_id: int, not_before: datetime
) -> tuple[str, str] | None:
    """The pending (slug, field) of this user in this chat, removed; None if none or stale."""
    ensure_schema(services.store.db)
    where = "chat_id = ? AND user_id = ?"
    with services.store.transaction() as db:
        row = next(db["reading_edits"].rows_where(where, [chat_id, user_id]), None)
        if row is None:
            return None
        db["reading_edits"].delete_where(where, [chat_id, user_id])
    if datetime.fromisoformat(row["created"]) < not_before:
        return None
    return row["slug"], row["field"]
