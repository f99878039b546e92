"""Source names typed after a keyword: ``/zitat Europa Fazi``, ``/position Europa Protokoll``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from bot.core.models import Source
from bot.core.text import normalize

if TYPE_CHECKING:
    from bot.services import Services

MAX_SOURCE_WORDS = 3  # a trailing source argument is at most this many words
SOURCE_NAME_SIMILARITY = 85  # rapidfuzz ratio for a misspelled source name ("protokol")


def split_source(args: str, services: Services) -> tuple[str, list[Source], str]:
    """Split ``STICHWORT [QUELLE]``: (keyword, matching sources, source words).

    The last 1–3 words are tried as a source name, longest first; the keyword keeps at least
    one word. No match leaves the whole text as the keyword.
    """
    words = args.split()
    for n in range(min(MAX_SOURCE_WORDS, len(words) - 1), 0, -1):
        candidate = " ".join(words[-n:])
        found = [s for s in services.catalog.resolve(candidate) if _names_source(candidate, s)]
        if found:
            return " ".join(words[:-n]), found, candidate
    return args, [], ""


def _names_source(text: str, source: Source) -> bool:
    """Whether ``text`` is (nearly) one of the names of ``source``, not just a word of its title.

    ``resolve`` also matches single title words ("Trump", "Frieden"); after a keyword those are
    far more likely part of the search than a source name.
    """
    query = normalize(text)
    names = (
        source.slug,
        source.slug.replace("-", " "),
        source.title,
        source.author,
        source.short,
        *source.aliases,
    )
    for name in names:
        folded = normalize(name)
        if folded and (folded == query or fuzz.ratio(folded, query) >= SOURCE_NAME_SIMILARITY):
            return True
    return False
