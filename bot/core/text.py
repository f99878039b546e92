"""German text normalization shared by the index, the search and the content checks.

``normalize`` is the one normalization every comparison of user text with source text goes
through: lowercase, umlauts and ß transliterated (ä → ae, ß → ss), other diacritics
stripped (á → a), typographic quotes and dashes unified, Markdown emphasis dropped and white
space collapsed. ``terms`` turns text into index terms: Snowball stems of the normalized words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

_STEMMER = Stemmer.Stemmer("german")
_FOLD = str.maketrans(
    {
        "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss",
        "„": '"', "“": '"', "”": '"', "‟": '"', "«": '"', "»": '"',
        "‚": "'", "‘": "'", "’": "'", "‹": "'", "›": "'",
        "–": "-", "—": "-", "‑": "-", "‐": "-", "−": "-",
        "*": None, "\u00ad": None,
    }
)  # fmt: skip
_WS = re.compile(r"\s+")
WORD = re.compile(r"[^\W_]+", re.UNICODE)


def fold(text: str) -> str:
    """Lowercase, transliterate umlauts and ß, strip other diacritics."""
    text = unicodedata.normalize("NFC", text).lower().translate(_FOLD)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize(text: str) -> str:
    """The index normalization: fold, unify punctuation, collapse white space."""
    return _WS.sub(" ", fold(text)).strip()


def tokenize(text: str) -> tuple[list[str], list[str] | None]:
    """Normalized words, and the same words as written when they align one to one."""
    folded = WORD.findall(fold(text))
    raw = WORD.findall(unicodedata.normalize("NFC", text))
    return folded, (raw if len(raw) == len(folded) else None)


def words(text: str) -> list[str]:
    """Normalized word tokens (hyphenated words come apart: 'us-politik' -> 'us', 'politik')."""
    return WORD.findall(fold(text))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball stem of a normalized word; numbers stay as they are."""
    if word.isdigit():
        return word
    return _STEMMER.stemWord(word)


def terms(text: str) -> list[str]:
    """Index terms of a text: the stems of its words."""
    return [stem(w) for w in words(text)]


# Phonetic key for names and typos across transliterations: Karaganov/Karaganow,
# Selenskyj/Zelensky/Selenski, Simonjan/Simonyan. Applied to both sides before fuzzy matching.
_PHONETIC = [
    (re.compile(r"(?<=[aeiou])h(?![aeiou])"), ""),  # silent h (Rahmen ~ Ramen)
    (re.compile(r"sch|sh"), "s"),
    (re.compile(r"tsch|tch|ch"), "k"),
    (re.compile(r"ck|q|c(?=[aou])"), "k"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"th"), "t"),
    (re.compile(r"dz|tz|z"), "s"),
    (re.compile(r"ij|yj|iy|ji|yi"), "i"),
    (re.compile(r"[jy]"), "i"),
    (re.compile(r"w|v"), "f"),
    (re.compile(r"ae"), "e"),
    (re.compile(r"oe"), "o"),
    (re.compile(r"ue"), "u"),
    (re.compile(r"(.)\1+"), r"\1"),  # doubled letters
]


@lru_cache(maxsize=200_000)
def phonetic(word: str) -> str:
    """A coarse sound key of a normalized word (see the table above)."""
    key = word
    for pattern, repl in _PHONETIC:
        key = pattern.sub(repl, key)
    return key
