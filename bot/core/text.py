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
_FOLD_TABLE = (
    {
        "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss",
        "„": '"', "“": '"', "”": '"', "‟": '"', "«": '"', "»": '"',
        "‚": "'", "‘": "'", "’": "'", "‹": "'", "›": "'",
        "–": "-", "—": "-", "‑": "-", "‐": "-", "−": "-",
        "*": None, "\u00ad": None,
    }
)  # fmt: skip
# str.translate with a dict is slow on long texts, and so is a regex calling back for each
# umlaut; str.replace per character present is twice as fast as the regex (no replacement
# contains a character of the table, so the order of the replacements does not matter).
_FOLD = tuple((k, v or "") for k, v in _FOLD_TABLE.items())


_WS = re.compile(r"\s+")
WORD = re.compile(r"[^\W_]+", re.UNICODE)


def fold(text: str) -> str:
    """Lowercase, transliterate umlauts and ß, strip other diacritics."""
    text = unicodedata.normalize("NFC", text).lower()
    for char, repl in _FOLD:
        if char in text:
            text = text.replace(char, repl)
    if text.isascii():
        return text
    return _NON_ASCII.sub(_strip_marks, text)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=4096)
def _strip_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _strip_marks(match: re.Match[str]) -> str:
    return _strip_char(match.group(0))


def normalize(text: str) -> str:
    """The index normalization: fold, unify punctuation, collapse white space."""
    return _WS.sub(" ", fold(text)).strip()


# German thousands separators: "50.000" is the number 50000, not "50" and "000".
# (the literal dot first lets the regex engine skip to the dots: 17 times faster than the
# look-behind first)
_THOUSANDS = re.compile(r"\.(?<=\d\.)(?=\d{3}(?!\d))")


# For ASCII text, WORD's matches are exactly the runs of ASCII letters and digits: every other
# ASCII character becomes a space and str.split cuts there, three times as fast as the regex
# (folded German text is ASCII; other scripts keep going through WORD). The mapping is a byte
# table applied to the text's ASCII bytes: bytes.translate looks each byte up in the table,
# str.translate looks each character up in a dict (four times the time).
_ASCII_GAPS = bytes(32 if i < 128 and not chr(i).isalnum() else i for i in range(256))


def tokenize(text: str) -> list[str]:
    """Normalized words (same as :func:`words`)."""
    folded = _THOUSANDS.sub("", fold(text))
    if folded.isascii():
        return folded.encode("ascii").translate(_ASCII_GAPS).decode("ascii").split()
    return WORD.findall(folded)


def surface_words(text: str, expected: int) -> list[str] | None:
    """The words as written, when they align one to one with the normalized words."""
    raw = WORD.findall(unicodedata.normalize("NFC", text))
    return raw if len(raw) == expected else None


def words(text: str) -> list[str]:
    """Normalized word tokens (hyphenated words come apart: 'us-politik' -> 'us', 'politik')."""
    return tokenize(text)


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


@lru_cache(maxsize=200_000)
def lemma_stem(surface: str) -> str | None:
    """Stem of the dictionary lemma of a word as written, when it differs from its own stem.

    Snowball cuts endings; irregular forms need a dictionary: "gezwungen" -> zwingen,
    "ließ" -> lassen, "belügt" -> belügen. simplemma ships its German data (no download).
    """
    import simplemma  # imported on first use: loading the dictionary takes a moment

    try:
        lemma = simplemma.lemmatize(surface, lang="de")
    except (ValueError, KeyError):  # pragma: no cover - defensive: odd input
        return None
    lemma_words = words(lemma)
    if len(lemma_words) != 1:
        return None
    own = words(surface)
    result = stem(lemma_words[0])
    return None if own and stem(own[0]) == result else result
