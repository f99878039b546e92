"""The social formulas of a group chat: a greeting, thanks, a wish or a goodbye.

A member who writes the bot "hallo zusammen", "danke!" or "frohes neues Jahr" asks nothing
about the texts; the reply answers the formula instead of searching (or of saying that
"Anna" or "Geburtstag" is not in the texts). A message that asks something after the formula
("hallo, was sagt Fazi zu den Sanktionen") is a question and is searched as one.
"""

from __future__ import annotations

from itertools import islice

from bot.core.search_lexicon import indirect_question, opens_with_wish, w_question
from bot.core.text import WORD, words

# the formulas, as folded words, by what they are; the longest that opens a message decides
_FORMULAS: dict[str, tuple[str, ...]] = {
    "greeting": (
        "hallo",
        "hi",
        "hey",
        "hej",
        "huhu",
        "moin",
        "moinsen",
        "servus",
        "tach",
        "gruess dich",
        "gruess euch",
        "gruess gott",
        "guten morgen",
        "guten tag",
        "guten abend",
        "n abend",
    ),
    "thanks": (
        "danke",
        "dankeschoen",
        "danke schoen",
        "vielen dank",
        "besten dank",
        "herzlichen dank",
        "tausend dank",
        "merci",
        "thx",
        "thanks",
    ),
    "farewell": (
        "tschuess",
        "tschues",
        "tschau",
        "ciao",
        "bye",
        "adieu",
        "bis bald",
        "bis dann",
        "bis spaeter",
        "bis demnaechst",
    ),
    "wish": (
        "gute nacht",
        "gute besserung",
        "gute reise",
        "herzlichen glueckwunsch",
        "happy birthday",
    ),
}
_LONGEST = max(len(f.split()) for forms in _FORMULAS.values() for f in forms)
# each formula -> its kind (a formula is of one kind)
_KIND = {f: kind for kind, forms in _FORMULAS.items() for f in forms}
_HEAD_WORDS = 40  # words at the head of a message where a formula and its addressees stand

# the words that may stand with a greeting when it is all the message says ("hallo zusammen",
# "moin ihr lieben", "hi bot"): addressees and particles, no topic
_ADDRESS = frozenset(
    (
        "zusammen allerseits alle allen leute ihr euch du dir dich liebe lieber lieben leutz "
        "bot und auch erstmal mal nochmal in die runde freunde genossen genossinnen "
        "kollegen kolleginnen"
    ).split()
)


def _opening(ws: list[str]) -> tuple[str, int] | None:
    """The kind and word count of the longest formula the folded words open with, or None."""
    for n in range(min(_LONGEST, len(ws)), 0, -1):
        kind = _KIND.get(" ".join(ws[:n]))
        if kind is not None:
            return kind, n
    return None


def social_formula(text: str) -> str | None:
    """What social formula the message opens with ("greeting", "thanks", "wish" or
    "farewell"), or None: none, or it asks something after it (a question mark, a question
    word, an indirect question)."""
    ws = words(text[:2000])
    if not ws or "?" in text or w_question(text) or indirect_question(ws):
        return None
    opening = _opening(ws)
    if opening is not None:
        return opening[0]
    if opens_with_wish(ws):  # "frohes neues Jahr", "schöne Feiertage", "alles Gute"
        return "wish"
    return None


def only_greeting(text: str) -> bool:
    """A greeting and nothing but its addressees ("hallo zusammen", "moin ihr lieben 👋",
    "Hallo Anna": one name, written capitalised): the whole message is the formula."""
    if social_formula(text) != "greeting":
        return False
    ws = words(text[:2000])
    names = {w for w in words(" ".join(w for w in text.split() if w[:1].isupper()))}
    opening = _opening(ws)
    if opening is None or opening[0] != "greeting":
        return False
    rest = [w for w in ws[opening[1] :] if w not in _ADDRESS]
    return not rest or (len(rest) == 1 and rest[0] in names)


def question_after_formula(text: str) -> str | None:
    """The question a message asks after the social formula it opens with ("danke! und was
    schreibt Fazi zu den Sanktionen?": "und was schreibt Fazi zu den Sanktionen?"), as typed
    from the first word after the formula and its addressees ("danke dir, …"); None when it
    opens with no formula or asks no question with a question word after it."""
    text = text[:2000]
    toks = list(islice(WORD.finditer(text), _HEAD_WORDS))  # the formula opens the message
    opening = _opening([" ".join(words(m.group())) for m in toks[:_LONGEST]])
    if opening is None:
        return None
    n = opening[1]
    while n < len(toks) and " ".join(words(toks[n].group())) in _ADDRESS:
        n += 1
    rest = text[toks[n - 1].end() :]
    if n >= len(toks) or not w_question(rest):
        return None
    return rest
