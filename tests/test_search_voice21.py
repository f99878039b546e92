"""What the group said points at its own protocols (issue 11, round 21, voice21).

- ``group_voice``: a message whose speaker is the group in the past ("wo hatten wir
  festgehalten, dass …", "was meinten wir mit …", "einer meinte doch …") or that refers to the
  last meeting ("beim letzten Mal") ranks the passages of sources of kind "protocol" ahead,
  below a source it names.
- ``member_voice``: … and what one member said ("jemand meinte …", "hatte nicht jemand
  Zweifel …") the participants' contributions ("— …") among them.
- ``voice_frame``: the verb of such a recall ("festgehalten", "gesagt") is its frame, not a
  word it asks about; a doubt ("bezweifelt", "Zweifel") is what the member said.
- ``voice_unaddressed``: in such a message "jemand" or "wir" is the speaker of what it recalls,
  not the members addressed: "wo hat jemand gesagt, …" with a word of the texts is no meeting
  chat.

Invented texts (not the seeds): a strike article and the group's protocol of a meeting on it,
each message run with the mechanism on (the bot's options) and switched off.
"""

from __future__ import annotations

import datetime as dt

import pytest
from invented import FILLER, STRIKE_OPENING, first_id, texts_engine

from bot.core.models import Source
from bot.core.search import SearchEngine, SearchOptions
from bot.core.search_lexicon import group_said, last_meeting, said_words
from bot.core.text import words

ARTICLE = [
    *STRIKE_OPENING,
    # 5: the article's own words on the wage freeze
    "Der Senat friert die Löhne der Pflegekräfte ein und verweist auf die Schuldenbremse.",
    "Die Kliniken suchen seit Jahren Personal, die Stationen sind unterbesetzt.",
]
PROTOCOL = [
    # (kind, text): the group's summary ("answer") and its members' contributions ("— …"),
    # longer than the article's sentences, as a meeting's talk is
    (
        "answer",
        "Im Artikel geht es um den Streik der Pflegekräfte in den Kliniken und darum, wie der"
        " Senat als Arbeitgeber auf die Forderungen der Gewerkschaft antwortet.",
    ),
    (
        "answer",
        "Wenn der Senat die Löhne einfriert, dann rechnet er als Arbeitgeber wie jeder andere"
        " auch, und der Haushalt ist dabei nur das Argument, mit dem er das vor der"
        " Öffentlichkeit begründet und die Beschäftigten zur Geduld ermahnt.",
    ),
    (
        "contribution",
        "— Ich würde das anders sagen: Der Senat friert die Löhne nicht aus Not ein, das ist"
        " eine Entscheidung darüber, wofür das Geld der Stadt da sein soll und wofür nicht,"
        " und die Pflegekräfte stehen dabei hinten an.",
    ),
    (
        "answer",
        "Die Schuldenbremse ist ein Beschluss der Politik und kein Naturgesetz, auch wenn der"
        " Senat so tut, als müsse er sich ihr beugen wie dem Wetter.",
    ),
    (
        "contribution",
        "— Dass die Stationen unterbesetzt sind, liegt nicht am Mangel an Leuten, sondern daran,"
        " dass jede Stelle Kosten macht, die der Betrieb gering halten will.",
    ),
    # 6: what a contract should lay down ("festgehalten"), no recall of the group's
    (
        "answer",
        "Im neuen Tarifvertrag soll festgehalten werden, wie viele Pflegekräfte eine Station"
        " in jeder Schicht mindestens braucht.",
    ),
]


def _engine(options: SearchOptions | None = None) -> SearchEngine:
    article = Source("streik", "Streik", "Autor", "Blog", dt.date(2026, 1, 1), "article", "-", "-")
    protocol = Source(
        "sitzung-1",
        "Jour fixe vom 5.1.2026",
        "Lesekreis (Protokoll)",
        "Protokoll",
        dt.date(2026, 1, 5),
        "protocol",
        "-",
        "-",
        aliases=("Protokoll",),
    )
    # (in_memory switches meeting chat off)
    return texts_engine([(article, ARTICLE + FILLER), (protocol, PROTOCOL)], options)


def _first(message: str, options: SearchOptions) -> str:
    return first_id(_engine(options), message)


@pytest.mark.parametrize(
    "message",
    [
        "wo hatten wir festgehalten: der senat friert die löhne ein",
        "was meinten wir mit der senat friert die löhne ein",
        "hatten wir das letztes mal geklärt? der senat friert die löhne ein",
        "der senat friert die löhne ein, wo hatten wir das",
        "beim letzten mal: der senat friert die löhne ein",
    ],
)
def test_what_the_group_said_ranks_the_protocol_first(message: str) -> None:
    assert _first(message, SearchOptions()).startswith("sitzung-1:")
    # off: the article's own words come first
    assert _first(message, SearchOptions().without("group_voice")).startswith("streik:")


def test_a_source_named_ranks_ahead_of_the_groups_voice() -> None:
    message = "was hatten wir gesagt, laut autor friert der senat die löhne ein"
    engine = _engine()
    assert engine.analyse(message).voice == ""  # a source named: it decides
    assert engine.analyse("was meinten wir mit der senat friert die löhne ein").voice == "group"
    assert engine.analyse("einer meinte, der senat friert die löhne ein").voice == "member"
    assert engine.analyse("beim letzten mal ging es um die löhne").voice == "meeting"
    assert _first(message, SearchOptions()).startswith("streik:")


