"""Places and nicknames that stand for states and governments (issue 11, round 19, meto19).

- ``metonyms``: a capital, a seat of government or a common nickname of a state that the texts
  lack ("Tokio", "die Amis", "der Kremlchef", "das Weiße Haus") also finds the state's name,
  adjective and people the texts write (Japan, amerikanisch, russisch …), and a leader's stand-in
  his office ("Kremlchef": Präsident), below the word's own forms (bot/data/metonyms_de.txt).
- ``metonym_own`` (round 21): such a stand-in counts as a word of the texts' own where the
  off-topic judgement asks for several ("wo stand dass die amis sich zurückziehen").

Invented texts (not the seeds), each message run with the mechanism on (the bot's options) and
switched off.
"""

from __future__ import annotations

import pytest
from invented import FILLER, first_id, one_text_engine

from bot.core.search import SearchOptions
from bot.core.search_lexicon import metonyms
from bot.core.text import stem, words

TRADE = [
    "Die Gespräche über das Handelsabkommen begannen im Frühjahr in Genf.",
    # 2: the wrong state, short; 3: the state the stand-in means
    "Kanada verlangt Zölle auf Autos.",
    "Japan verlangt seit Monaten Zölle auf Autos und Stahl, heißt es aus Regierungskreisen.",
    # 4: someone else; 5: the Russian president
    "Der Minister lehnt den Vorschlag ab.",
    "Der russische Präsident lehnt den Vorschlag der Vermittler nach langem Zögern ab.",
    # 6: a deal without the state; 7: with it
    "Die Regierung will den Vertrag über Rohstoffe noch im Sommer unterschreiben.",
    "Die USA wollen den Vertrag über Rohstoffe noch im Sommer unterschreiben, sagen Diplomaten"
    " aus dem Umfeld der Gespräche.",
    # 8: the place of a meeting, as the text writes it
    "Das nächste Treffen der Minister findet in Washington statt.",
    "Die USA und Kanada streiten über Milchquoten.",
]

OFF = SearchOptions().without("metonyms")


def _first(message: str, options: SearchOptions) -> str:
    return first_id(one_text_engine(TRADE + FILLER, options, slug="handel"), message)


@pytest.mark.parametrize(
    ("message", "right", "wrong"),
    [
        ("wo stand nochmal dass tokio zölle auf autos verlangt", "handel:3", "handel:2"),
        ("der kremlchef lehnt den vorschlag ab, wo stand das", "handel:5", "handel:4"),
        (
            "die amis wollen den vertrag über rohstoffe im sommer unterschreiben",
            "handel:7",
            "handel:6",
        ),
        ("das weiße haus will den vertrag über rohstoffe unterschreiben", "handel:7", "handel:6"),
    ],
)
def test_a_stand_in_finds_the_state_the_text_names(message: str, right: str, wrong: str) -> None:
    assert _first(message, SearchOptions()) == right
    # off: the stand-in is an unknown word; the shorter passage without the state comes first
    assert _first(message, OFF) == wrong


def test_a_stand_in_the_text_writes_keeps_to_its_own_forms() -> None:
    # "Washington" is the place here: the passage that says it stays first, not the ones
    # that say "USA"
    message = "wann ist das treffen der minister in washington"
    assert _first(message, SearchOptions()) == "handel:8"
    engine = one_text_engine(TRADE + FILLER, slug="handel")
    concept = next(c for c in engine.analyse(message).concepts if c.word == "washington")
    assert "usa" not in concept.alternatives


def test_the_table_reads_stand_ins_of_one_and_of_several_words() -> None:
    table = metonyms()
    found = table.find(words("die amis und das weiße haus und der kremlchef"))
    assert [(first, last) for first, last, _ in found] == [(1, 1), (4, 5), (8, 8)]
    assert stem("russland") in found[2][2] and stem("präsident") in found[2][2]
    assert stem("amerikanisch") in found[0][2]
    # a common word alone is no stand-in
    assert table.find(words("das haus ist weiß")) == []


@pytest.mark.parametrize(
    ("message", "first"),
    [
        ("in tokio und ottawa streiten sie", "handel:9"),
        ("tokio und ottawa verlangen was", "handel:2"),
    ],
)
def test_a_stand_in_counts_as_a_word_of_the_texts(message: str, first: str) -> None:
    # every word the texts' (no_unknown): "streiten"/"verlangen" and two stand-ins, Ottawa
    # for Kanada (passages 9, 2); counted as synonyms, the stand-ins leave one word of the
    # texts' own, too few to ask: no answer
    engine = one_text_engine(TRADE + FILLER, SearchOptions(), slug="handel")
    answer = engine.answer(message)
    assert answer.hits and answer.hits[0].passage.id == first and answer.weak
    engine.options = SearchOptions().without("metonym_own")
    assert engine.answer(message).hits == []
