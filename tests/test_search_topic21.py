"""A named source and a short topic: the passage that is about it (issue 11, round 21, topic21).

- ``named_topic``: "was schreibt die streikzeitung zum streikgeld" names a source and, besides
  the name and the frame, one to three content words. Inside the named source, passages are
  ranked with a milder length normalisation (BM25's B 0.6 instead of 0.75): the paragraph that
  comes back to the word outranks a shorter one that mentions it once in passing.

Invented texts (not the seeds), each message run with the mechanism on (the bot's options) and
switched off.
"""

from __future__ import annotations

import pytest
from invented import FILLER, STRIKE_OPENING, one_text_engine

from bot.core.search import SearchEngine, SearchOptions

STRIKE = [
    *STRIKE_OPENING,
    # 5: mentions the strike pay in passing (short); 6: is about it (longer, twice)
    "Auch das Streikgeld kam am Rande zur Sprache.",
    "Das Streikgeld zahlt die Gewerkschaft ab dem ersten Tag. Der Vorstand prüft, ob er das"
    " Streikgeld aus den Rücklagen erhöhen kann.",
]


def _engine(options: SearchOptions) -> SearchEngine:
    return one_text_engine(STRIKE + FILLER, options, aliases=("Streikzeitung",))


def _first(message: str, options: SearchOptions) -> str:
    hits = _engine(options).search(message)
    assert hits, message
    return hits[0].passage.id


@pytest.mark.parametrize(
    "message",
    [
        "was schreibt die streikzeitung zum streikgeld",
        "streikzeitung streikgeld",
        "was meint die streikzeitung zum thema streikgeld",
    ],
)
def test_a_named_source_and_a_topic_finds_the_passage_about_it(message: str) -> None:
    assert _first(message, SearchOptions()) == "streik:6"
    # off: the shorter paragraph that only mentions it comes first
    assert _first(message, SearchOptions().without("named_topic")) == "streik:5"


@pytest.mark.parametrize(
    "message",
    [
        # no source named: a search over all the texts, as before
        "streikgeld",
        "was steht über das streikgeld",
    ],
)
def test_without_a_named_source_the_ranking_stays(message: str) -> None:
    assert _first(message, SearchOptions()) == "streik:5"
    assert _first(message, SearchOptions().without("named_topic")) == "streik:5"


@pytest.mark.parametrize(
    ("message", "topic"),
    [
        ("was schreibt die streikzeitung zum streikgeld", True),
        ("streikzeitung: streikgeld und rücklagen", True),
        ("was sagt die streikzeitung zum streikgeld, zum vorstand und zu den rücklagen", True),
        # four content words and more: a question of its own, left to the ranking as it was
        ("was schreibt die streikzeitung, ob der vorstand das streikgeld am rande erhöht", False),
        ("was steht über das streikgeld", False),  # no source named
    ],
)
def test_which_messages_name_a_source_and_a_short_topic(message: str, topic: bool) -> None:
    engine = _engine(SearchOptions())
    assert engine._named_topic(engine.analyse(message)) is topic


def test_a_message_of_a_source_name_alone_has_no_topic() -> None:
    # "Vorstand" names the source here and is a word of its text: the message asks for the
    # source, not for where it discusses a topic
    engine = one_text_engine(
        STRIKE + FILLER, SearchOptions(), aliases=("Streikzeitung", "Vorstand")
    )
    assert engine._named_topic(engine.analyse("streikzeitung zum streikgeld"))
    assert not engine._named_topic(engine.analyse("vorstand streikzeitung"))