@pytest.mark.parametrize(
    "message",
    [
        "einer meinte doch, der senat friert die löhne ein",
        "jemand hatte gesagt, der senat friert die löhne ein",
        "hatte nicht jemand zweifel, ob der senat die löhne aus not einfriert",
    ],
)
def test_what_a_member_said_ranks_a_contribution_first(message: str) -> None:
    assert _first(message, SearchOptions()) == "sitzung-1:3"
    on = {h.passage.id: h.score for h in _engine().search(message)}
    assert on["sitzung-1:3"] > on["sitzung-1:2"]
    # off: the group's summary of the same point is not behind the contribution (with
    # typed_idf, the summary's "einfriert" weighs what the typed "friert … ein" weighs: the
    # two may tie; without it, the rarer form puts the summary first)
    scores = {
        h.passage.id: h.score
        for h in _engine(SearchOptions().without("member_voice")).search(message)
    }
    assert scores["sitzung-1:2"] >= scores["sitzung-1:3"]
    assert _first(message, SearchOptions().without("member_voice").without("typed_idf")) == (
        "sitzung-1:2"
    )


def test_the_verb_of_a_recall_is_its_frame() -> None:
    message = "wo hatten wir festgehalten, dass das ein beschluss ist"
    assert _first(message, SearchOptions()) == "sitzung-1:4"
    # off: "festgehalten" is searched and finds what the contract should lay down
    assert _first(message, SearchOptions().without("voice_frame")) == "sitzung-1:6"


@pytest.mark.parametrize(
    "message",
    [
        "wo meinte jemand, das mit den stationen ist halt so",
        "wo hat jemand gesagt, das wetter ist schuld",
    ],
)
def test_what_someone_said_about_the_texts_is_no_meeting_chat(message: str) -> None:
    engine = _engine()
    assert engine.search(message), message
    # off: "jemand" addresses the members, and one word of the texts leaves it meeting chat
    engine.options = SearchOptions().without("voice_unaddressed")
    answer = engine.answer(message)
    assert not answer.hits and answer.organisational and answer.empty.startswith("meeting")


@pytest.mark.parametrize(
    "message",
    [
        "was haben wir beim letzten treffen gegessen",
        "hat jemand gesagt, wann wir uns nächstes mal treffen?",
        "hatten wir nicht beschlossen, den nächsten text über china zu lesen?",
        "jemand meinte, die heizung im raum sei kaputt",
        "hat jemand gesagt, ob die bahn heute wieder streikt",
    ],
)
def test_chat_about_the_group_stays_empty(message: str) -> None:
    assert not _engine().search(message), message


@pytest.mark.parametrize(
    ("message", "who"),
    [
        ("die stelle wo wir gesagt haben dass der senat spart", "group"),
        ("wo hatten wir festgehalten dass der senat spart", "group"),
        ("was meinten wir mit schuldenbremse", "group"),
        ("wie haben wir das diskutiert", "group"),
        ("ich komm nicht mehr drauf wie wir das aufgelöst haben", "group"),
        ("der senat spart – wo hatten wir das", "group"),
        ("einer meinte doch, der senat spart", "member"),
        ("wo meinte einer, der senat spart", "member"),
        ("das hat doch wer gesagt", "member"),
        ("jemand hatte doch zweifel, ob der senat spart", "member"),
        ("jemand in der runde hatte doch bezweifelt, dass der senat spart", "member"),
        # the present asks the members now; "wer" that opens a clause asks who in the texts
        ("was meint ihr dazu", ""),
        ("wer hat das mit dem haushalt gesagt, der senat?", ""),
        ("weiß jemand, wer das gesagt hat", ""),
        ("habt ihr gesehen, was der senat gesagt hat", ""),
        ("die gewerkschaft meinte das ernst", ""),
        ("wir haben letztes mal 20 minuten gewartet", ""),
    ],
)
def test_who_recalls_what_was_said(message: str, who: str) -> None:
    assert group_said(message) == who


def test_the_words_of_a_recall() -> None:
    assert said_words("wo hatten wir festgehalten, dass der senat spart") == {"festgehalten"}
    assert said_words("hielten wir fest, dass der senat spart") == {"hielten", "fest"}
    # a doubt is what the member said: a word of the message
    assert said_words("jemand hatte doch zweifel, ob der senat spart") == set()
    assert said_words("hat nicht jemand bezweifelt, dass der senat spart") == set()
    assert said_words("der senat hat gesagt, er spart") == set()  # no recall


@pytest.mark.parametrize(
    ("message", "last"),
    [
        ("was hatten wir beim letzten mal dazu", True),
        ("in der letzten sitzung ging es um den haushalt", True),
        ("hat in der sitzung jemand bezweifelt, dass der senat spart", True),
        ("letztes mal zum haushalt des senats", True),
        # a meeting the texts report is no meeting of the group
        ("wann war das letzte treffen von senat und gewerkschaft", False),
        ("wann ist die nächste sitzung", False),
    ],
)
def test_which_messages_refer_to_the_last_meeting(message: str, last: bool) -> None:
    assert last_meeting(words(message)) is last
