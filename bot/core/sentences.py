"""German sentence splitting for summaries, style checks and announcements.

A boundary is an end mark (``.``, ``!``, ``?``, ``…``), optional closing quotes or brackets,
white space, and an upper-case letter, digit or opening quote. It is no boundary after an
abbreviation ("z. B.", "vgl.", "S. 5"), a number ("am 20. August") or a single letter.

Passages are cut with :func:`bot.core.ingest.split_sentences` instead: its boundaries decide
the passage ids that notes refer to and the search results, so it must not change with this one.
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    "z b u a d h bzw ca dr prof nr s vgl usw etc mio mrd st abs art bsp evtl ggf inkl "
    "jh jhd min max sog u.a z.b d.h vs bspw hrsg ebd zit gs".split()
)
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"“”»«'’)\]]*\s+(?:[“”\"]\s+)?(?=[\"„“»«(\[]?[A-ZÄÖÜ0-9])")


def split_sentences(text: str) -> list[str]:
    """Split German prose into sentences without cutting at "z. B.", "20. August" or "S. 5"."""
    sentences: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        before = text[start : m.start()].rstrip("\"“”»«'’)]")
        last = re.search(r"([\w.]+)[.]$", before)
        if last:
            token = last.group(1).lower().rstrip(".")
            if token in ABBREVIATIONS or token.isdigit() or len(token) == 1:
                continue
        piece = text[start : m.start()].strip()
        if piece:
            sentences.append(piece)
        start = m.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences
