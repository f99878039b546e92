"""Inline mode as plain data: ``@bot Stichwort [QUELLE]`` offers matching quotes.

The Telegram adapter turns each :class:`InlineResult` into an article result whose message is
``html`` (parse mode HTML) and passes ``next_offset`` on.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bot.core.models import Hit
from bot.handlers import paging
from bot.handlers.format import TELEGRAM_LIMIT, quote_block
from bot.handlers.quotes import sync_readings
from bot.handlers.sources import split_source
from bot.texts import quotes as t

if TYPE_CHECKING:
    from bot.services import Services

MAX_INLINE_RESULTS = 50  # Telegram shows at most 50 results per answer
INLINE_PAGE = 10
DESCRIPTION_CHARS = 120
MAX_INLINE_QUERY = 256  # Telegram's own limit for inline queries


@dataclass(frozen=True)
class InlineResult:
    id: str  # unique per result, at most 64 bytes
    title: str  # plain text: source and citation
    description: str  # plain text: the beginning of the quote
    html: str  # message text (Telegram HTML): the quote with its citation


def inline_results(query: str, offset: str, services: Services) -> tuple[list[InlineResult], str]:
    """One page of quotes for an inline query and the ``next_offset`` ("" when done)."""

    text = " ".join(query.split())[:MAX_INLINE_QUERY]
    if not text:
        return [], ""
    try:
        start = int(offset) if offset else 0
    except ValueError:
        start = 0
    if start < 0 or start >= MAX_INLINE_RESULTS:
        return [], ""
    sync_readings(services)
    keyword, sources, _ = split_source(text, services)
    # An ambiguous source name cannot be asked about here: search the whole text everywhere.
    source = sources[0].slug if len(sources) == 1 else None
    if len(sources) != 1:
        keyword = text
    hits = paging.search_hits(services, keyword, source, MAX_INLINE_RESULTS)
    page = hits[start : start + INLINE_PAGE]
    end = start + len(page)
    next_offset = str(end) if end < min(len(hits), MAX_INLINE_RESULTS) else ""
    return [_result(hit) for hit in page], next_offset


def _result(hit: Hit) -> InlineResult:
    pid = hit.passage.id
    if len(pid.encode()) > 64:
        pid = hashlib.sha1(pid.encode()).hexdigest()
    html = quote_block(hit)
    if len(html) > TELEGRAM_LIMIT:
        html = _cut_quote(hit)
    text = " ".join(hit.passage.text.split())
    if len(text) > DESCRIPTION_CHARS:
        text = text[: DESCRIPTION_CHARS - 1].rstrip() + "…"
    return InlineResult(id=pid, title=hit.ref, description=text, html=html)


def _cut_quote(hit: Hit) -> str:
    """A quote too long for one message, shortened at a word and marked as cut."""
    text = hit.passage.text
    while True:
        text = text[: len(text) * 9 // 10]
        if " " in text:
            text = text.rsplit(" ", 1)[0]
        shorter = replace(hit.passage, text=text + t.INLINE_CUT)
        html = quote_block(replace(hit, passage=shorter))
        if len(html) <= TELEGRAM_LIMIT:
            return html
