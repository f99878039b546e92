"""A person named by the office the texts give them (issue 11, round 20, roles20).

``roles``: the texts say who holds which office in appositions ("der nordländische Präsident
Arvid Kolbeck", "Bundeskanzlerin Helga Stramm"); a message that names the office ("was will
der nordländische präsident", "die kanzlerin") also finds the passages that name the person
by surname, below the office's own words. The map is learnt from the passages when the index
loads; an office several persons hold ("der Präsident") stands for none of them.

Invented texts (not the seeds), each message run with the mechanism on (the bot's options) and
switched off.
"""

from __future__ import annotations

import pytest
from invented import FILLER, STRIKE_OPENING, first_id, one_text_engine

from bot.core.search import SearchOptions

ROLES = [
    *STRIKE_OPENING,
    # 5: the appositions that say who holds which office
    "Der nordländische Präsident Arvid Kolbeck und Bundeskanzlerin Helga Stramm trafen sich"
    " in der Hauptstadt, der südländische Präsident Ole Varga kam später dazu.",
    # 6: the person by surname only
    "Kolbeck verlangt, dass beide Seiten auf ihre Forderungen verzichten.",
    # 7: the office word only, said of no one in particular
    "Ein Präsident kann nicht verlangen, dass beide Seiten auf Forderungen verzichten.",
    # 8: the chancellor by surname only; 9: the office word only
    "Stramm will die Rente der Pflegekräfte erhöhen.",
    "Eine Kanzlerin entscheidet über die Rente nicht allein, meint der Betriebsrat.",
    # 10: the other president, named as often as the first
    "Varga schweigt dazu.",
]


def _first(message: str, options: SearchOptions) -> str:
    return first_id(one_text_engine(ROLES + FILLER, options), message)


@pytest.mark.parametrize(
    "message",
    [
        "die stelle wo der nordländische präsident will dass beide seiten verzichten",
        "was verlangt der nordländische präsident von beiden seiten",
    ],
)
def test_an_office_with_its_origin_finds_the_person_by_surname(message: str) -> None:
    assert _first(message, SearchOptions()) == "streik:6"
    # off: the passage that says "Präsident" comes first
    assert _first(message, SearchOptions().without("roles")) == "streik:7"


def _found(message: str, options: SearchOptions) -> list[str]:
    return [h.passage.id for h in one_text_engine(ROLES + FILLER, options).search(message)]


def test_an_office_only_one_person_holds_finds_that_person() -> None:
    message = "was hat die kanzlerin vor"
    assert "streik:8" in _found(message, SearchOptions())
    # off: only the passages that say "Kanzlerin"
    assert "streik:8" not in _found(message, SearchOptions().without("roles"))


def test_an_office_several_persons_hold_stands_for_none_of_them() -> None:
    engine = one_text_engine(ROLES + FILLER)
    (concept,) = [c for c in engine.analyse("was will der präsident").concepts]
    assert not {"kolbeck", "varga"} & set(concept.alternatives)
    (concept,) = [
        c
        for c in engine.analyse("was will der südländische präsident").concepts
        if c.word == "praesident"
    ]
    assert "varga" in concept.alternatives and "kolbeck" not in concept.alternatives
