"""A compound the texts have only as separate words counts where those words stand together
(issue 11, eighth pass, round 12, rank12): ``SearchOptions.parts_near``.

"Krisengespräche" is no word of the text; its parts are ("Krise", "Gespräche"). A passage that
speaks of "Gesprächen über die Krise" has the compound; one that has "Gespräche" in its first
sentence and "Krise" in its last has two words of the text, not the thing asked about. With
the mechanism off both count as the whole compound, and the shorter passage wins; on, the
passage with the parts close together (within PARTS_WINDOW words, also inside other compounds:
"Streikleitung vor der Klinik" for "Klinikstreik") comes first, and the far one keeps the credit
of one part.

Invented texts (not the seeds), each message run with the mechanism on and switched off.
"""

import pytest
from invented import FILLER, one_text_engine

from bot.core.search import SearchOptions

NEAR = (
    "Nach der Wahl gab es im Rathaus lange Gespräche über die Krise der Kliniken, und am "
    "Ende der Woche lag ein Papier der Verwaltung auf dem Tisch."
)
APART = "Gespräche gab es viele im Senat. Am Ende stand die Stadt vor einer Krise."
PICKET_NEAR = (
    "Am dritten Tag stand die Streikleitung vor der Klinik und wartete, doch die Verwaltung "
    "schickte niemanden heraus, der mit ihr hätte reden können."
)
PICKET_APART = (
    "Der Streik begann im Mai unter neuer Leitung. Im Juni kam die Klinik in die Presse."
)
TEXTS = [NEAR, APART, PICKET_NEAR, PICKET_APART, *FILLER]


def _top(message: str, options: SearchOptions) -> str:
    hits = one_text_engine(TEXTS, options).search(message)
    assert hits, message
    return hits[0].passage.text


@pytest.mark.parametrize(
    ("message", "together", "apart"),
    [
        ("worum ging es bei den krisengesprächen", NEAR, APART),
        ("was war beim klinikstreik", PICKET_NEAR, PICKET_APART),
    ],
)
def test_a_compound_is_where_its_parts_stand_together(message, together, apart):
    assert _top(message, SearchOptions()) == together
    # off: the parts count wherever they stand, and the shorter passage wins
    assert _top(message, SearchOptions(parts_near=False)) == apart


def test_parts_far_apart_still_count_as_one_word_of_the_message():
    """A passage with one part of the compound is still found, below the one with both
    together: the mechanism weighs, it does not filter."""
    hits = one_text_engine(TEXTS).search("worum ging es bei den krisengesprächen", limit=10)
    texts = [h.passage.text for h in hits]
    assert texts[0] == NEAR
    assert APART in texts
