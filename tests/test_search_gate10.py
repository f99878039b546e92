"""Whether a message gets passages at all, judged by the marks of chat among the members it
carries (issue 11, seventh pass, round 10, gate10): ``SearchOptions.chat_marks``.

- Two kinds of marks at once (the speaker's time, the first person, the members addressed,
  laughter, a word of the meeting, a request) make a message chat among the members unless it
  asks about a text (a question word, direct or indirect, or a source named, and a word that
  speaks of a text); like today's news, only three specific words of the texts make it a
  question about them ("kommt ihr morgen mit zum Streik vor dem Senat?" names two).
- Laughter or an emoji, a request or an apology ("bitte", "sorry") alone make it chat among
  the members, judged like a message addressed to them: two specific words of the texts make
  it a question about them.
- A meeting in the past is what the protocol reports: "hat in der Sitzung jemand bezweifelt,
  dass …" carries no mark of the meeting.

Invented texts (not the seeds), each message run with the mechanism on (the bot's options) and
switched off.
"""

import pytest
from invented import FILLER, STRIKE_OPENING, one_text_engine

from bot.core.search import SearchEngine, SearchOptions
from bot.core.search_lexicon import chat_marks, indirect_question
from bot.core.text import words

STRIKE = [
    *STRIKE_OPENING,
    "Das Land zahlt nicht, und der Senat schiebt die Verantwortung an die Kassen weiter.",
    "Der Streik ist nicht vorbei, sagt der Betriebsrat, solange die Löhne nicht steigen.",
]


def _engine(options: SearchOptions) -> SearchEngine:
    return one_text_engine(STRIKE + FILLER, options)


def _marks(text: str) -> set[str]:
    return chat_marks(text, words(text))


@pytest.mark.parametrize(
    "message",
    [
        "kommt ihr morgen mit zum streik vor dem senat?",  # the members, the speaker's time
        "wann ist der nächste streik beim senat, weiß das wer",  # time, "wer" for "jemand"
        "ich geh morgen zum streik vor dem senat, kommt wer mit",  # the speaker, time, members
        # a word that speaks of a text ("gelesen") in a statement, not a question about it
        "hab grad gelesen dass der senat den streik verbietet",
    ],
)
def test_chat_with_two_kinds_of_marks_gets_no_passages_for_two_words_of_the_texts(message):
    answer = _engine(SearchOptions()).answer(message)
    assert answer.hits == [] and answer.organisational
    # off: "Streik" and "Senat" meet in a paragraph, which the plan got as an answer
    answer = _engine(SearchOptions(chat_marks=False)).answer(message)
    assert answer.hits and answer.hits[0].passage.id == "streik:1"


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        # marks of chat, but a word that speaks of the text ("stand")
        ("wo stand das nochmal, dass der senat die löhne ablehnt, ich finds grad nicht", 2),
        ("kann mir bitte jemand erklären warum der senat die löhne ablehnt", 2),
        # an indirect question after a word that speaks of a text ("erklären, was …")
        ("kann mir bitte jemand erklären was der betriebsrat mit dem tarifvertrag meint", 4),
        ("warum lehnt der senat die löhne ab haha", 2),  # three specific words
        # a past meeting is the protocol's: no mark of chat about the meeting
        ("hat in der sitzung jemand bezweifelt dass der senat die kliniken finanziert", 3),
    ],
)
def test_questions_about_the_text_with_marks_of_chat_are_still_answered(message, expected):
    for options in (SearchOptions(), SearchOptions(chat_marks=False)):
        answer = _engine(options).answer(message)
        assert answer.hits and answer.hits[0].passage.id == f"streik:{expected}", message


@pytest.mark.parametrize(
    "message",
    [
        "der streik ist echt ewig lang haha",
        "die pflegekräfte tun mir leid 😄",
        "bitte denkt an die streikkasse",
    ],
)
def test_laughter_or_a_request_alone_makes_chat_among_the_members(message):
    answer = _engine(SearchOptions()).answer(message)
    assert answer.hits == [] and answer.organisational
    # off: one word of the texts ("Streik", "Pflegekräfte") was enough for a passage
    assert _engine(SearchOptions(chat_marks=False)).answer(message).hits


def test_the_kinds_of_marks():
    assert _marks("ich komme heute später") == {"self", "time"}
    assert _marks("habt ihr das protokoll schon gesehen 😄") == {"members", "laughter"}
    assert _marks("sorry, ich hab den text nicht geschafft") == {"request", "self"}
    assert _marks("was schreibt der betriebsrat über die löhne") == set()
    # the meeting now is chat about it; a meeting in the past is the protocol's
    assert _marks("kommt in der sitzung jemand mit") == {"members", "meeting"}
    assert _marks("hat in der sitzung jemand bezweifelt, dass der senat pleite ist") == {"members"}
    # "schon wieder": the event recurs now
    assert _marks("der senat hat schon wieder abgelehnt") == {"time"}
    # "meinen" is the verb as often as the possessive: no mark of the speaker
    assert _marks("die pflegekräfte meinen das ernst, sagt unser betriebsrat") == {"members"}


def test_an_indirect_question_after_a_word_of_a_text():
    assert indirect_question(words("kann mir jemand erklären was der betriebsrat meint"))
    assert indirect_question(words("hat jemand gesagt, warum der senat ablehnt"))
    assert not indirect_question(words("kann jemand die texte für alle ausdrucken"))
    assert not indirect_question(words("hab grad gelesen dass der senat ablehnt"))
