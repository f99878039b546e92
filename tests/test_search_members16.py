"""Questions about the texts that a member addresses to the others, or wraps in an apology or
a request, and the reply to chat among the members that is not about the meeting (issue 11,
round 16, members16).

- ``member_question``: "kann mir jemand erklären, was es mit der Limousine auf sich hatte",
  "sorry wenn ich nerve, aber warum wird Brandner zitiert": the address or the apology is a
  frame; the clause of the question holds a specific word of the texts (or a noun they have as
  the last part of a compound: "Senatslimousine") and no noun they lack, so it is a question
  about them, however few of their words it has. Chat among the members stays chat: a noun
  the texts lack in the question ("Heizungsgesetz"), the speaker's now ("heute schon wieder"),
  the members themselves asked ("wie fandet ihr …", "wer hat meinen …").
  An apology that opens the message ("Entschuldigung, aber …") is its frame, no key word.
- ``lacking_reason``: chat among the members with no word of the meeting that gets no
  passages ("habt ihr gesehen, macron hat schon wieder eine regierungskrise") names the noun
  the texts do not have themselves ("Regierungskrise", known only by its parts) instead of
  the meeting-chat reply ("Das klingt nach Absprachen zum Treffen …").

Engine tests on an invented text (not the seeds), each message run with the mechanism on (the
bot's options) and switched off; the reply test at the handler, on the seeds' services with an
invented message.
"""

from __future__ import annotations

import pytest
from helpers import send
from invented import FILLER, STRIKE_OPENING, one_text_engine

import bot.handlers  # noqa: F401  (registers every command)
from bot.core.search import SearchEngine, SearchOptions
from bot.core.search_lexicon import asked_clause, of_members
from bot.services import Services
from bot.texts import quotes as t

# Brandner and the Senatslimousine are named once each; the text is about the strike
STRIKE = [
    *STRIKE_OPENING,
    "Auf der Kundgebung zitierte die Gewerkschaft die Schriftstellerin Brandner.",
    "Der Senator fuhr in der Senatslimousine vor, die Streikenden pfiffen.",
    "Die Gewerkschaft wirft dem Senat vor, die Kliniken kaputtzusparen.",
    "Der Schlichter schlägt eine Einmalzahlung vor, der Senat zögert.",
]
BRANDNER, LIMOUSINE = "streik:5", "streik:6"

OFF = SearchOptions().without("member_question")


def _engine(options: SearchOptions) -> SearchEngine:
    # meeting chat on, as in the bot (one_text_engine keeps the options given)
    return one_text_engine(STRIKE + FILLER, options)


@pytest.mark.parametrize(
    ("message", "passage"),
    [
        ("sorry wenn ich nerve, aber warum wird Brandner eigentlich zitiert", BRANDNER),
        ("kann mir jemand erklären, was es mit der Limousine auf sich hatte", LIMOUSINE),
        ("hat jemand kapiert, was mit der Limousine gemeint ist", LIMOUSINE),
        ("weiß jemand warum die limousine erwähnt wird", LIMOUSINE),
    ],
)
def test_a_question_to_the_members_about_a_word_of_the_texts_is_answered(
    message: str, passage: str
) -> None:
    answer = _engine(SearchOptions()).answer(message)
    assert not answer.organisational
    assert answer.hits and answer.hits[0].passage.id == passage
    # off: the address makes it chat among the members, which one word of the texts does
    # not make a question about them
    got = _engine(OFF).answer(message)
    assert got.hits == [] and got.organisational


def test_an_apology_that_opens_the_message_is_no_word_it_asks_about() -> None:
    message = "Entschuldigung, aber was macht der Schlichter da eigentlich"
    answer = _engine(SearchOptions()).answer(message)
    assert answer.hits and answer.hits[0].passage.id == "streik:8"
    # off: "Entschuldigung" is a noun the texts lack, the key word of the message
    assert _engine(OFF).answer(message).hits == []


@pytest.mark.parametrize(
    "message",
    [
        "kann mir jemand erklären, was es mit dem neuen Heizungsgesetz auf sich hat",
        "wisst ihr, warum die Pflegekräfte heute schon wieder streiken",  # the speaker's now
        "wie fandet ihr eigentlich die Kundgebung",  # the members asked for their view
        "sorry, aber wer hat meinen Schirm von der Kundgebung mitgenommen",  # the speaker's own
        "kann mir jemand den Link zur Kundgebung schicken",  # no question word
        "wisst ihr, wann wir uns am Montag treffen",  # the meeting
    ],
)
def test_chat_among_the_members_stays_chat(message: str) -> None:
    for options in (SearchOptions(), OFF):
        answer = _engine(options).answer(message)
        assert answer.hits == [], (options.member_question, message)


def test_the_clause_of_the_question_is_found_and_its_persons_are_the_members():
    assert asked_clause("kann mir jemand erklären, was es mit der Limousine auf sich hatte") == [
        *"was es mit der limousine auf sich hatte".split()
    ]
    assert asked_clause("sorry, aber warum wird Brandner zitiert") == [
        *"warum wird brandner zitiert".split()
    ]
    assert asked_clause("weiß jemand warum das so war") == ["warum", "das", "so", "war"]
    assert asked_clause("hat wer was gepostet") == []  # "wer", "was" inside: jemand, etwas
    assert asked_clause("wer kann am Montag") == []  # a call for a volunteer
    assert of_members(["wie", "fandet", "ihr", "das"])
    assert of_members(["wer", "hat", "meinen", "schirm"]) is False  # ("meinen": also the verb)
    assert of_members(["wer", "hat", "mein", "buch"])
    assert not of_members(["warum", "hat", "die", "ukraine", "ihr", "land"])  # the possessive


def _reply(text: str, services: Services) -> list[str]:
    return [m.html for m in send(text, services).messages]


@pytest.mark.parametrize(
    ("message", "word"),
    [
        (
            "habt ihr gesehen, macron hat schon wieder eine regierungskrise, was meint ihr",
            "Regierungskrise",
        ),
        ("was haltet ihr eigentlich von der neuen Rentenreform", "Rentenreform"),
    ],
)
def test_chat_about_other_news_names_the_word_the_texts_lack(
    services: Services, message: str, word: str
) -> None:
    engine = services.search
    bot_options = engine.options
    try:
        html = _reply(message, services)
        assert len(html) == 1 and f"Zu „{word}“ steht in den Texten nichts" in html[0]
        assert html[0] != t.MEETING_CHAT
        engine.options = bot_options.without("lacking_reason")
        # off: the meeting-chat reply, which names the wrong reason
        assert _reply(message, services) == [t.MEETING_CHAT]
    finally:
        engine.options = bot_options


def test_chat_about_the_meeting_keeps_the_meeting_reply(services: Services) -> None:
    assert _reply("kann mir jemand bis Montag das protokoll schicken", services) == [
        t.MEETING_CHAT
    ]
