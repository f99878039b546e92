"""Whether a message gets passages at all, when a word of it is known to the texts only
inside longer words of theirs (issue 11, eighth pass, round 13, gate13).

- ``loose_known``: "wer hat meinen Schal mitgenommen", "wer hat den Schlüssel vom
  Gewerkschaftshaus": a word the texts have only inside a longer word ("Schlüssel":
  Schlüsselfigur, "Schal": schaltet), never as itself or as its dictionary form, is no
  specific word of the texts that makes a message a question about them; nor does a
  "lookup" of two words make a question of the texts when neither is one of theirs itself. A
  word the texts have itself, by a shorter base ("Europäer": Europa) or as the head of a
  compound ("Revolution": Straßenrevolution), counts as before.

Invented texts (not the seeds), each message run with the mechanism on (the bot's options) and
switched off.
"""

import pytest
from invented import FILLER, STRIKE_OPENING, one_text_engine

from bot.core.search import SearchEngine, SearchOptions

STRIKE = [
    *STRIKE_OPENING,
    "Der Betriebsrat ist die Schlüsselfigur des Streiks, sagen die Pflegekräfte.",
    "Der Senat schaltet auf stur und schiebt die Verantwortung an die Kassen weiter.",
    "Die Beschäftigten in Europa schauen auf die Kliniken der Stadt.",
    "Der Senat fürchtet eine Straßenrevolution, wenn die Kliniken schließen.",
]


# the filler without its "Personalschlüssel" (a compound whose head "Schlüssel" is: see the
# last test)
PLAIN = [x for x in FILLER if "schlüssel" not in x.lower()]


def _engine(options: SearchOptions, filler: list[str] = PLAIN) -> SearchEngine:
    return one_text_engine(STRIKE + filler, options)


OFF = SearchOptions().without("loose_known")


@pytest.mark.parametrize(
    "message",
    [
        "wer hat meinen schal mitgenommen? grau, gestrickt",
        "wer hat noch den schlüssel vom gewerkschaftshaus",
    ],
)
def test_a_word_known_only_inside_longer_words_carries_no_chat(message: str) -> None:
    assert _engine(SearchOptions()).answer(message).hits == []
    assert _engine(OFF).answer(message).hits  # the loose relative made it a question


@pytest.mark.parametrize(
    ("message", "expect"),
    [
        ("wer ist die schlüsselfigur des streiks", "streik:5"),
        ("warum schaltet der senat auf stur", "streik:6"),
        ("was machen die europäer", "streik:7"),  # "Europäer": Europa, a shorter base
        # "Revolution": the texts have "Straßenrevolution", a compound whose head it is
        ("wovor hat der senat angst, vor einer revolution?", "streik:8"),
    ],
)
def test_words_the_texts_have_themselves_still_ask(message: str, expect: str) -> None:
    for options in (SearchOptions(), OFF):
        hits = _engine(options).answer(message).hits
        assert hits and hits[0].passage.id == expect, (options == OFF, message)


def test_a_loose_word_beside_specific_words_of_the_texts_is_still_a_question() -> None:
    # "Schlüssel" is loose, but "Betriebsrat" and "Pflegekräfte" are words of the text itself
    message = "welchen schlüssel sehen die pflegekräfte beim betriebsrat"
    hits = _engine(SearchOptions()).answer(message).hits
    assert hits and hits[0].passage.id == "streik:5"


def test_a_compound_that_ends_in_the_word_makes_it_a_word_of_the_texts() -> None:
    # with "Personalschlüssel" in the text, "Schlüssel" is its head: the texts speak of one
    message = "wer hat noch den schlüssel vom gewerkschaftshaus"
    assert _engine(SearchOptions(), FILLER).answer(message).hits
