"""Which reading a message means: a word of its title (issue 11, round 23, source23).

- ``title_names``: "was sagt der warnstreik-artikel zu den löhnen", "im warnstreiktext": a word
  of one reading's title (of no other reading's title, no everyday word) right before or
  joined to a noun for a text ("Artikel", "Text", "Beitrag" …) names that reading like one of
  its aliases: its passages rank ahead, and the two words are its name, not words to search.

Invented texts (not the seeds): two readings, each message run with the mechanism on (the
bot's options) and switched off.
"""

from __future__ import annotations

import datetime as dt

import pytest
from invented import FILLER, STRIKE_OPENING

from bot.core.models import Passage, Source
from bot.core.search import SearchEngine, SearchOptions

# the strike text (its wages: "lehnt höhere Löhne ab"); its title says "Warnstreik", its
# aliases do not
STRIKE = STRIKE_OPENING
# the rent text mentions a warning strike and wages in passing: without the title's word as
# a name, its paragraph has both words of the message
RENT = [
    "Die Mieten in der Stadt steigen seit Jahren schneller als die Löhne.",
    "Beim Warnstreik der Busfahrer ging es um Löhne, die mit den Mieten nicht Schritt halten.",
    "Die Mieterinitiative sammelt Unterschriften für einen Mietendeckel.",
    "Der Senat verweist auf den Wohnungsbau, der die Mieten senken soll.",
]


def _engine(options: SearchOptions) -> SearchEngine:
    strike = Source(
        "streik",
        "Warnstreik an den Kliniken: die Pflege gegen den Senat",
        "Betriebsgruppe",
        "Blog",
        dt.date(2026, 1, 1),
        "article",
        "-",
        "-",
        aliases=("Streikzeitung",),
    )
    rent = Source(
        "mieten",
        "Mietendeckel jetzt! Die Stadt gehört den Mietern",
        "Mieterinitiative",
        "Flugblatt",
        dt.date(2026, 1, 2),
        "article",
        "-",
        "-",
        aliases=("Mieterzeitung",),
    )
    passages = [
        Passage(f"streik:{i}", "streik", i, 0, i, i, "text", 1, x)
        for i, x in enumerate(STRIKE + FILLER, 1)
    ]
    passages += [
        Passage(f"mieten:{i}", "mieten", i, 0, i, i, "text", 1, x) for i, x in enumerate(RENT, 1)
    ]
    engine = SearchEngine.in_memory(passages, [strike, rent])
    engine.options = options
    return engine


def _first(message: str, options: SearchOptions) -> str:
    hits = _engine(options).search(message)
    assert hits, message
    return hits[0].passage.id


@pytest.mark.parametrize(
    "message",
    [
        "was sagt der warnstreik-artikel zu den löhnen",
        "was schreibt der warnstreik artikel über den lohn",
        "im warnstreiktext: was war mit den löhnen",
        "die löhne im warnstreik-text",
    ],
)
def test_a_word_of_the_title_and_a_text_noun_name_the_reading(message: str) -> None:
    assert _first(message, SearchOptions()) == "streik:2"
    # off: "Warnstreik" is a word to search, and the rent text has it with the wages
    assert _first(message, SearchOptions().without("title_names")) == "mieten:2"


@pytest.mark.parametrize(
    ("message", "named"),
    [
        ("was sagt der warnstreik-artikel zu den löhnen", ("streik",)),
        ("der mietendeckel-text zu den löhnen", ("mieten",)),
        # no text noun: the title's word is a word to search for
        ("was war beim warnstreik mit den löhnen", ()),
        # "Pflege" is in one title, but an everyday word: no name ("der Pflege-Artikel")
        ("was sagt der pflege-artikel zu den löhnen", ()),
        # "Stadt" is an everyday word too, and "den" a stop word
        ("der stadt-artikel zu den löhnen", ()),
    ],
)
def test_which_words_of_a_title_name_a_reading(message: str, named: tuple[str, ...]) -> None:
    assert _engine(SearchOptions()).analyse(message).named == named
    assert _engine(SearchOptions().without("title_names")).analyse(message).named == ()


def test_a_word_of_two_titles_names_neither() -> None:
    engine = _engine(SearchOptions())
    assert engine._title_names().get("warnstreik") == "streik"
    both = Source(
        "bus",
        "Warnstreik bei den Busfahrern",
        "Verdi",
        "Flugblatt",
        dt.date(2026, 1, 3),
        "article",
        "-",
        "-",
    )
    passages = [Passage("bus:1", "bus", 1, 0, 1, 1, "text", 1, "Die Busse stehen still.")]
    two = SearchEngine.in_memory(
        [*passages, Passage("streik:1", "streik", 1, 0, 1, 1, "text", 1, STRIKE[1])],
        [both, engine.catalog.get("streik")],
    )
    assert "warnstreik" not in two._title_names()
    assert two.analyse("was sagt der warnstreik-artikel zu den löhnen").named == ()
