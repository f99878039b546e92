"""A message that asks where the texts say something (issue 11, round 21, loc21).

- ``locates_any``: "wo stand, dass …", "die Stelle, wo …" presuppose a text the group read;
  with a content word the texts have (itself, by a typo or a synonym) such a message gets the
  closest passage as a weak match ("Ich bin nicht sicher …") instead of nothing, even where the
  words the texts lack outweigh the ones they have.

Invented text (not the seeds), each message run with the mechanism on (the bot's options) and
switched off.
"""

from __future__ import annotations

import pytest
from invented import FILLER, STRIKE_OPENING, one_text_engine

from bot.core.search import SearchOptions

STRIKE = [
    *STRIKE_OPENING,
    # 5: the one passage on the kitchen staff's night shifts
    "Die Köchinnen der Kantine arbeiten seit dem Frühjahr auch nachts, ohne Zuschlag.",
]

OFF = SearchOptions().without("locates_any")


@pytest.mark.parametrize(
    "message",
    [
        "wo stand nochmal das mit den köchinnen, die sich wie im hamsterrad fühlen",
        "die stelle wo die köchinnen ackern bis zum umfallen",
        "die stelle dass die köchinnen keinen cent extra sehen",
    ],
)
def test_a_located_message_gets_the_passage_of_its_known_word(message: str) -> None:
    engine = one_text_engine(STRIKE + FILLER, SearchOptions())
    answer = engine.answer(message)
    assert answer.hits and answer.hits[0].passage.id == "streik:5"
    assert answer.weak  # said as "Ich bin nicht sicher …", not as the answer
    engine.options = OFF
    assert engine.answer(message).hits == []


@pytest.mark.parametrize(
    "message",
    [
        "die köchinnen fühlen sich wie im hamsterrad, total verheizt",  # no frame: judged by words
        "wo stand nochmal das zirkuszelt mit dem hamsterrad",  # no word of the texts
        "wo steht der beamer, kann den wer zum treffen mitbringen",  # a thing's place, meeting
    ],
)
def test_without_the_frame_or_a_word_of_the_texts_it_stays_empty(message: str) -> None:
    engine = one_text_engine(STRIKE + FILLER, SearchOptions())
    assert engine.answer(message).hits == []
