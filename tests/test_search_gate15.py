"""Whether chat about other news gets passages because it names a thing the texts mention once
(issue 11, round 15, gate15).

- ``rare_only``: "macron hat ja schon wieder ne regierungskrise, die wievielte ist das jetzt":
  the texts name Macron in one passage, in passing; a message that talks to the members or of
  the speaker's now ("glaubt ihr", "schon wieder"), names no reading and no text and asks no
  reason, whose best passage has of it only such words and lacks a noun of it
  ("Regierungskrise"), is chat about something else: empty. A question about that passage
  ("wisst ihr noch, was der Bürgermeister von Lübeck geschickt hat"), one with only the
  speaker's own mark ("ich hab nicht verstanden …"), or one whose words the texts repeat is
  answered as before.

Invented texts (not the seeds), each message run with the mechanism on (the bot's options) and
switched off.
"""

import pytest
from invented import FILLER, STRIKE_OPENING, one_text_engine

from bot.core.search import SearchEngine, SearchOptions
from bot.core.search_lexicon import asks_members

# Lübeck and its mayor are named once, in passing; Senat and Gewerkschaft are what it is about
STRIKE = [
    *STRIKE_OPENING,
    "Der Senat und die Gewerkschaft streiten seit Wochen über die Löhne.",
    "Auch der Bürgermeister von Lübeck schickte ein Grußwort an die Streikenden.",
    "Die Gewerkschaft wirft dem Senat vor, die Kliniken kaputtzusparen.",
    "Der Schlichter schlägt eine Einmalzahlung vor, der Senat zögert.",
]
PASSING = "streik:6"  # the Lübeck paragraph

OFF = SearchOptions().without("rare_only")


def _engine(options: SearchOptions) -> SearchEngine:
    return one_text_engine(STRIKE + FILLER, options)


@pytest.mark.parametrize(
    "message",
    [
        "lübeck hat schon wieder ein neues hafenfest, glaubt ihr das lohnt sich",
        "der bürgermeister von lübeck hat ne neue straßenbahn, glaubt ihr die fährt pünktlich",
    ],
)
def test_chat_about_a_thing_the_texts_name_in_passing_is_empty(message: str) -> None:
    answer = _engine(SearchOptions()).answer(message)
    assert answer.hits == []
    assert answer.empty == "off-topic, in passing"
    # off: the one passage that names Lübeck answers it
    got = _engine(OFF).answer(message)
    assert got.hits and got.hits[0].passage.id == PASSING


@pytest.mark.parametrize(
    "message",
    [
        # a question about the passage: nothing of it that the passage lacks
        "wisst ihr noch, was der bürgermeister von lübeck den streikenden geschickt hat",
        # no talk to the members: a question about the texts
        "was hat lübeck mit dem streik zu tun",
        # the speaker's own mark only ("ich hab nicht verstanden"), common in such questions
        "ich hab nicht verstanden, was der bürgermeister von lübeck mit dem grußwort wollte",
        # a noun the passage lacks, but one the texts discuss ("Gewerkschaft")
        "habt ihr gesehen, was lübeck der gewerkschaft geschickt hat",
        # asks a reason
        "habt ihr eine ahnung, warum der bürgermeister von lübeck ein grußwort geschickt hat",
    ],
)
def test_a_question_about_the_passage_keeps_its_answer(message: str) -> None:
    for options in (SearchOptions(), OFF):
        answer = _engine(options).answer(message)
        assert answer.hits and answer.hits[0].passage.id == PASSING, (options.rare_only, message)


def test_words_the_texts_repeat_are_no_mention_in_passing() -> None:
    # "Senat" is in half the passages: the message is about what the texts are about
    message = "habt ihr gesehen, der senat zögert schon wieder beim schlichter"
    on, off = _engine(SearchOptions()).answer(message), _engine(OFF).answer(message)
    assert on.hits and [h.passage.id for h in on.hits] == [h.passage.id for h in off.hits]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("orbán wackelt ja angeblich, was glaubt ihr", True),
        ("kissinger ist tot, habt ihr die nachrufe gelesen", True),
        ("habt ihr das gelesen", True),  # (addressed() already: the start of the message)
        ("die regierung macht ihr ding", False),  # the possessive
        ("was meint der text mit ihr", False),
    ],
)
def test_members_asked_at_the_start_of_any_clause(text: str, expected: bool) -> None:
    assert asks_members(text) is expected
