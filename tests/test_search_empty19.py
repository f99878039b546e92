"""On-topic messages the off-topic judgement emptied (issue 11, round 19, empty19).

- ``no_unknown``: "wer zahlt eigentlich die zeche für den krieg in russland": a message with no
  word the texts lack (each theirs, or a thesaurus synonym of one) and three content words of
  their own (or a question word and a source it names), no mark of chat, is a question about
  them, answered as a weak match; its synonym ("Zeche" ~ Rechnung) no longer outweighs its own
  everyday words, and its specific words need not meet in few passages.
- ``then_now``: "früher waren eher die Ärzte sauer, heute sind es die Leute ganz unten":
  "heute" set against a former time or with a superlative is the world's present, no day of
  the meeting (before, "heute" made the message chat about the meeting).
- ``sentence_first``: a sentence of four words of the texts' own (known_sentence) is asked as
  such even when two of its specific words meet in many passages, where the co-occurrence
  rescue, which came first, emptied it.
- ``social_lead``: "danke! und was schreibt …?": a thank-you or a greeting that opens a question
  is its frame; the question after it is judged and searched alone (before, the formula made
  the whole message chat among the members).

Invented texts (not the seeds), each message run with the mechanism on (the bot's options) and
switched off; the reply tests run at the handler, on the seeds' services.
"""

from __future__ import annotations

import pytest
from helpers import send
from invented import FILLER, STRIKE_OPENING, one_text_engine

import bot.handlers  # noqa: F401  (registers every command)
from bot.core.search import SearchEngine, SearchOptions
from bot.core.search_lexicon import world_now
from bot.core.social import question_after_formula, social_formula
from bot.services import Services
from bot.texts import quotes as t

TOWN = [
    *STRIKE_OPENING,
    # 5: who pays (in everyday words: none rarer than Zipf 5 but "Rechnung")
    "Die Rechnung für den Krieg zahlen am Ende die Leute in der Stadt, nicht die Regierung.",
    "Die Regierung der Stadt spricht von Frieden und plant neue Steuern.",
]


def _answer(message: str, options: SearchOptions):
    engine: SearchEngine = one_text_engine(TOWN + FILLER, options)
    return engine.answer(message)


@pytest.mark.parametrize(
    "message",
    [
        "wer zahlt eigentlich die zeche für den krieg in der stadt",  # Zeche ~ Rechnung
        "wer zahlt in der stadt für den krieg",  # all words theirs, none rare
        "wer hat in der stadt die zeche für den krieg gezahlt",
    ],
)
def test_a_message_with_no_word_the_texts_lack_is_answered(message: str) -> None:
    answer = _answer(message, SearchOptions())
    assert answer.hits and answer.hits[0].passage.id == "streik:5"
    assert answer.weak  # "Ich bin nicht sicher, ob das passt"
    # off: its synonym or its commonness made it off-topic, the member got nothing
    assert _answer(message, SearchOptions().without("no_unknown")).hits == []


def test_a_lookup_of_words_with_no_word_the_texts_lack_is_answered() -> None:
    message = "krieg stadt zeche"  # words only: two of the texts' own suffice
    answer = _answer(message, SearchOptions())
    assert answer.hits and answer.hits[0].passage.id == "streik:5"
    assert _answer(message, SearchOptions().without("no_unknown")).hits == []
    assert _answer("krieg zeche", SearchOptions()).hits == []  # one: too few


@pytest.mark.parametrize(
    "message",
    [
        "wer zahlt die zeche für den krieg",  # two words of the texts' own: too few
        "wer zahlt die zeche beim fußball in der stadt",  # "Fußball": a word the texts lack
        "wer hat noch den schal von der garderobe",
    ],
)
def test_a_message_with_an_unknown_word_or_few_own_words_stays_empty(message: str) -> None:
    assert _answer(message, SearchOptions()).hits == []


BLOG = [
    *STRIKE_OPENING,
    "Am Ende bietet der Blog einen neuen Titel über die Pflege zum Kauf an.",
    # 6: "Think Tank" ~ Denkfabrik
    "Der Betriebsrat beruft sich auf eine Denkfabrik der Gewerkschaften.",
]


def _blog_answer(message: str, options: SearchOptions):
    engine = one_text_engine(
        BLOG + FILLER, options, slug="pflegeblog", title="Pflegeblog", aliases=("Pflegeblog",)
    )
    return engine.answer(message)


def test_a_question_about_a_named_source_in_its_synonyms_is_answered() -> None:
    message = "welcher think tank wird im pflegeblog zitiert"
    answer = _blog_answer(message, SearchOptions())
    assert answer.hits and answer.hits[0].passage.id == "pflegeblog:6"
    # off: "Think Tank" and "zitiert" are known only by synonyms, the message was off-topic
    assert _blog_answer(message, SearchOptions().without("no_unknown")).hits == []


@pytest.mark.parametrize(
    "message",
    [
        "welches buch vom pflegeblog lohnt sich",  # a book besides the text: no text noun
        "der pflegeblog hat doch auch ein buch geschrieben oder",  # no question word
        "gibts den pflegeblog auch als buch",
    ],
)
def test_chat_about_a_named_source_stays_empty(message: str) -> None:
    assert _blog_answer(message, SearchOptions()).hits == []


TALKS = [
    *STRIKE_OPENING,
    "Die Gewerkschaft und der Senat trafen sich im Rathaus.",
    "Die Gewerkschaft warf dem Senat Wortbruch vor.",
    "Der Senat nannte die Gewerkschaft unbelehrbar.",
    # 8: "Handschlag" ~ Händedruck
    "Der Händedruck von Gewerkschaft und Senat war ein Signal an die Stadt.",
]


