"""Word formation the texts write differently (issue 11, round 22, parts22).

- ``part_synonyms``: a compound the texts lack whose part has a thesaurus synonym that, put in
  its place, makes a compound they have: "Streikursachen" ~ "Streikgrund" (Ursache ~ Grund),
  "Verhandlungsbasis" ~ "Verhandlungsgrundlage" (Basis ~ Grundlage), "Tarifabkommen" ~
  "Tarifvertrag" (Abkommen ~ Vertrag).

Invented texts (not the seeds), each message run with the mechanism on (the bot's options) and
switched off.
"""

from __future__ import annotations

import pytest
from invented import FILLER, STRIKE_OPENING, one_text_engine

from bot.core.search import SearchEngine, SearchOptions

STRIKE = [
    *STRIKE_OPENING,
    # 5: the compound of a synonym; 6: the compound's parts, apart
    "Der eigentliche Streikgrund sind die Nachtdienste ohne Zulage.",
    "Die Ursachen der Krise liegen tiefer, sagt die Gewerkschaft, der Streik ist nur ein Anfang.",
    # 7: the compound of a synonym; 8: its parts, apart
    "Die Verhandlungsgrundlage legte der Senat erst im März vor.",
    "An der Basis der Gewerkschaft wird über die Verhandlungen gestritten.",
]


def _ids(message: str, options: SearchOptions) -> list[str]:
    engine: SearchEngine = one_text_engine(STRIKE + FILLER, options)
    return [h.passage.id for h in engine.search(message)]


OFF = SearchOptions().without("part_synonyms")


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("was sind die streikursachen", "streik:5"),  # Ursache ~ Grund
        ("nenn mal die streikursachen", "streik:5"),
        ("was war die verhandlungsbasis", "streik:7"),  # Basis ~ Grundlage
        ("wer hat die verhandlungsbasis vorgelegt", "streik:7"),
    ],
)
def test_a_compound_of_a_synonym_comes_first(message: str, expected: str) -> None:
    assert _ids(message, SearchOptions())[0] == expected
    # off: the compound is known only by its parts, and the passage that has them apart (or
    # the first one of its known part) comes first; the synonym's compound is not found
    off = _ids(message, OFF)
    assert off and off[0] != expected
    assert expected not in off


def test_a_compound_known_only_by_a_synonym_is_answered() -> None:
    # "Tarifabkommen": Abkommen ~ Vertrag, and the texts have "Tarifvertrag"
    assert _ids("seit wann läuft das tarifabkommen", SearchOptions())[:1] == ["streik:4"]
    assert _ids("seit wann läuft das tarifabkommen", OFF) == []  # off: nothing to find
