"""Round 24 of the semantic extra (bot/core/semantic.py): what is embedded of a message, and
which candidates an answer of the middle tier lets join.

- ``semantic_bare``: the message is embedded without its emoji, chat fillers and the words
  that frame a question about a text ("wo stand nochmal", "die Stelle"), so that a model that
  reads the frame as meaning ("Stelle" as a job) is not led to the passage about jobs.
- ``semantic_mid_join``: an answer that covers most but not all of the message (the middle
  tier) lets the closest in meaning of the engine's next candidates join its first ones, as a
  weak answer does.

Stand-in models on invented texts (tests/invented.py), each message with the switch on and off.
"""

from __future__ import annotations

import pytest
from invented import FILLER, STRIKE_OPENING, one_text_engine
from test_search_semantic import StandIn, _engine, _ids

from bot.core import semantic
from bot.core.search import SearchEngine, SearchOptions
from bot.core.search_lexicon import bare_message
from bot.core.semantic import SemanticRerank

# a model that reads the chat's frame as meaning: "Stelle", "stand", "nochmal" as talk of jobs
GROUPS = [
    {"stelle", "stellen", "stand", "nochmal", "arbeitsplätze"},
    {"knete", "geld", "spart", "kredite", "schuldenbremse", "haushalt"},
    {"kliniken", "klinik"},
]
CLINICS = [
    *STRIKE_OPENING,
    "Die Kliniken streichen zweihundert Stellen in der Pflege.",
    "Der Senat spart bei den Kliniken, weil die Schuldenbremse keine neuen Kredite erlaubt.",
    "Die Kliniken liegen am Stadtrand, die Busse fahren selten dorthin.",
    "Die Kliniken werben mit Plakaten in der Stadt um Nachwuchs, die Stellen bleiben leer.",
    "Für die Kliniken fehlen im Haushalt die Kredite.",
    *FILLER,
]
JOBS, MONEY = "streik:5", "streik:9"  # the jobs cut; the missing credits


class FrameMinded(StandIn):
    """Every word of four letters or more counts (frames too), words grouped by meaning."""

    meanings = GROUPS

    def counts(self, word: str) -> bool:
        return len(word) >= 4


def _clinics(options: SearchOptions, model: FrameMinded | None = None) -> SearchEngine:
    engine = one_text_engine(CLINICS, options)
    if model is not None:
        engine.semantic = SemanticRerank(model)
    return engine


FRAMED = "wo stand nochmal die stelle mit den kliniken und der knete 😅"


def test_the_frame_of_a_question_does_not_lead_the_model_astray() -> None:
    assert _clinics(SearchOptions()).answer(FRAMED).weak  # the words alone are unsure
    words_alone = [h.passage.id for h in _clinics(SearchOptions()).search(FRAMED)]
    assert words_alone[0] == JOBS  # "Stellen": the engine's first is the jobs cut
    model = FrameMinded()
    on = [h.passage.id for h in _clinics(SearchOptions(), model).search(FRAMED)]
    off_model = FrameMinded()
    off_options = SearchOptions().without("semantic_bare")
    off = [h.passage.id for h in _clinics(off_options, off_model).search(FRAMED)]
    assert on[0] == MONEY  # the money the clinics lack, which the message asks about
    assert off[0] == JOBS  # the whole message embedded: its frame reads as jobs
    assert model.asked == ["wo die mit den kliniken und der knete"]
    assert off_model.asked == [FRAMED]


@pytest.mark.parametrize(
    ("message", "bare"),
    [
        ("wo stand nochmal, dass die kliniken pleite sind 😅", "wo dass die kliniken pleite sind"),
        ("leute, die stelle mit dem streik eigentlich", "die mit dem streik"),
        # judging words keep their meaning: whether the text is right is what is asked
        ("stimmt das eigentlich, was im artikel steht?", "stimmt das was im"),
        ("liegt er da falsch", "liegt er da falsch"),
        ("nochmal der text 🤔", "nochmal der text"),  # under two words left: as it was
    ],
)
def test_the_bare_message(message: str, bare: str) -> None:
    assert bare_message(message) == bare


def test_an_answer_of_the_middle_tier_lets_the_closest_of_its_next_candidates_join(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a small text: the first two candidates reordered, the next ones up to the sixth looked at
    monkeypatch.setattr(semantic, "POOL", 2)
    monkeypatch.setattr(semantic, "MID_WIDE", 8)
    monkeypatch.setattr(semantic, "MID_MORE", 1)
    # as if it covered less: reordered at half weight
    monkeypatch.setattr(SearchEngine, "_meaning_weight", lambda self, coverage: 0.5)
    message = "die kliniken haben keine knete für betten"
    assert not _engine(SearchOptions()).answer(message).weak
    on = _ids(_engine(SearchOptions(), StandIn()), message)
    off = _ids(_engine(SearchOptions().without("semantic_mid_join"), StandIn()), message)
    words_alone = _ids(_engine(SearchOptions()), message, limit=8)
    saving = "streik:6"  # the Senate saving on the clinics: the money
    assert words_alone.index(saving) >= 5  # beyond the first page on words alone
    assert saving in on[:3]  # joined, close in meaning, among the first three
    assert saving not in off  # without the joining only the first two are reordered
    assert on[0] == off[0] == words_alone[0]  # the beds stay first


def test_a_long_message_stays_on_words_even_when_its_bare_form_is_short() -> None:
    model = StandIn()
    long = "die stelle mit den kliniken und der knete " + "eigentlich halt nochmal " * 20
    assert len(long) > semantic.MAX_CHARS and len(bare_message(long)) < semantic.MAX_CHARS
    assert _ids(_engine(SearchOptions(), model), long) == _ids(_engine(SearchOptions()), long)
    assert model.queries == 0
