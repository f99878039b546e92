"""On-topic messages that were answered with nothing (issue 11, round 22, empty22).

- ``locate_forms``: "die Stelle mit den Köchinnen, …", "der Absatz über …", "wo es heißt, …"
  ask where the texts say something, like "die Stelle, wo …" (locates): with a content word of
  the texts they get the closest passage as a weak match instead of nothing.
- ``prep_question``: "auf welcher Konferenz war der Pflegeblog dabei": a question word after a
  preposition makes a question with a question word, asked of the source it names.
- ``then_before``: "vor dem Streik waren eher die Ärzte sauer, heute die Pflegekräfte": a
  clause opened by a former time that says what was then, set against "heute", makes "heute"
  the world's present, like "früher" (then_now), not the day of the meeting.
- ``wonder_emoji``: "hab ich das richtig verstanden, dass …?? 😳": an emoji of wonder or thought
  is no laughter among the members (chat_marks), so it makes no chat with "ich".
- ``text_parts``: "warum schreibt der Pflegeblog schon im Vorspann, dass …": a part of a text
  (Vorspann, Einleitung …) says where a question about a named source asks, not what about.
- ``summing_phrases``: "worum geht es im Kern bei …": the noun of a summing phrase ("im Kern",
  "im Grunde", "unterm Strich") is the speaker's framing, no key word the texts lack.

Invented text (not the seeds), each message run with the mechanism on (the bot's options) and
switched off.
"""

from __future__ import annotations

import pytest
from invented import FILLER, STRIKE_OPENING, one_text_engine

from bot.core.search import SearchOptions
from bot.core.search_lexicon import chat_marks, locates, summing_phrases, w_question, world_now

STRIKE = [
    *STRIKE_OPENING,
    # 5: the one passage on the kitchen staff's night shifts
    "Die Köchinnen der Kantine arbeiten seit dem Frühjahr auch nachts, ohne Zuschlag.",
]


@pytest.mark.parametrize(
    "message",
    [
        "die stelle mit den köchinnen, die ackern bis zum umfallen",
        "der absatz über die köchinnen im hamsterrad, total verheizt",
        "wo es heißt, die köchinnen ackern bis zum umfallen",
    ],
)
def test_a_place_named_by_its_topic_gets_the_passage_of_its_known_word(message: str) -> None:
    engine = one_text_engine(STRIKE + FILLER, SearchOptions())
    answer = engine.answer(message)
    assert answer.hits and answer.hits[0].passage.id == "streik:5"
    assert answer.weak  # said as "Ich bin nicht sicher …", not as the answer
    # off: no frame that locates, and the words the texts lack made it off-topic
    engine.options = SearchOptions().without("locate_forms")
    assert engine.answer(message).hits == []


@pytest.mark.parametrize(
    "message",
    [
        "die stelle mit dem zirkuszelt und dem hamsterrad",  # no word of the texts
        "die köchinnen ackern bis zum umfallen, total verheizt",  # no frame: judged by words
    ],
)
def test_without_a_word_of_the_texts_or_the_frame_it_stays_empty(message: str) -> None:
    engine = one_text_engine(STRIKE + FILLER, SearchOptions())
    assert engine.answer(message).hits == []


def test_locates_more_forms() -> None:
    assert locates("die Stelle mit dem Handschlag, dass …", more=True)
    assert locates("der Absatz über die Sanktionen", more=True)
    assert locates("wo es heißt, die können nicht zurück", more=True)
    assert not locates("die Stelle mit dem Handschlag, dass …")
    assert not locates("ich hab ne stelle mit gutem gehalt gefunden", more=True)
    assert not locates("wo es hingeht, weiß keiner", more=True)


BLOG = [
    *STRIKE_OPENING,
    # 5: "Konferenz" ~ Tagung
    "Der Pflegeblog war im Herbst auf einer Tagung der Gewerkschaften vertreten.",
]


def _blog_answer(message: str, options: SearchOptions):
    engine = one_text_engine(
        BLOG + FILLER, options, slug="pflegeblog", title="Pflegeblog", aliases=("Pflegeblog",)
    )
    return engine.answer(message)


def test_a_question_word_after_a_preposition_asks_the_named_source() -> None:
    message = "auf welcher konferenz war der pflegeblog eigentlich dabei"
    answer = _blog_answer(message, SearchOptions())
    assert answer.hits and answer.hits[0].passage.id == "pflegeblog:5"
    # off: no question word opens it; "Konferenz", known only by a synonym, made it off-topic
    assert _blog_answer(message, SearchOptions().without("prep_question")).hits == []


def test_w_question_after_a_preposition() -> None:
    assert w_question("auf welcher Konferenz war das", prep=True)
    assert w_question("und in welchem Text stand das", prep=True)
    assert w_question("bei wem lag das", prep=True)
    assert not w_question("auf welcher Konferenz war das")
    assert not w_question("an was denkst du gerade", prep=True)  # colloquial "etwas"
    assert not w_question("auf dem Weg dahin war Stau", prep=True)


MOOD = [
    *STRIKE_OPENING,
    # 5: then and now
    "Vor dem Streik waren vor allem die Ärzte unzufrieden, inzwischen sind es die Pflegekräfte.",
]


