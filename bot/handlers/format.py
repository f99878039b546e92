"""Formatting of core data into Telegram HTML (pure: no telegram import)."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from bot.core.models import Hit
from bot.texts.quotes import DEBRIS_LABEL

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
    # a caption, source line or promoted book beside the text (served only when the text
    # itself has nothing: SearchOptions.debris) is never passed off as the author's words
    label = f"{DEBRIS_LABEL}\n" if hit.passage.kind == "debris" else ""
    return f"{label}<blockquote>{esc(hit.passage.text)}</blockquote>\n{citation}"


def visible_length(html_text: str) -> int:
    """Length as Telegram counts it: the text without tags, in UTF-16 code units."""
    plain = html.unescape(_TAG.sub("", html_text))
    return len(plain.encode("utf-16-le")) // 2


def message_length(html_text: str) -> int:
    """A conservative length for the limit: the visible UTF-16 length or the raw HTML length.

    Telegram counts the visible text; counting the markup too costs at most an extra message
    and keeps every part safe whatever the server counts.
    """
    return max(len(html_text), visible_length(html_text))


def split_message(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split HTML text on paragraph boundaries so that no part exceeds Telegram's limit.

    Length is measured by :func:`message_length` (visible text in UTF-16 code units, where an
    emoji counts twice, and never less than the raw HTML). Paragraphs are separated by blank
    lines; a single paragraph over the limit is split on line breaks, then sentence ends, then
    words, closing the tags open at the cut and reopening them in the next part, so every part
    stays valid HTML.
    """
    parts: list[str] = []
    current = ""
    for para in text.split("\n\n"):
        for piece in _pieces(para, limit):
            candidate = f"{current}\n\n{piece}" if current else piece
            if message_length(candidate) <= limit:
                current = candidate
            else:
                if current:
                    parts.append(current)
                current = piece
    if current:
        parts.append(current)
    return parts or [""]


_TAG = re.compile(r"<(/?)([a-zA-Z-]+)[^>]*>")


def _open_tags(fragment: str) -> list[tuple[str, str]]:
    """Tags opened and not closed in an HTML fragment, outermost first: (name, opening tag)."""
    stack: list[tuple[str, str]] = []
    for m in _TAG.finditer(fragment):
        name = m.group(2).lower()
        if m.group(1):
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == name:
                    del stack[k:]
                    break
        else:
            stack.append((name, m.group(0)))
    return stack


def _pieces(para: str, limit: int) -> list[str]:
    if message_length(para) <= limit:
        return [para]
    pieces: list[str] = []
    body = para
    budget = limit - 64
    while message_length(body) > limit:
        cut = _cut_point(body, budget)
        head, rest = body[:cut].rstrip(), body[cut:].lstrip()
        tags = _open_tags(head)
        head += "".join(f"</{name}>" for name, _ in reversed(tags))
        if message_length(head) > limit and budget > 64:
            budget = int(budget * 0.8)  # wide characters (emoji): try a shorter piece
            continue
        pieces.append(head)
        body = "".join(opening for _, opening in tags) + rest
    pieces.append(body)
    return pieces


def _cut_point(body: str, budget: int) -> int:
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
    return max(cut, 1)


# --- plain text (the console; Telegram's fallback when it rejects markup) -------------------


class _PlainText(HTMLParser):
    """Telegram HTML to readable text: tags dropped, blockquotes indented with "> "."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.quote_depth = 0
        self.links: list[str | None] = []
        self.at_line_start = True
        self.soft_break = False  # a block boundary already ended the line

    def _emit(self, text: str) -> None:
        for i, line in enumerate(text.split("\n")):
            if i > 0:
                if self.soft_break:
                    self.soft_break = False
                else:
                    self.out.append("\n")
                self.at_line_start = True
            if not line:
                continue
            if self.at_line_start and self.quote_depth:
                self.out.append("> " * self.quote_depth)
            self.out.append(line)
            self.at_line_start = False
            self.soft_break = False

    def _break(self) -> None:
        if not self.at_line_start:
            self.out.append("\n")
            self.at_line_start = True
            self.soft_break = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "blockquote":
            self._break()
            self.quote_depth += 1
        elif tag == "a":
            self.links.append(dict(attrs).get("href"))
        elif tag == "br":
            self._emit("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "blockquote" and self.quote_depth:
            self.quote_depth -= 1
            self._break()
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href and not href.startswith("tg://"):
                self._emit(f" ({href})")

    def handle_data(self, data: str) -> None:
        self._emit(data)


def html_to_text(html: str) -> str:
    """Readable plain text of a Telegram HTML message."""
    parser = _PlainText()
    parser.feed(html)
    parser.close()
    lines = "".join(parser.out).split("\n")
    text = "\n".join(line.rstrip() for line in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")
