"""Typos of members typing on phones or dictating (issue 11, round 18, typo18).

- ``umlaut_typos``: "zurukgegangen" is "zurückgegangen" with the umlaut typed bare and a letter
  dropped, two edits from the folded word: it is corrected through its umlaut, and weighs as a
  typo, not as a key word the texts lack.
- ``inflected_typos``: "opositionell" sounds like the texts' "oppositionellen" in another
  inflection: it is that word.
- ``part_typos``: "kinderstaton" is a compound of a word of the texts and one a letter from
  another ("Station"): known by those parts.
- ``typo_relatives``: "demonstrirten", known only by a shorter stem of the texts, is also
  searched as the word one edit from it ("demonstrierten").
- ``colloquial_forms``: "ham" (haben) is chat's spelling of a function word, no key word.
- ``typo_loose``: "kuchn" corrected to "Kuchen", which the texts have only inside
  "Kuchenverkauf", is no specific word of theirs, as "Kuchen" typed right is not.

Invented texts (not the seeds), each message run with the mechanism on (the bot's options) and
switched off; the reply test runs at the handler, on the seeds' services.
"""

from __future__ import annotations

import pytest
from helpers import send
from invented import FILLER, STRIKE_OPENING, one_text_engine

import bot.handlers  # noqa: F401  (registers every command)
from bot.core.search import SearchEngine, SearchOptions
from bot.core.search_lexicon import umlaut_correction
from bot.services import Services

STRIKE = [
    *STRIKE_OPENING,
    "Die Zahl der Pflegekräfte ging seit 2015 um ein Drittel zurück, schreibt der Betriebsrat.",
    "Die oppositionellen Abgeordneten unterstützen den Streik der Pflegekräfte.",
    "Die Klinikleitung droht, die Station für Kinder zu schließen, weil Personal fehlt.",
    "Der Schlichter legt den Verhandlungsparteien einen Kompromiss vor.",
    "Am Streikposten gab es einen Kuchenverkauf für die Streikkasse.",
    "Die Gewerkschaft fordert einen Tarifvertrag für die Reinigungskräfte der Kliniken.",
    "Die Streikenden demonstrierten vor dem Rathaus gegen die Privatisierung.",
]


def _engine(options: SearchOptions) -> SearchEngine:
    return one_text_engine(STRIKE + FILLER, options)


@pytest.mark.parametrize(
    ("switch", "message", "passage"),
    [
        ("umlaut_typos", "zahl der pflegekräfte zurukgegangen wie viel", "streik:5"),
        ("inflected_typos", "warum sind die abgeordneten opositionell", "streik:6"),
        ("part_typos", "wird die kinderstaton geschlossen", "streik:7"),
        ("part_typos", "was ist mit der kinderstaton", "streik:7"),
        ("colloquial_forms", "ham die abgeordneten recht", "streik:6"),
        ("colloquial_forms", "was ham die abgeordneten gesagt", "streik:6"),
    ],
)
def test_a_question_with_typos_finds_its_passage(switch: str, message: str, passage: str) -> None:
    answer = _engine(SearchOptions()).answer(message)
    assert answer.hits and answer.hits[0].passage.id == passage
    # off: the misspelt word is a key word the texts lack, and the question is off-topic
    off = _engine(SearchOptions().without(switch)).answer(message)
    assert off.hits == []
    assert off.empty == "off-topic"


def test_a_word_known_only_by_a_shorter_stem_finds_its_own_form() -> None:
    on = _engine(SearchOptions())._concept("demonstrirten", "demonstrirten")
    off = _engine(SearchOptions().without("typo_relatives"))._concept(
        "demonstrirten", "demonstrirten"
    )
    assert on.alternatives["demonstriert"] == pytest.approx(0.8)  # the text's word, one edit
    # off: only the stem cut short ("demonstri") stands for it, at a relative's weight
    assert "demonstriert" not in off.alternatives
    assert max(off.alternatives.values()) == pytest.approx(0.6)


@pytest.mark.parametrize("message", ["wer hat den kuchn mitgebracht", "der kuchn war lecker"])
def test_a_typo_of_a_word_the_texts_have_only_inside_a_longer_one_is_chat(message: str) -> None:
    assert _engine(SearchOptions()).answer(message).hits == []
    # off: the correction counts as a word of the texts, and the Kuchenverkauf answers it
    off = _engine(SearchOptions().without("typo_loose")).answer(message)
    assert off.hits and off.hits[0].passage.id == "streik:9"


@pytest.mark.parametrize(
    "message",
    [
        "die gewerkschaft fordert einen tarifvertrag",  # no typo: as before
        "was legt der schlichter den verhandlungsparteien vor",
        "wer hat meinen regenschirm mitgenommen",  # chat: still empty
    ],
)
def test_messages_without_such_typos_are_answered_as_before(message: str) -> None:
    on = _engine(SearchOptions()).answer(message)
    off = _engine(
        SearchOptions(
            typo_relatives=False,
            umlaut_typos=False,
            inflected_typos=False,
            part_typos=False,
            colloquial_forms=False,
            typo_loose=False,
        )
    ).answer(message)
    assert [h.passage.id for h in on.hits] == [h.passage.id for h in off.hits]


def test_umlaut_correction() -> None:
    assert umlaut_correction("zurukgegangen") == "zurueckgegangen"  # ü bare, c dropped
    assert umlaut_correction("konnen") == "koennen"
    assert umlaut_correction("qxzvw") is None  # no German word within reach
    assert umlaut_correction("lego") is None  # too short to tell: a name ("legte"?)


def test_the_reply_to_a_question_with_an_umlaut_typo_quotes_the_texts(
    services: Services,
) -> None:
    message = "ist die unterstützung für die armee zurukgegangen"
    engine = services.search
    bot_options = engine.options
    try:
        html = [m.html for m in send(message, services).messages]
        assert "Textstellen" in html[0]
        engine.options = bot_options.without("umlaut_typos")
        # off: the reply says the texts lack the misspelt word
        html = [m.html for m in send(message, services).messages]
        assert "Zu „zurukgegangen“ steht in den Texten nichts" in html[0]
    finally:
        engine.options = bot_options
