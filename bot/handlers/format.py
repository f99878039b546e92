"""Formatting of core data into Telegram HTML (pure: no telegram import)."""

from __future__ import annotations

import html

from bot.core.models import Hit

TELEGRAM_LIMIT = 4096


def esc(text: str) -> str:
    """Escape user or source text for Telegram's HTML parse mode."""
    return html.escape(text, quote=False)


def quote_block(hit: Hit) -> str:
    """A passage as a blockquote with its citation (title, author, date, location) below."""
    src = hit.source
    also = ""
    if hit.also_in:
        also = " · auch in: " + ", ".join(esc(s) for s in hit.also_in)
    citation = (
        f"— <i>{esc(src.title)}</i>, {esc(src.author)}, {src.date:%d.%m.%Y}, "
        f"{esc(hit.ref.split(', ')[-1])}{also}"
    )
    return f"<blockquote>{esc(hit.passage.text)}</blockquote>\n{citation}"


def split_message(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split HTML text on paragraph boundaries so that no part exceeds ``limit`` characters.

    Paragraphs are separated by blank lines; a single paragraph longer than the limit is split
    on line breaks, then on sentence ends, then hard — closing and reopening a
    ``<blockquote>`` if the cut falls inside one, so every part stays valid HTML.
    """
    parts: list[str] = []
    current = ""
    for para in text.split("\n\n"):
        for piece in _pieces(para, limit):
            candidate = f"{current}\n\n{piece}" if current else piece
            if len(candidate) <= limit:
                current = candidate
            else:
                if current:
                    parts.append(current)
                current = piece
    if current:
        parts.append(current)
    return parts or [""]


def _pieces(para: str, limit: int) -> list[str]:
    if len(para) <= limit:
        return [para]
    opened = para.startswith("<blockquote>")
    body = para
    pieces: list[str] = []
    budget = limit - len("<blockquote></blockquote>") - 1
    while len(body) > budget:
        cut = -1
        for sep in ("\n", ". ", "? ", "! ", "; ", ", ", " "):
            cut = body.rfind(sep, 0, budget)
            if cut > budget // 2:
                cut += len(sep)
                break
        if cut <= 0:
            cut = budget
        # never cut inside an HTML entity or tag
        amp, semi = body.rfind("&", 0, cut), body.rfind(";", 0, cut)
        if amp > semi:
            cut = amp
        lt, gt = body.rfind("<", 0, cut), body.rfind(">", 0, cut)
        if lt > gt:
            cut = lt
        head, body = body[:cut].rstrip(), body[cut:].lstrip()
        if opened and "</blockquote>" not in head:
            head += "</blockquote>"
            body = "<blockquote>" + body
        pieces.append(head)
    pieces.append(body)
    return pieces
