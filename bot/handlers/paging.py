"""Paging over stored searches (:mod:`bot.core.queries`).

Re-running the stored query with the fixed :data:`MAX_RESULTS` limit gives the same
ranked list every time, so a page number or a rank identifies a hit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.models import Hit
from bot.core.queries import StoredQuery
from bot.core.search import SERVED_KINDS

if TYPE_CHECKING:
    from bot.services import Services

MAX_RESULTS = 30  # ranked hits kept per query (10 pages of 3)
PER_PAGE = 3  # at most; fewer when three long quotes would not fit in one message
# never headings; layout debris (captions, a promoted book) only when the text has nothing and
# the message asks what only the debris has (SearchOptions.debris), labelled as such
QUOTE_KINDS = SERVED_KINDS


def run_query(services: Services, query: StoredQuery) -> list[Hit]:
    """The ranked hits of a stored search; the same list on every call."""
    return search_hits(services, query.text, query.source, MAX_RESULTS)


def search_hits(services: Services, text: str, source: str | None, limit: int) -> list[Hit]:
    """Quotable hits (no headings; debris as QUOTE_KINDS says) for ``text``, maybe in a source."""
    if source is not None and services.catalog.get(source) is None:
        return []  # the source was removed since the search was stored
    return services.search.search(text, limit=limit, source=source, kinds=QUOTE_KINDS)


def parse_data(data: str | None, fields: int) -> list[int] | None:
    """The integer fields after the prefix of ``"x:1:2"``; None when malformed."""
    if not data:
        return None
    parts = data.split(":")
    if len(parts) != fields + 1:
        return None
    try:
        values = [int(p) for p in parts[1:]]
    except ValueError:
        return None
    if any(v < 0 or v > 2**62 for v in values):
        return None
    return values
