"""Input limits that hold after Unicode folding.

A length limit on the raw text is not enough: compatibility folding (NFKC) turns one
character such as "㌖" into six letters, so 1000 characters can become 6000 for the search.
:func:`folded_length` measures what the text algorithms really get; limits compare that.
"""

from __future__ import annotations

import unicodedata

MAX_QUERY = 1000  # characters after folding: /zitat, /frage, questions, `jourfixe ask`
MAX_NOTES_QUERY = 200  # /notizen WORT searches every note of a chat
MAX_INLINE_QUERY = 300  # Telegram sends at most 256 characters; folded a little more
# Passages of one reading. A 4.5 MB book makes about 9 000; a file of 40 000 one-line
# paragraphs is no reading but a way to keep the bot indexing for a quarter of a minute.
MAX_PASSAGES = 20_000


def folded_length(text: str, cap: int = 100_000) -> int:
    """Length of ``text`` after NFKC folding and case folding (stops counting at ``cap``)."""
    return len(unicodedata.normalize("NFKC", text[:cap]).casefold())


def too_long(text: str, limit: int) -> int | None:
    """The folded length when it is over ``limit``, else None."""
    if len(text) > limit:  # already too long before folding (folding never shortens much)
        return len(text)
    n = folded_length(text)
    return n if n > limit else None
