"""Whether a message gets passages at all, judged by its sentence type (issue 11, sixth pass,
round 9, gate9): chat among the members that names the texts' actors stays unanswered,
questions and retellings of the texts are still answered.

- ``news``: a report of today's news ("der Senat hat gerade neue Sparpläne angekündigt") is
  chat among the members; the texts are older than today, so only three specific words of
  theirs make it a question about them.
- ``status``: a message that opens with the first person and asks nothing ("mein Auto ist
  kaputt, …") is a status or a plan, chat among the members; an opinion or a question about
  the texts that opens with "ich" is not.
- ``source_question``: a question with a question word that names a source and speaks of it
  as a text ("warum hinkt das laut dem Betriebsblog-Artikel") asks about it: answered as a
  weak match where a word it lacks would have made it off-topic; not where that word is a
  noun or the topic after "zu"/"über" ("was sagt der Betriebsblog zu Corona").
- ``past_weekday``: a weekday the texts name, in a report of past events by others ("was
  haben die am Montag mit dem Senat verhandelt"), is a day of the texts' events, not of the
  meeting; in the present, with "wir", or a weekday the texts never name, it stays meeting chat.
- ``retelling``: a statement about others with its verb second and no mark of chat ("der Senat
  sitzt auf der Kohle und rückt nix raus") retells a text: with one specific word of the texts
  it is answered as a weak match where its colloquial words would have made it off-topic; the
  same words as a question, with a tag, laughter, the first person or today's time are not.

Invented texts (not the seeds), each message run with the mechanism on (the bot's options) and
switched off.
"""

import pytest
from invented import FILLER, STRIKE_OPENING, one_text_engine

from bot.core.search import SearchEngine, SearchOptions
from bot.core.search_lexicon import (
    past_report,
    reports_news,
    retelling,
    speaks_of_self,
    speaks_of_text,
    w_question,
)

STRIKE = [
    *STRIKE_OPENING,
    "Das Land zahlt nicht, und der Senat schiebt die Verantwortung an die Kassen weiter.",
    "Der Streik ist nicht vorbei, sagt der Betriebsrat, solange die Löhne nicht steigen.",
]


def _engine(options: SearchOptions) -> SearchEngine:
    return one_text_engine(STRIKE + FILLER, options)


# --- news: a report of today's news is chat among the members ------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "der senat hat heute wieder was zum haushalt gesagt",
        "lol der senat hat schon wieder was über den haushalt gepostet",
    ],
)
def test_todays_news_that_names_the_texts_actors_gets_no_passages(message):
    answer = _engine(SearchOptions()).answer(message)
    assert answer.hits == [] and answer.organisational
    # off: "Senat" and "Haushalt" meet in a paragraph, and the news got that paragraph (with
    # chat_marks off too: "lol" and "schon wieder" mark chat needing three words of the texts)
    answer = _engine(SearchOptions(news=False, chat_marks=False)).answer(message)
    assert answer.hits and answer.hits[0].passage.id == "streik:2"


@pytest.mark.parametrize(
    "message",
    [
        "warum hat der senat gerade die löhne abgelehnt",  # a question, "gerade" or not
        "der senat hat eben kein geld für höhere löhne",  # "eben" a particle, no perfect
        "die gewerkschaft hat schon wieder die pflegekräfte der kliniken zum streik aufgerufen",
    ],
)
def test_a_question_or_a_retelling_with_a_time_word_is_still_answered(message):
    for options in (SearchOptions(), SearchOptions(news=False)):
        answer = _engine(options).answer(message)
        assert answer.hits, message
        assert answer.hits[0].passage.id in ("streik:1", "streik:2")


def test_the_news_sentence_type():
    assert reports_news("trump hat gerade neue zölle angekündigt, wird immer absurder")
    assert reports_news("putin hat heute irgendwas gesagt, hat das wer gesehen")
    # a question, a subordinate clause, no perfect, no time of the speaker's now
    assert not reports_news("was hat trump heute gesagt")
    assert not reports_news("die europäer haben angst, dass er von heute auf morgen aussteigt")
    assert not reports_news("die europäer haben heute kaum noch einfluss")
    assert not reports_news("trump hat in alaska putin empfangen")


# --- status: a first-person status or plan is chat among the members ------------------------


@pytest.mark.parametrize(
    "message",
    [
        "meine katze ist krank, die verhandlungen mit dem senat lasse ich sausen",
        "mein auto ist kaputt, ich komme nicht zu den verhandlungen mit dem senat",
    ],
)
def test_a_first_person_status_that_names_the_texts_words_gets_no_passages(message):
    answer = _engine(SearchOptions()).answer(message)
    assert answer.hits == [] and answer.organisational
    # off: "Verhandlungen" and "Senat" meet in a paragraph, and the status got it
    answer = _engine(SearchOptions(status=False)).answer(message)
    assert answer.hits and answer.hits[0].passage.id == "streik:3"


def test_an_opinion_about_the_texts_in_the_first_person_is_still_answered():
    message = "ich finde der senat macht es sich mit dem haushalt zu leicht"
    answer = _engine(SearchOptions()).answer(message)
    assert answer.hits and answer.hits[0].passage.id == "streik:2"


