"""Plain data shared by the core modules: sources, passages, search hits."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Source:
    slug: str
    title: str
    author: str
    outlet: str
    date: date
    kind: str  # article | blog | protocol
    file: str  # path relative to the seeds dir (or absolute for uploaded readings)
    sha256: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    short: str = ""  # citation label, e.g. "GS-Protokoll 12.01.2026"; derived when empty

    @property
    def label(self) -> str:
        """Short label used in citations."""
        return self.short or f"{self.author.split(',')[0]}, {self.date:%d.%m.%Y}"


@dataclass(frozen=True)
class Passage:
    """One paragraph (or sentence-bounded piece of a long one) of a source."""

    id: str  # stable: "<slug>:<paragraph>" or "<slug>:<paragraph>.<part>"
    source: str  # slug
    paragraph: int  # 1-based paragraph number within the source
    part: int  # 0 for whole paragraphs, 1.. for the pieces of a split one
    line_start: int  # 1-based line range in the original file
    line_end: int
    kind: str  # text | contribution | answer | heading | debris
    section: int  # protocol section number (1-based); 1 for articles
    text: str  # repaired, verbatim text as served to users


@dataclass(frozen=True)
class Hit:
    passage: Passage
    source: Source
    score: float
    also_in: tuple[str, ...] = field(default=())  # slugs of sources with a near-identical passage

    @property
    def ref(self) -> str:
        """Citation, e.g. 'GS-Protokoll 12.01.2026, Z. 129–136'."""
        p = self.passage
        lines = (
            f"Z. {p.line_start}"
            if p.line_start == p.line_end
            else (f"Z. {p.line_start}–{p.line_end}")
        )
        return f"{self.source.label}, {lines}"
