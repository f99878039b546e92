"""Strong verbs and their nouns (issue 11, round 19, ablaut19).

- ``ablaut_nouns``: a strong verb and the nouns of its changed vowel or form, from a general
  table of German (bot/data/strong_verbs_de.txt): "verlieren" ~ "Verluste", "zurückgezogen" ~
  "Rückzug", "Vorwurf" ~ "vorgeworfen", "Abschluss" ~ "abgeschlossen", prefixes kept; both words
  must be words of the index.

Invented texts (not the seeds), each message run with the mechanism on (the bot's options) and
switched off.
"""

from __future__ import annotations

import pytest
from invented import FILLER, STRIKE_OPENING, one_text_engine

from bot.core.search import SearchEngine, SearchOptions
from bot.core.search_lexicon import strong_verb_relatives

STRIKE = [
    *STRIKE_OPENING,
    # 5: a noun of "verlieren"; 6: a noun of "zurückziehen"
    "Nach dem Streik meldeten die Kliniken hohe Verluste bei den Einnahmen.",
    "Die Gewerkschaft verkündete am späten Abend nach langen und zähen Beratungen im Vorstand"
    " ihren Rückzug aus der Schlichtung.",
    # 7: the verb of "Vorwurf"; 8: the verb of "Abschluss"
    "Der Betriebsrat hat dem Senat vorgeworfen, die Pflege kaputtzusparen.",
    "Mit dem Senat hat die Streikleitung im Herbst einen neuen Tarif abgeschlossen.",
    # 9: a word of "ziehen" that a short everyday noun ("Zug") must not reach
    "Die Beschäftigten haben aus dem letzten Ausstand ihre Lehren gezogen.",
]


def _hits(message: str, options: SearchOptions) -> list[str]:
    engine: SearchEngine = one_text_engine(STRIKE + FILLER, options)
    return [h.passage.id for h in engine.search(message)]


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        # a verb of the message, the noun in the text
        ("wie viel verlieren die kliniken durch den streik", "streik:5"),
        ("wann hat sich die gewerkschaft zurückgezogen", "streik:6"),
        # a noun of the message, the verb in the text (prefix kept)
        ("was ist eigentlich der vorwurf an den senat", "streik:7"),
        ("gab es jetzt einen abschluss mit dem senat", "streik:8"),
    ],
)
def test_a_strong_verb_finds_its_noun_and_a_noun_its_verb(message: str, expected: str) -> None:
    on = _hits(message, SearchOptions())
    assert on and on[0] == expected
    off = _hits(message, SearchOptions().without("ablaut_nouns"))
    assert not off or off[0] != expected


@pytest.mark.parametrize("options", [SearchOptions(), SearchOptions().without("ablaut_nouns")])
def test_a_short_everyday_noun_does_not_reach_a_verb(options: SearchOptions) -> None:
    # "Zug" of the train is no word of the text; "gezogen" is: the message stays unanswered
    assert _hits("ich les das morgen im zug", options) == []


def test_the_table_of_strong_verbs() -> None:
    assert "verlust" in strong_verb_relatives("verlieren")
    assert "verlust" in strong_verb_relatives("verloren")
    assert "rueckzug" in strong_verb_relatives("zurueckziehen")
    assert "zurueckgezogen" in strong_verb_relatives("rueckzugs")
    assert "vorgeworfen" in strong_verb_relatives("vorwuerfe")
    # a separable prefix, the infinitive with "zu": zurückzuziehen
    assert "zurueckzuziehen" in strong_verb_relatives("rueckzug")
    assert "rueckzug" in strong_verb_relatives("zurueckzuziehen")
    assert "angriff" in strong_verb_relatives("angegriffen")
    # an inseparable prefix takes no "ge": verloren, verboten
    assert "verboten" in strong_verb_relatives("verbot")
    # a noun that lives only after a prefix: "Vertrag", but no "trag" of its own
    assert "vertragen" in strong_verb_relatives("vertrag")
    assert strong_verb_relatives("trag") == []
    assert strong_verb_relatives("gewerkschaft") == []