def test_heute_against_a_former_time_is_no_day_of_the_meeting() -> None:
    message = "vor dem streik waren eher die chefärzte in den metropolen unzufrieden, heute sind es die kleinen leute"  # noqa: E501
    engine = one_text_engine(MOOD + FILLER)
    hits = engine.search(message)
    assert hits and hits[0].passage.id == "streik:5"
    # off: "heute" made it chat about the meeting
    engine.options = SearchOptions().without("then_before")
    assert engine.search(message) == []


def test_heute_of_the_speaker_after_vor_stays_chat() -> None:
    engine = one_text_engine(MOOD + FILLER)
    for message in (
        "vor dem treffen geh ich noch einkaufen, heute bin ich später da",
        "vor der tür waren noch die ärzte, heute kommen wir später",
        "vor dem essen noch schnell: heute fällt das treffen aus",
    ):
        assert engine.search(message) == [], message


def test_world_now_before() -> None:
    assert world_now("vor dem krieg waren die ärzte sauer, heute die leute", before=True)
    assert world_now("vor zehn jahren war das anders, heute nicht mehr", before=True)
    assert not world_now("vor dem krieg waren die ärzte sauer, heute die leute")
    assert not world_now("vor dem treffen geh ich einkaufen, heute später", before=True)
    assert not world_now("vor der tür war ein fahrrad, heute nicht", before=True)


def test_an_emoji_of_wonder_is_no_banter() -> None:
    message = (
        "hab ich das richtig verstanden dass die köchinnen nachts ohne zuschlag arbeiten?? 😳"
    )
    engine = one_text_engine(STRIKE + FILLER)
    hits = engine.search(message)
    assert hits and hits[0].passage.id == "streik:5"
    # off: the emoji was laughter, and with "ich" two marks of chat among the members
    engine.options = SearchOptions().without("wonder_emoji")
    assert engine.search(message) == []


def test_chat_with_an_emoji_of_wonder_stays_empty() -> None:
    engine = one_text_engine(STRIKE + FILLER)
    for message in ("kommt ihr heute? 🤔", "wer bringt montag kuchen mit 🤔"):
        assert engine.search(message) == [], message
    assert chat_marks("echt jetzt 😂", ["echt", "jetzt"], wonder=True) == {"laughter"}
    assert "laughter" not in chat_marks("echt jetzt 🤔", ["echt", "jetzt"], wonder=True)
    assert "laughter" in chat_marks("echt jetzt 🤔", ["echt", "jetzt"])


PEACE = [
    *STRIKE_OPENING,
    # 5: what the text says at its start
    "Gleich zu Beginn heißt es: Ein echter Frieden mit dem Senat ist nicht in Sicht.",
    *[
        f"Im {n}. Teil geht es um den Frieden in der Klinik und um {topic}."
        for n, topic in enumerate(
            ["Schichten", "Löhne", "Betten", "Dienste", "Pausen", "Kassen", "Träger", "Mittel"], 1
        )
    ],
]


def _peace_answer(message: str, options: SearchOptions):
    engine = one_text_engine(
        PEACE + FILLER, options, slug="pflegeblog", title="Pflegeblog", aliases=("Pflegeblog",)
    )
    return engine.answer(message)


@pytest.mark.parametrize(
    "message",
    [
        "warum schreibt der pflegeblog eigentlich schon im vorspann dass echter frieden nicht drin ist",  # noqa: E501
        "warum schreibt der pflegeblog in der einleitung dass echter frieden nicht drin ist",
    ],
)
def test_a_part_of_the_text_does_not_keep_a_question_from_its_source(message: str) -> None:
    answer = _peace_answer(message, SearchOptions())
    assert answer.hits and answer.hits[0].passage.id == "pflegeblog:5"
    assert answer.weak
    # off: "Vorspann", "Einleitung" are key nouns the texts lack, and it was off-topic
    assert _peace_answer(message, SearchOptions().without("text_parts")).hits == []


@pytest.mark.parametrize(
    "message",
    [
        "warum schreibt der pflegeblog im spiegel dass echter frieden nicht drin ist",
        "was schreibt der pflegeblog im podcast über frieden",
    ],
)
def test_another_medium_keeps_it_off_topic(message: str) -> None:
    assert _peace_answer(message, SearchOptions()).hits == []


@pytest.mark.parametrize(
    ("message", "first"),
    [
        ("worum geht es im kern bei den köchinnen", "streik:5"),
        ("worum gehts im kern bei dem ganzen streik", "streik:1"),
    ],
)
def test_a_summing_phrase_is_no_word_the_texts_lack(message: str, first: str) -> None:
    engine = one_text_engine(STRIKE + FILLER)
    hits = engine.search(message)
    assert hits and hits[0].passage.id == first
    # off: "Kern" was a key noun the texts lack, and the message off-topic
    engine.options = SearchOptions().without("summing_phrases")
    assert engine.search(message) == []


def test_kern_as_a_topic_stays_a_word() -> None:
    engine = one_text_engine(STRIKE + FILLER)
    assert engine.search("was ist der kern vom streik") == []  # no phrase: "Kern" is asked
    assert summing_phrases(["im", "kern", "der", "sache"]) == {1}
    assert summing_phrases(["der", "kern", "der", "sache"]) == set()
