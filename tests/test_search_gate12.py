"""Whether a message gets passages at all, judged by its sentence type (issue 11, eighth pass,
round 12, gate12): off-topic chat that names the texts' actors stays unanswered, questions
about the texts are still answered.

- ``news_asked``: a question for the latest news ("gibts eigentlich was Neues vom Senat zum
  Haushalt", "gibt es schon neue Zahlen …", "Neuigkeiten") is judged like a report of today's
  news: the texts are older than the chat, so it takes three specific words of theirs to make
  it a question about them. A question with "neu" that asks no news ("gibt es eine neue …"),
  or one that speaks of a text or names a source, is judged by its words as before.

Invented texts (not the seeds), each message run with the mechanism on (the bot's options) and
switched off.
"""

import pytest
from invented import FILLER, STRIKE_OPENING, one_text_engine

from bot.core.search import SearchEngine, SearchOptions
from bot.core.search_lexicon import asks_news

STRIKE = [
    *STRIKE_OPENING,
    "Das Land zahlt nicht, und der Senat schiebt die Verantwortung an die Kassen weiter.",
    "Der Streik ist nicht vorbei, sagt der Betriebsrat, solange die Löhne nicht steigen.",
]


def _engine(options: SearchOptions) -> SearchEngine:
    return one_text_engine(STRIKE + FILLER, options)


# --- news_asked: a question for the latest news is chat among the members ------------------


@pytest.mark.parametrize(
    "message",
    [
        "gibts eigentlich was neues vom senat zum haushalt",
        "gibt es schon neue zahlen zum haushalt vom senat?",
        "hey, gibt's Neuigkeiten vom Senat wegen dem Haushalt",
        "was gibts neues beim senat und dem haushalt",
    ],
)
def test_a_question_for_the_latest_news_gets_no_passages(message):
    answer = _engine(SearchOptions()).answer(message)
    assert answer.hits == [] and answer.organisational, message
    # off: "Senat" and "Haushalt" meet in a paragraph, and the question got that paragraph
    answer = _engine(SearchOptions(news_asked=False)).answer(message)
    assert answer.hits and answer.hits[0].passage.id == "streik:2", message


@pytest.mark.parametrize(
    "message",
    [
        "gibt es im text was neues zum haushalt vom senat",  # speaks of a text
        "gibts neuigkeiten zum haushalt vom senat in den texten",  # "Texten": dative plural
        "gibt es eine neue begründung vom senat für den haushalt",  # "neu", but asks no news
        "warum lehnt der senat neue löhne ab, wegen dem haushalt?",  # no "es gibt"
        "gibt es schon neue verhandlungen mit dem senat, laut autor",  # names the source
    ],
)
def test_a_question_about_the_text_with_neu_is_still_answered(message):
    for options in (SearchOptions(), SearchOptions(news_asked=False)):
        answer = _engine(options).answer(message)
        assert answer.hits, message
        assert answer.hits[0].passage.id in ("streik:2", "streik:3"), message


def test_the_news_question_sentence_type():
    assert asks_news("gibts eigentlich was neues zur heizungsreform")
    assert asks_news("und, gibt es schon neue umfragen?")
    assert asks_news("gibt es Neuigkeiten vom Betriebsrat")
    assert asks_news("was gibt's Neues von der Gewerkschaft")
    assert not asks_news("gibt es eine neue weltordnung")  # asks whether it exists
    assert not asks_news("russland gibt es neue waffen")  # "gibt" is not the clause's verb
    assert not asks_news("frohes neues euch allen")  # a wish, no "es gibt"
    assert not asks_news("was ist neu an dem angebot")


# --- clock_time: a time of day is the time of the meeting ----------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "wann geht es mit den verhandlungen los, 18 oder 18:30?",
        "verhandlungen am besten um 19:15, passt das?",
    ],
)
def test_a_time_of_day_makes_chat_about_the_meeting(message):
    answer = _engine(SearchOptions()).answer(message)
    assert answer.hits == [] and answer.organisational, message
    # off: the chat gets passages ("Im 18. Abschnitt …" for the hour, or the negotiations)
    answer = _engine(SearchOptions(clock_time=False)).answer(message)
    assert answer.hits and not answer.organisational, message


@pytest.mark.parametrize(
    "message",
    [
        "der senat lehnt höhere löhne ab, 3:1 stand es im ausschuss",  # a score, no time
        "wann begannen die verhandlungen mit dem senat, um 10:30?",  # two words of the texts
    ],
)
def test_a_score_or_a_question_about_the_text_with_a_time_is_still_answered(message):
    for options in (SearchOptions(), SearchOptions(clock_time=False)):
        answer = _engine(options).answer(message)
        assert answer.hits, message
        assert answer.hits[0].passage.id in ("streik:2", "streik:3"), message
