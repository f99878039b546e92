"""Ordinary chat among the members that names words of the texts (issue 11, round 17, chat17).

- ``group_plan``: a proposal or a plan of the group ("lesen wir danach mal was über …",
  "sollten wir nicht mal was zum … lesen", "vorschlag: … mal was zur … lesen", "wer hat Lust,
  … zu gehen") is chat about the meeting: it takes many specific words of the texts to make
  it a question about them. "hatten wir das im Protokoll" (an auxiliary of tense) and "wenn
  wir …" propose nothing.
- ``wish_formulas``: a message that opens with a wish formula ("frohes neues Jahr", "schöne
  Feiertage", "alles Gute") is chat among the members like "gute Nacht".
- ``calendar_time``: a week or a month of the speaker's calendar ("ist ja nächste Woche",
  "letzte Woche") is chat among the members about their own time; the texts are older.

Engine tests on an invented text (not the seeds), each message run with the mechanism on (the
bot's options) and switched off; the reply tests at the handler, on the seeds' services with
invented messages.
"""

from __future__ import annotations

import pytest
from helpers import send
from invented import FILLER, STRIKE_OPENING, one_text_engine

import bot.handlers  # noqa: F401  (registers every command)
from bot.core.search import SearchEngine, SearchOptions
from bot.core.search_lexicon import opens_with_wish, proposes, speakers_calendar
from bot.core.text import words
from bot.services import Services
from bot.texts import quotes as t

STRIKE = [
    *STRIKE_OPENING,
    "Auf der Kundgebung zitierte die Gewerkschaft die Schriftstellerin Brandner.",
    "Die Gewerkschaft wirft dem Senat vor, die Kliniken kaputtzusparen.",
    "Der Schlichter schlägt eine Einmalzahlung vor, der Senat zögert.",
]


def _engine(options: SearchOptions) -> SearchEngine:
    return one_text_engine(STRIKE + FILLER, options)


@pytest.mark.parametrize(
    ("switch", "message"),
    [
        ("group_plan", "lesen wir danach mal was über die Kliniken und den Senat"),
        ("group_plan", "sollten wir nicht mal was zum Schlichter lesen"),
        ("group_plan", "vorschlag: nach dem Streik-Text mal was zur Einmalzahlung lesen"),
        ("group_plan", "was lesen wir nach dem Text über den Tarifvertrag"),
        ("group_plan", "wer hat Lust, mit den Pflegekräften zur Kundgebung am Senat zu gehen"),
        ("wish_formulas", "frohes neues Jahr an die Pflegekräfte der Kliniken"),
        ("calendar_time", "die Verhandlungen mit dem Senat sind ja nächste Woche, wird nix"),
    ],
)
def test_chat_among_the_members_gets_no_passages(switch: str, message: str) -> None:
    answer = _engine(SearchOptions()).answer(message)
    assert answer.hits == [] and answer.organisational
    # off: the words of the texts it names get it passages (title_names off too: "Streik-Text"
    # names the invented text "Streik" by its title, and a reading's name is no topic of it)
    off = _engine(SearchOptions().without(switch).without("title_names")).answer(message)
    assert off.hits and not off.organisational


@pytest.mark.parametrize(
    "message",
    [
        "was hatten wir zum Schlichter und der Einmalzahlung gesagt",  # recalls the meeting
        "warum zögert der Senat bei der Einmalzahlung",
        "wenn wir die Kliniken kaputtsparen, zögert dann der Senat",  # "wenn wir": no plan
        "was schlägt der Schlichter nächstes Mal vor",  # the meeting's next time: no calendar
        "wie sollen wir das verstehen mit der Einmalzahlung vom Schlichter",  # understanding
        "müssen wir davon ausgehen, dass der Senat bei der Einmalzahlung zögert",  # a claim
        "gute Frage, warum zögert der Senat bei der Einmalzahlung",  # a wish asks nothing
        # the speaker's week, and a question about a text
        "letzte Woche ging es um den Schlichter, was steht im Text zur Einmalzahlung",
    ],
)
def test_questions_about_the_texts_keep_their_passages(message: str) -> None:
    off = SearchOptions(group_plan=False, wish_formulas=False, calendar_time=False)
    for options in (SearchOptions(), off):
        assert _engine(options).answer(message).hits, message


def test_proposals_wishes_and_the_speakers_calendar_are_recognised() -> None:
    assert proposes("lesen wir danach eigentlich mal was zu China?")
    assert proposes("können wir nächstes mal pizza bestellen")
    assert proposes("vorschlag: nach dem Text mal was zur Lage in Gaza lesen, was meint ihr")
    assert proposes("hat jemand Lust, danach noch was trinken zu gehen")
    assert not proposes("was haben wir dazu im Protokoll")  # an auxiliary of tense
    assert not proposes("wo hatten wir das nochmal")
    assert not proposes("wenn wir hier aufrüsten, werden wir autoritär")
    assert not proposes("wie soll man das lesen")  # no plan: how to read a text
    assert not proposes("wie sollen wir das verstehen mit der multipolaren Welt")
    assert not proposes("was lernen wir aus dem Vergleich mit München")
    assert not proposes("können wir davon ausgehen, dass Putin blufft")
    assert not proposes("Putin hat keine Lust auf Frieden")  # nobody invited
    assert opens_with_wish(words("Frohes neues Jahr allerseits"))
    assert opens_with_wish(words("schöne Feiertage euch"))
    assert opens_with_wish(words("alles Gute zum Geburtstag"))
    assert not opens_with_wish(words("was ist das Gute an den Verhandlungen"))
    assert not opens_with_wish(words("schön"))
    assert speakers_calendar(words("der Gipfel ist ja nächste Woche"))
    assert speakers_calendar(words("wer war der Neue letzte Woche"))
    assert not speakers_calendar(words("was ist nächstes Mal Thema"))
    assert not speakers_calendar(words("die Woche der Verhandlungen"))


def _reply(text: str, services: Services) -> list[str]:
    return [m.html for m in send(text, services).messages]


@pytest.mark.parametrize(
    ("switch", "message", "reply"),
    [
        ("group_plan", "lesen wir nach dem Europa-Text mal was zu China?", t.MEETING_CHAT),
        (
            "wish_formulas",
            "frohes neues Jahr allerseits und viel Kraft für die Friedensbewegung",
            t.SOCIAL_REPLIES["wish"],  # a wish is answered in kind (bot.core.social)
        ),
    ],
)
def test_plans_and_wishes_get_no_passages(
    services: Services, switch: str, message: str, reply: str
) -> None:
    engine = services.search
    bot_options = engine.options
    try:
        assert _reply(message, services) == [reply]
        engine.options = bot_options.without(switch)
        # off: passages of the texts, as if it asked about them
        assert _reply(message, services) != [reply]
        assert "Textstellen" in _reply(message, services)[0]
    finally:
        engine.options = bot_options


def test_news_of_the_speakers_week_names_the_word_the_texts_lack(services: Services) -> None:
    message = "der NATO-Gipfel ist ja nächste Woche, wird bestimmt wieder ne Großdemo in der Stadt"
    engine = services.search
    bot_options = engine.options
    try:
        html = _reply(message, services)
        assert len(html) == 1 and "Zu „Großdemo“ steht in den Texten nichts" in html[0]
        engine.options = bot_options.without("calendar_time")
        # off: a weak match with passages about the texts' summit
        assert "Textstellen" in _reply(message, services)[0]
    finally:
        engine.options = bot_options
