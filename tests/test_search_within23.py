"""The right reading, the wrong passage: rules of weight inside a reading (issue 11, round
23, within23).

- ``typed_idf``: the form a message types sets its word's weight. "was sagt ostrowski zum
  haushalt": the text names Ostrowski in many paragraphs and once in the genitive
  ("Ostrowskis Bemerkung …"); that rarer form weighs no more than "Ostrowski" itself, so the
  passage where Ostrowski speaks about the budget comes first, not the one with the rare form.

Invented texts (not the seeds), each message run with the mechanism on (the bot's options) and
switched off.
"""

from __future__ import annotations

import pytest
from invented import FILLER, STRIKE_OPENING, one_text_engine

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


def _first(paragraphs: list[str], message: str, options: SearchOptions, **kw: object) -> str:
    engine: SearchEngine = one_text_engine(paragraphs + FILLER, options, **kw)  # type: ignore[arg-type]
    hits = engine.search(message)
    assert hits, message
    return hits[0].passage.id


@pytest.mark.parametrize("message", ["was sagt ostrowski zum haushalt", "ostrowski haushalt"])
def test_a_rarer_form_of_the_typed_word_does_not_win_for_its_rarity(message: str) -> None:
    assert _first(NAMED, message, SearchOptions()) == "streik:9"
    # off: the genitive "Ostrowskis" (one paragraph) weighs more than "Ostrowski" (four)
    assert _first(NAMED, message, SearchOptions().without("typed_idf")) == "streik:8"


def test_the_typed_genitive_still_finds_its_passage() -> None:
    for options in (SearchOptions(), SearchOptions().without("typed_idf")):
        assert _first(NAMED, "ostrowskis bemerkung", options) == "streik:8"