@pytest.mark.parametrize(
    "message",
    [
        "handschlag gewerkschaft senat, was hat das laut streikblog bedeutet",
        "gewerkschaft senat handschlag, was heißt das laut streikblog",
    ],
)
def test_specific_words_that_meet_everywhere_are_asked_when_no_word_is_lacking(
    message: str,
) -> None:
    def answer(options: SearchOptions):
        engine = one_text_engine(TALKS + FILLER, options, aliases=("Streikblog",))
        return engine.answer(message)

    got = answer(SearchOptions())
    assert got.hits and got.hits[0].passage.id == "streik:8"
    # off: "Gewerkschaft" and "Senat" meet in too many passages to rescue it from "Handschlag"
    assert answer(SearchOptions().without("no_unknown")).hits == []


@pytest.mark.parametrize(
    "message",
    [
        "danke! und wer zahlt in der stadt für den krieg?",
        "danke dir. wer zahlt in der stadt für den krieg",
        "danke und was plant die regierung der stadt",
    ],
)
def test_a_question_after_thanks_is_answered(message: str) -> None:
    answer = _answer(message, SearchOptions())
    assert answer.hits and answer.hits[0].passage.id in {"streik:5", "streik:6"}
    # off: "danke" made the whole message chat among the members
    assert _answer(message, SearchOptions().without("social_lead")).hits == []


def test_thanks_with_chat_after_it_stays_chat() -> None:
    for message in ("danke! wer kommt am montag?", "danke fürs protokoll, super gemacht!"):
        assert _answer(message, SearchOptions()).hits == []


def test_question_after_formula() -> None:
    assert question_after_formula("Danke! Und was plant die Regierung?") == (
        " was plant die Regierung?"
    )
    assert question_after_formula("hallo zusammen, warum streiken die") == ", warum streiken die"
    assert question_after_formula("danke fürs protokoll, super gemacht!") is None
    assert question_after_formula("danke") is None
    assert question_after_formula("was plant die Regierung") is None  # no formula


def test_the_reply_to_thanks_and_a_question_answers_the_question(services: Services) -> None:
    message = "danke und was schreibt fazi über die sanktionen"
    assert social_formula(message) == "thanks"  # the formula alone would be thanked for
    engine = services.search
    bot_options = engine.options
    try:
        html = send(message, services).messages[0].html
        assert "<blockquote>" in html and t.SOCIAL_REPLIES["thanks"] not in html
        engine.options = bot_options.without("social_lead")
        # off: the message got the reply to thanks, no passage
        html = send(message, services).messages[0].html
        assert "<blockquote>" not in html
    finally:
        engine.options = bot_options
    # thanks alone still gets the reply in kind
    assert t.SOCIAL_REPLIES["thanks"] in send("danke dir!", services).messages[0].html


MOOD = [
    *STRIKE_OPENING,
    # 5: then and now
    "Vor dem Streik waren vor allem die Ärzte unzufrieden, inzwischen sind es die Pflegekräfte.",
    # 6: where most
    "Die Unzufriedenheit ist in den Vororten am größten, sagt der Betriebsrat.",
]


@pytest.mark.parametrize(
    ("message", "first"),
    [
        ("früher waren eher die ärzte sauer, heute sind es die leute ganz unten", "streik:5"),
        ("dass heute ganz andere leute unzufrieden sind als früher", None),  # answered at all
        ("wo ist die unzufriedenheit heute am größten", "streik:6"),
    ],
)
def test_heute_against_the_past_is_no_day_of_the_meeting(message: str, first: str | None) -> None:
    engine = one_text_engine(MOOD + FILLER)
    hits = engine.search(message)
    assert hits and first in (None, hits[0].passage.id)
    # off: "heute" made it chat about the meeting
    engine.options = SearchOptions().without("then_now")
    assert engine.search(message) == []


def test_heute_of_the_speaker_stays_chat() -> None:
    engine = one_text_engine(MOOD + FILLER)
    for message in (
        "wer kommt heute?",
        "können wir heute früher anfangen?",
        "hier schneit es seit heute früh",
        "wo treffen wir uns heute am besten",
    ):
        assert engine.search(message) == [], message


def test_world_now() -> None:
    assert world_now("früher die ärzte, heute die leute")
    assert world_now("dass heute andere sitzen als damals")
    assert world_now("dass er das von heute auf morgen abdreht")
    assert world_now("wo ist das heute am schlimmsten")
    assert not world_now("heute früher anfangen, damals gings auch")  # "heute früher": one clause
    assert not world_now("wir sehen uns heute am nächsten tisch")
    assert not world_now("früher war alles besser")  # no "heute"


@pytest.mark.parametrize(
    "message",
    [
        "die gewerkschaft und der senat trafen sich in der stadt ganz ohne schlichter moderator"
        " und notar",
        "die gewerkschaft und der senat trafen sich in der stadt, mit schlichter moderator und"
        " notar",
    ],
)
def test_a_sentence_in_the_texts_words_is_asked_where_its_words_meet_often(message: str) -> None:
    def answer(options: SearchOptions):
        return one_text_engine(TALKS + FILLER, options).answer(message)

    got = answer(SearchOptions())
    assert got.hits and got.hits[0].passage.id == "streik:5"  # "… trafen sich im Rathaus"
    # off: "Gewerkschaft" and "Senat" meet in too many passages, the rescue emptied it
    assert answer(SearchOptions().without("sentence_first")).hits == []
