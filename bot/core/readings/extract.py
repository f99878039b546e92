"""Text of an uploaded reading: txt, Markdown, PDF, HTML and .docx to plain UTF-8 text.

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
from html.parser import HTMLParser
from pathlib import PurePath

from bot.core.printed_lines import numbered_text
from bot.texts import uploads as T

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
    numbered: bool = False  # a PDF with margin line numbers: line N is the printed line N


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


# Unicode category Cc (U+0000-001F, U+007F-009F) except tab, line feed, form feed, return
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


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
    controls = len(_CONTROLS.findall(text))
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
            meta = reader.metadata
            if meta is not None:
                title = str(meta.title or "").strip()
                author = str(meta.author or "").strip()
            # numbered lines (a protocol): line N of the text is the line printed as N
            if (numbered := numbered_text(reader)) is not None:
                return Extracted(numbered, "pdf", title=title, author=author, numbered=True)
            for page in reader.pages:
                pages.append(page.extract_text() or "")
        except (ReadingError, MemoryError):
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


_HYPHEN_END = re.compile(r"[^\W\d_]-$")


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
    # the paragraph so far as pieces, joined once: adding to one growing string (and a
    # regex over all of it per line) made a page of 20 000 lines take minutes
    pieces: list[str] = []
    tail = ""  # the paragraph's last two characters
    for ln in lines:
        stripped = ln.strip()
        if not stripped:
            if pieces:
                paragraphs.append("".join(pieces))
            pieces, tail = [], ""
            continue
        started_here = not pieces
        if _HYPHEN_END.search(tail) and not re.match(r"(bzw\.|und|oder)\b", stripped):
            if stripped[:1].islower():
                pieces[-1] = pieces[-1][:-1]
            pieces.append(stripped)
        else:
            pieces.append(f" {stripped}" if pieces else stripped)
        tail = (tail + stripped)[-2:]
        short = len(stripped) < 0.8 * typical
        if short and re.search(r"[.!?:“”\"»«)]$", stripped):
            paragraphs.append("".join(pieces))
            pieces, tail = [], ""
        elif short and started_here and len(stripped) < 0.6 * typical:
            # a short line standing alone without an end mark: a heading or a byline
            paragraphs.append("".join(pieces))
            pieces, tail = [], ""
    if pieces:
        paragraphs.append("".join(pieces))
    return "\n\n".join(paragraphs)


# --- DOCX ---------------------------------------------------------------------------------


def _extract_docx(data: bytes, name: str) -> Extracted:
    if not data.startswith(b"PK"):
        raise ReadingError(T.BAD_DOCX.format(name=name))
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            document = docx.Document(io.BytesIO(data))
    except MemoryError:
        raise  # a zip bomb: the worker process (bot.core.worker) says so in German
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, Exception):
        raise ReadingError(T.BAD_DOCX.format(name=name)) from None
    blocks: list[str] = []
    title = ""
    style_names = {st.style_id: st.name or "" for st in document.styles}
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    default_style = (default.name or "") if default is not None else ""
    for para in document.paragraphs:
        text = para.text.strip()
        if not text:
            continue
        # the style id straight from the paragraph's XML: python-docx's ``para.style``
        # searches all styles again for every paragraph (40 000 paragraphs: 44 s)
        style_id = para._p.style
        style = style_names.get(style_id, "") if style_id else default_style
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
