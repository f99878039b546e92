"""The message's specific words decide, not its common ones (issue 11, round 19, focus19).

- ``specific_focus``: "was hat die Bürgermeisterin im Rathaus zur Schlichtung und zum Stufenplan
  gesagt": "Stufenplan" is the word of the message that the text has in one passage only; the
  passage that has it ranks a little higher (FOCUS_BONUS) than one that gathers the message's
  commoner words (Rathaus, Bürgermeisterin, Schlichtung), which the text repeats. Where the
  message's words weigh alike, no word stands out and nothing changes.

Invented texts (not the seeds), each message run with the mechanism on (the bot's options) and
switched off.
"""

from __future__ import annotations

from invented import FILLER, STRIKE_OPENING, one_text_engine

from bot.core.search import SearchEngine, SearchOptions

TOWN_HALL = [
    *STRIKE_OPENING,
    # 5: the message's common words, not far apart; 6: its specific word and one common word
    "Im Rathaus sprach die Bürgermeisterin und danach ging es lange um Geld über die Schlichtung.",
    "Die Schlichtung legt einen Stufenplan für die Löhne vor.",
    # the common words recur in the text
    *(
        sentence
        for n in range(2, 5)
        for sentence in (
            f"Die {n}. Sitzung fand im Rathaus statt.",
            f"Die Bürgermeisterin äußerte sich zum {n}. Mal.",
            f"Die {n}. Runde der Schlichtung begann.",
        )
    ),
]

ASKS_PLAN = "was hat die bürgermeisterin im rathaus zur schlichtung und zum stufenplan gesagt"


def _engine(options: SearchOptions) -> SearchEngine:
    return one_text_engine(TOWN_HALL + FILLER, options)


def _first(message: str, options: SearchOptions) -> str:
    hits = _engine(options).search(message)
    assert hits, message
    return hits[0].passage.id


def test_the_passage_with_the_specific_word_comes_first() -> None:
    assert _first(ASKS_PLAN, SearchOptions()) == "streik:6"
    # off: the passage that gathers the three common words comes first
    assert _first(ASKS_PLAN, SearchOptions().without("specific_focus")) == "streik:5"


def test_a_lookup_of_the_same_words_prefers_the_specific_one_too() -> None:
    message = "bürgermeisterin rathaus schlichtung stufenplan"
    assert _first(message, SearchOptions()) == "streik:6"
    assert _first(message, SearchOptions().without("specific_focus")) == "streik:5"


def test_where_the_words_weigh_alike_no_word_stands_out() -> None:
    # no word of the message is rarer in the text than the others: the ranking and its scores
    # are those of the engine without the mechanism
    message = "was hat die bürgermeisterin im rathaus zur schlichtung gesagt"
    on = [(h.passage.id, h.score) for h in _engine(SearchOptions()).search(message)]
    off = [
        (h.passage.id, h.score)
        for h in _engine(SearchOptions().without("specific_focus")).search(message)
    ]
    assert on and on == off
    assert on[0][0] == "streik:5"
