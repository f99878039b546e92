"""The right reading, the wrong passage: two rules of weight inside a reading (issue 11,
round 23, within23).

- ``typed_idf``: the form a message types sets its word's weight. "was sagt ostrowski zum
  haushalt": the text names Ostrowski in many paragraphs and once in the genitive
  ("Ostrowskis Bemerkung …"); that rarer form weighs no more than "Ostrowski" itself, so the
  passage where Ostrowski speaks about the budget comes first, not the one with the rare form.
- ``naming_cover``: a one-word name of the source ("Schlichtung", an alias of the reading, as
  "Illusion" is of "Die Illusion des Friedens") covers a message at NAME_RANK, as it ranks:
  "was steht in der schlichtung zur leiharbeit" finds the paragraph about Leiharbeit, not the
  one that uses the title word and mentions Leiharbeit in passing.

Invented texts (not the seeds), each message run with the mechanism on (the bot's options) and
switched off.
"""

from __future__ import annotations

import pytest
from invented import FILLER, STRIKE_OPENING, first_id, one_text_engine

from bot.core.search import SearchEngine, SearchOptions

NAMED = [
    *STRIKE_OPENING,
    # 5-7: Ostrowski, as typed; 8: the genitive, in passing; 9: what he says about the budget
    "Ostrowski eröffnete die Versammlung der Belegschaft.",
    "Ostrowski verlas die Forderungen des Betriebsrats.",
    "Ostrowski sprach danach mit der Presse.",
    "Ostrowskis Bemerkung zum Haushalt fiel am Abend eher kurz aus.",
    "Zum Haushalt sagt Ostrowski, der Senat habe das Geld.",
]

TITLED = [
    *STRIKE_OPENING,
    # 5-7: the title word ("Schlichtung", the reading's alias); 7 mentions Leiharbeit last;
    # 8: the paragraph about Leiharbeit
    "Die Schlichtung begann am Dienstag im Rathaus.",
    "Die Schlichtung dauerte bis in die Nacht.",
    "Die Schlichtung begann mit den Schichtplänen, den Nachtdiensten, den Zulagen und dem"
    " Krankenstand der Stationen, ganz am Ende kam noch die Leiharbeit zur Sprache.",
    "Die Leiharbeit wächst in den Kliniken, und die Leiharbeit ersetzt feste Stellen auf den"
    " Stationen.",
]


def _first(paragraphs: list[str], message: str, options: SearchOptions, **kw: object) -> str:
    engine: SearchEngine = one_text_engine(paragraphs + FILLER, options, **kw)  # type: ignore[arg-type]
    return first_id(engine, message)


@pytest.mark.parametrize("message", ["was sagt ostrowski zum haushalt", "ostrowski haushalt"])
def test_a_rarer_form_of_the_typed_word_does_not_win_for_its_rarity(message: str) -> None:
    assert _first(NAMED, message, SearchOptions()) == "streik:9"
    # off: the genitive "Ostrowskis" (one paragraph) weighs more than "Ostrowski" (four)
    assert _first(NAMED, message, SearchOptions().without("typed_idf")) == "streik:8"


def test_the_typed_genitive_still_finds_its_passage() -> None:
    for options in (SearchOptions(), SearchOptions().without("typed_idf")):
        assert _first(NAMED, "ostrowskis bemerkung", options) == "streik:8"


@pytest.mark.parametrize(
    "message", ["was steht in der schlichtung zur leiharbeit", "schlichtung über die leiharbeit"]
)
def test_the_title_word_of_a_named_reading_covers_little(message: str) -> None:
    kw = {"aliases": ("Schlichtung",)}
    assert _first(TITLED, message, SearchOptions(), **kw) == "streik:8"
    # off: the paragraph that uses the title word covers the whole message and comes first
    assert _first(TITLED, message, SearchOptions().without("naming_cover"), **kw) == "streik:7"


def test_a_message_of_the_title_word_alone_still_asks_for_it() -> None:
    kw = {"aliases": ("Schlichtung",)}
    for options in (SearchOptions(), SearchOptions().without("naming_cover")):
        assert _first(TITLED, "was steht in der schlichtung", options, **kw) in {
            "streik:5",
            "streik:6",
            "streik:7",
        }
