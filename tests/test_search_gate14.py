"""Whether a message gets passages at all, when its commoner words meet everywhere in the texts
(issue 11, round 14, gate14).

- ``rare_meeting``: "wo genau haben sich Trump und Putin in Alaska getroffen, war das ne
  Kaserne?": the texts' main actors meet in many passages, so their meeting alone is no
  evidence that a message with words the texts lack asks about them. But three specific words
  of the message that meet in few passages, one of them a dictionary word the texts have in
  few passages themselves ("Alaska", "Widerspruch"), are: a sentence with no mark of chat is
  answered as a weak match. Not a list of words, a message with a mark of chat, or a meeting
  whose rare word is a person's name.
- ``part_forms``: "der US-Apparat macht sein eigenes Ding", "Streit über den Kurs": a noun the
  texts have only as a part of their compounds, in another form ("Staatsapparats",
  "Kriegskurs", "Wochenzeitung" for "Zeitungen"), is partly known to them (like the last part
  of an unknown compound), not a key word they lack.

Invented texts (not the seeds), each message run with the mechanism on (the bot's options) and
switched off.
"""

import pytest
from invented import FILLER, STRIKE_OPENING, one_text_engine

from bot.core.search import SearchEngine, SearchOptions

# "Senat" and "Gewerkschaft" meet in half the passages (the texts' main actors); the
# "Schlichter" meets them in one
STRIKE = [
    *STRIKE_OPENING,
    "Der Senat und die Gewerkschaft streiten seit Wochen über die Löhne.",
    "Die Gewerkschaft wirft dem Senat vor, die Kliniken kaputtzusparen.",
    "Der Senat nennt die Forderungen der Gewerkschaft unbezahlbar.",
    "Im Rathaus trafen sich Senat und Gewerkschaft mit dem Schlichter, Senatorin Kowalski "
    "blieb fern.",
    "Gewerkschaft und Senat wollen nächste Woche wieder reden.",
    "Der Schlichter schlägt eine Einmalzahlung vor.",
    *[
        f"Zum Thema {topic} sagen Senat und Gewerkschaft wenig Neues."
        for topic in (
            "Haushalt",
            "Tarif",
            "Personal",
            "Bettenplan",
            "Notdienst",
            "Zeitplan",
            "Urlaub",
            "Schichtdienst",
            "Zuschlag",
            "Fahrgeld",
            "Bonus",
            "Wahltermin",
        )
    ],  # fmt: skip
]
MEETING = "streik:8"  # the Rathaus paragraph

# (sentence_first off too: four words of the texts' own answer the message by that as well)
OFF = SearchOptions().without("rare_meeting").without("sentence_first")


def _engine(options: SearchOptions) -> SearchEngine:
    return one_text_engine(STRIKE + FILLER, options)


@pytest.mark.parametrize(
    "message",
    [
        "wo genau haben sich senat und gewerkschaft mit dem schlichter getroffen, war das ne "
        "kaserne oder ne turnhalle?",
        "senat und gewerkschaft haben sich mit dem schlichter in ner kaserne oder turnhalle "
        "getroffen",
    ],
)
def test_a_rare_word_meeting_the_main_actors_makes_a_question(message: str) -> None:
    answer = _engine(SearchOptions()).answer(message)
    assert answer.hits and answer.hits[0].passage.id == MEETING
    assert answer.weak  # a weak match: the words the texts lack outweigh
    # off: "Senat" and "Gewerkschaft" meet in too many passages to say anything
    assert _engine(OFF).answer(message).hits == []


@pytest.mark.parametrize(
    "message",
    [
        # a list of words says nothing about them
        "senat gewerkschaft schlichter kaserne turnhalle",
        # a mark of chat among the members ("diesmal": the speaker's time)
        "senat und gewerkschaft haben sich diesmal mit dem schlichter in ner kaserne oder "
        "turnhalle getroffen",
        # the rarer word is a person's name: who, not what
        "wo genau haben sich senat und gewerkschaft mit kowalski getroffen, war das ne kaserne "
        "oder ne turnhalle?",
    ],
)
def test_no_rescue_for_a_list_chat_or_a_cast_of_names(message: str) -> None:
    for options in (SearchOptions(), OFF):
        assert _engine(options).answer(message).hits == [], (options == OFF, message)


def test_the_main_actors_alone_still_make_no_question() -> None:
    message = "wo haben sich senat und gewerkschaft getroffen, war das ne kaserne oder turnhalle?"
    for options in (SearchOptions(), OFF):
        assert _engine(options).answer(message).hits == [], options == OFF


# -- part_forms ---------------------------------------------------------------------------

PARTS = [
    *STRIKE_OPENING,
    "Die Macht des Verwaltungsapparats im Senat wächst mit jedem Streiktag.",
    "Der Senat hält am Sparkurs fest, die Kliniken sollen Betten abbauen.",
    "Der Betriebsrat ist die Schlüsselfigur des Streiks.",
    "Die Wochenzeitung der Gewerkschaft berichtet über die Löhne.",
]
NO_PARTS = SearchOptions().without("part_forms")


@pytest.mark.parametrize(
    ("message", "expect"),
    [
        # "Apparat": the texts have "Verwaltungsapparats", the word with an inflection ending
        ("warum wird der apparat im senat immer größer", "streik:5"),
        # "Kurs", a short word: "Sparkurs"
        ("warum ändert der senat seinen kurs nicht", "streik:6"),
        # "Zeitungen": its dictionary form "Zeitung" ends "Wochenzeitung"
        ("was schreiben die zeitungen zu den löhnen", "streik:8"),
    ],
)
def test_a_noun_the_texts_have_in_their_compounds_is_no_key_word_they_lack(
    message: str, expect: str
) -> None:
    hits = one_text_engine(PARTS + FILLER, SearchOptions()).answer(message).hits
    assert hits and hits[0].passage.id == expect
    # off: "Apparat", "Kurs", "Zeitungen" are key words the texts lack, like "Corona"
    assert one_text_engine(PARTS + FILLER, NO_PARTS).answer(message).hits == []


@pytest.mark.parametrize(
    "message",
    [
        "wer hat den apparat im büro kaputt gemacht",
        # "Figuren" is partly known ("Schlüsselfigur"), "Lego" not at all
        "senat betriebsrat lego figuren",
    ],
)
def test_a_part_of_the_texts_compounds_does_not_carry_chat(message: str) -> None:
    for options in (SearchOptions(), NO_PARTS):
        assert one_text_engine(PARTS + FILLER, options).answer(message).hits == []
