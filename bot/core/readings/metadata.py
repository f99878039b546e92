"""Metadata of a new reading: title, author, date, outlet, kind and slug.

Guessed from the text and the format's own hints, overridden by what the user gave (CLI flags,
buttons); every default is reported in German so the user can correct it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from bot.core.dates import find_date
from bot.core.readings.extract import FIELD_LIMITS, KINDS, Extracted, ReadingError
from bot.texts import uploads as T

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


def _strip_markup(line: str) -> str:
    line = re.sub(r"^#+\s*", "", line.strip())
    line = line.strip("*_ \t")
    if line.startswith("(") and line.endswith(")"):
        line = line[1:-1].strip()
    return re.sub(r"\s+", " ", line)


def _head_lines(text: str, n: int = 15) -> list[str]:
    out: list[str] = []
    for raw in text.splitlines():  # only the top: a book has 50 000 lines
        line = _strip_markup(raw)
        if line:
            out.append(line)
            if len(out) == n:
                break
    return out


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
            if any(find_date(p) for p in parts):
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
    when = o.date or find_date(ex.date or "") or find_date("\n".join(_head_lines(text, 12)))
    if when is None:
        when = today
        defaults.append(T.DEFAULT_DATE)
    outlet = o.outlet if o.outlet is not None else " ".join(ex.outlet.split())
    outlet = outlet[: FIELD_LIMITS["outlet"]]
    slug = o.slug or make_slug(title, kind, when)
    meta = Meta(title=title, author=author.strip(), date=when, outlet=outlet, kind=kind, slug=slug)
    return Guessed(meta, tuple(defaults))


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
        parsed_date = find_date(when)
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