def test_the_status_sentence_type():
    assert speaks_of_self("mein akku ist gleich leer, meld mich später")
    assert speaks_of_self("ich bring am montag kuchen mit")
    # an opinion, an understanding, a question: about the texts
    assert not speaks_of_self("ich glaube die gewerkschaft will mehr")
    assert not speaks_of_self("ich hab nicht verstanden, warum der senat nicht zahlt")
    assert not speaks_of_self("mein eindruck ist, dass der senat blufft")
    assert not speaks_of_self("ich würde gern wissen was der betriebsrat sagt")
    assert not speaks_of_self("hat der senat recht, ich weiß es nicht")


# --- source_question: a question about a source named as a text -----------------------------


def _blog(options: SearchOptions) -> SearchEngine:
    return one_text_engine(
        STRIKE + FILLER, options, title="Der lange Streik", aliases=("Betriebsblog",)
    )


def test_a_question_about_a_named_text_is_answered_as_a_weak_match():
    message = "warum hinkt das mit dem land laut dem betriebsblog artikel"
    answer = _blog(SearchOptions()).answer(message)
    assert answer.weak and [h.passage.id for h in answer.hits] == ["streik:5"]
    # off: "hinkt" is a word the text lacks, its other words are everyday German
    answer = _blog(SearchOptions(source_question=False)).answer(message)
    assert answer.hits == [] and answer.empty == "off-topic"


@pytest.mark.parametrize(
    ("message", "missing"),
    [
        ("was sagt der betriebsblog zu corona", ["corona"]),
        ("wie findet der betriebsblog artikel den neuen papst", ["papst"]),
    ],
)
def test_a_question_about_a_topic_the_named_text_lacks_stays_unanswered(message, missing):
    answer = _blog(SearchOptions()).answer(message)
    assert answer.hits == [] and answer.missing == missing  # the reply names the word


def test_the_source_question_sentence_type():
    assert w_question("mal ehrlich, warum hinkt der vergleich")
    assert w_question("der artikel, wo stand das")
    assert not w_question("gibts die zeitung auch auf papier")  # yes/no
    assert not w_question("wer will eins mitbestellen")  # a call for a volunteer
    assert speaks_of_text("was schreibt sie")  # "schreiben" by its dictionary form
    assert speaks_of_text("laut dem artikel")
    assert not speaks_of_text("wo kann man das heft kaufen")


# --- past_weekday: the texts' Monday in a report of the past ----------------------------------


def test_a_weekday_of_the_texts_in_a_past_report_is_a_question_about_them():
    message = "was haben die am montag mit dem senat verhandelt"  # the text: "Am Montag …"
    answer = _engine(SearchOptions()).answer(message)
    assert not answer.organisational and answer.hits[0].passage.id == "streik:3"
    # off: "Montag" makes it chat about the meeting, and one specific word cannot outvote it
    answer = _engine(SearchOptions(past_weekday=False)).answer(message)
    assert answer.organisational and answer.hits == []


@pytest.mark.parametrize(
    "message",
    [
        "was machen die am montag mit dem senat",  # the present: the meeting's Monday
        "was haben wir am montag mit dem senat verhandelt",  # the members' own Monday
        "was haben die am freitag mit dem senat verhandelt",  # a day the text never names
    ],
)
def test_a_weekday_of_the_meeting_stays_meeting_chat(message):
    answer = _engine(SearchOptions()).answer(message)
    assert answer.organisational and answer.hits == []


def test_the_past_report_sentence_type():
    assert past_report("worum ging die debatte am montag")  # simple past of a strong verb
    assert past_report("die haben das am montag ausgeklammert")  # perfect
    assert past_report("am montag sagten sie nichts")  # simple past of a weak verb
    assert not past_report("können wir montag später anfangen")
    assert not past_report("wer hat meinen schirm mitgenommen letzten montag")  # a member's


# --- retelling: a bare statement about others retells a text ---------------------------------


def test_a_retelling_in_everyday_words_is_answered_as_a_weak_match():
    message = "der senat sitzt auf der kohle und rückt nix raus"
    answer = _engine(SearchOptions()).answer(message)
    assert answer.weak and answer.hits[0].passage.id == "streik:5"  # "Das Land zahlt nicht"
    # off: "Kohle", "rückt", "nix" outweigh "Senat", the one specific word of the text
    answer = _engine(SearchOptions(retelling=False)).answer(message)
    assert answer.hits == [] and answer.empty == "off-topic"


@pytest.mark.parametrize(
    "message",
    [
        "sitzt der senat eigentlich auf der kohle und rückt nix raus",  # a yes/no question
        "der senat sitzt auf der kohle und rückt nix raus, oder",  # a tag question
        "lol der senat sitzt auf der kohle und rückt nix raus",  # laughter
        "der senat sitzt schon wieder auf der kohle und rückt nix raus",  # today's news
        "die mieten in der stadt sind total explodiert",  # no specific word of the text
        "die kassen sitzen auf der kohle und rücken nix raus",  # "Kassen": once in the text
    ],
)
def test_chat_with_the_same_words_is_no_retelling(message):
    answer = _engine(SearchOptions()).answer(message)
    assert answer.hits == []


def test_the_retelling_sentence_type():
    assert retelling("putin redet so als wär das ein naturgesetz der geschichte")
    assert retelling("mit dem handschlag hat trump zugegeben dass russland kein schurke ist")
    assert not retelling("gibts da eigentlich parkplätze vorm haus")  # verb first
    assert not retelling("bitte denkt an die beiträge für januar")  # a request
    assert not retelling("nächsten monat ist doch gipfel, gibts da proteste")  # the future
    assert not retelling("wir treffen uns dann wie immer im café")  # the members
    assert not retelling("trump zölle kanada mexiko")  # no statement: too short, no verb
