"""A named source and a short topic: the passage that is about it (issue 11, round 21, topic21).

- ``named_topic``: "was schreibt die streikzeitung zum streikgeld" names a source and, besides
  the name and the frame, one to three content words. Inside the named source, passages are
  ranked with a milder length normalisation (BM25's B 0.6 instead of 0.75): the paragraph that
  comes back to the word outranks a shorter one that mentions it once in passing.
- ``text_position``: "was fordert die streikzeitung ganz am schluss", "gleich am anfang", "im
  letzten absatz" place the answer at the start or the end of a text: the first or last
  paragraphs rank higher, and those words are not searched for.

Invented texts (not the seeds), each message run with the mechanism on (the bot's options) and
switched off.
"""

from __future__ import annotations

import pytest
from invented import FILLER, STRIKE_OPENING, first_id, one_text_engine

from bot.core.search import SearchEngine, SearchOptions
from bot.core.search_lexicon import text_position
from bot.core.text import words

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
    return first_id(_engine(options), message)


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


# 5: an early demand (short: ranks first by its words); 26, the last paragraph: the closing one
DEMANDS = [
    *STRIKE_OPENING,
    "Die Gewerkschaft fordert zwölf Prozent mehr Lohn.",
    *FILLER,
    "Zuletzt fordert die Gewerkschaft feste Stellen für alle Pflegekräfte.",
]


def _demands(options: SearchOptions, paragraphs: list[str] = DEMANDS) -> SearchEngine:
    return one_text_engine(paragraphs, options, aliases=("Streikzeitung",))


@pytest.mark.parametrize(
    "message",
    [
        "was fordert die streikzeitung ganz am schluss",
        "was fordert die gewerkschaft ganz am ende",  # (no source named: every reading's end)
        "was fordert die gewerkschaft im letzten absatz",
        "was fordert die gewerkschaft ganz am schluss",
    ],
)
def test_a_message_that_places_its_answer_at_the_end_finds_the_last_paragraph(
    message: str,
) -> None:
    assert _demands(SearchOptions()).search(message)[0].passage.id == "streik:26"
    # off: the shorter early demand comes first
    off = _demands(SearchOptions().without("text_position"))
    assert off.search(message)[0].passage.id == "streik:5"


def test_a_message_that_places_its_answer_at_the_start_finds_the_first_paragraphs() -> None:
    # the same text the other way round: the closing demand first, the short one last
    paragraphs = [DEMANDS[-1], *DEMANDS[:-1]]
    message = "was fordert die gewerkschaft gleich am anfang"
    assert _demands(SearchOptions(), paragraphs).search(message)[0].passage.id == "streik:1"
    off = _demands(SearchOptions().without("text_position"), paragraphs)
    assert off.search(message)[0].passage.id == "streik:6"


def test_at_the_end_in_time_places_nothing() -> None:
    # "am Ende" alone is mostly time ("am Ende zahlen die Arbeiter"): the ranking stays
    message = "was fordert die gewerkschaft am ende"
    assert _demands(SearchOptions()).search(message)[0].passage.id == "streik:5"


@pytest.mark.parametrize(
    ("message", "where"),
    [
        ("was fordert die wsws ganz am schluss", "end"),
        ("was schlagen die am schluss eigentlich vor", "end"),
        ("was fordert die wsws am ende vom alaska artikel", "end"),
        ("das kam ganz am anfang vom protokoll", "start"),
        ("steht glaub ich gleich am anfang", "start"),
        ("gleich zu beginn des textes", "start"),
        ("die stelle ganz oben im vorspann", "start"),
        ("im ersten absatz ging es um münchen", "start"),
        ("im letzten absatz", "end"),
        # time, people, a plain "zu": no place in a text
        ("die rechnung zahlen am ende die arbeiter", ""),
        ("wollte putin am anfang selber in die nato", ""),
        ("jetzt kommt der frust von ganz unten", ""),
        ("zu ende gedacht ist das unsinn", ""),
    ],
)
def test_where_a_message_places_its_answer(message: str, where: str) -> None:
    assert text_position(words(message))[0] == where
