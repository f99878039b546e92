"""Whether a message gets passages at all (issue 11, fifth pass, gate7): chat about other things
stays unanswered, questions about the texts are still answered.

- ``unknown_focus``: a noun the texts lack is what the message is about, however common it is in
  German ("Berlin"): its commonness lowers its weight at most to UNKNOWN_FOCUS, so one specific
  word of the texts no longer outweighs it.
- ``chat_idioms``: in chat about the meeting, the words of an idiom ("nach hinten schieben") are
  wording, not specific words of the texts that would make the chat a question about them.

Invented texts (not the seeds), each message run with the mechanism on (the bot's options) and
switched off.
"""

from invented import FILLER, STRIKE_OPENING, one_text_engine

from bot.core.search import SearchEngine, SearchOptions

STRIKE = [
    *STRIKE_OPENING,
    "Die nächste Ausgabe des Rundbriefs erscheint am 26. und berichtet vom Streik.",
    "Ich hab eine Stunde vor der Schicht hinten im Altbau gewartet, sagt eine Pflegerin.",
    "Wer soll das bezahlen? Der Betriebsrat verlangt, dass die Kassen einspringen.",
]


def _engine(options: SearchOptions) -> SearchEngine:
    return one_text_engine(STRIKE + FILLER, options)


# --- unknown_focus: a common noun the texts lack is a key word ------------------------------


def test_a_common_noun_the_texts_lack_keeps_chat_unanswered():
    message = "gibt es in berlin auch einen streik"
    answer = _engine(SearchOptions()).answer(message)
    assert answer.hits == []
    assert answer.missing == ["berlin"]  # the reply names the word the texts lack
    # off: "Berlin" is so common in German that it weighed little, and "Streik" answered it
    answer = _engine(SearchOptions(unknown_focus=False)).answer(message)
    assert answer.hits and answer.hits[0].passage.id == "streik:1"


def test_a_question_in_the_texts_words_is_still_answered():
    answer = _engine(SearchOptions()).answer("warum streiken die pflegekräfte der kliniken")
    assert answer.hits and answer.hits[0].passage.id == "streik:1"


# --- chat_idioms: an idiom in meeting chat is wording -----------------------------------------


def test_an_idiom_in_meeting_chat_does_not_make_it_a_question():
    # "hinten" and "Schicht" are words of the texts (the Pflegerin's paragraph), but "nach
    # hinten schieben" is an idiom: only "Schicht" is left, and the message stays meeting chat
    message = "können wir das treffen eine stunde nach hinten schieben, hab bis 19 uhr schicht"
    answer = _engine(SearchOptions()).answer(message)
    assert answer.organisational and answer.hits == []
    # off: "hinten" counts as a specific word of the texts and the chat gets passages (with
    # chat_marks off too: "wir", "hab" and "Uhr" mark the message as chat needing three; and
    # group_plan: "können wir …" is a plan of the group, needing three as well)
    off = SearchOptions(chat_idioms=False, chat_marks=False, group_plan=False)
    answer = _engine(off).answer(message)
    assert not answer.organisational and answer.hits


def test_the_same_words_asked_about_the_text_are_answered():
    message = "wo hat die pflegerin vor der schicht gewartet, hinten im altbau? montag kam das vor"
    answer = _engine(SearchOptions()).answer(message)
    assert answer.hits and answer.hits[0].passage.id == "streik:6"


# --- german_typos: a typo of a German word is searched as that word ---------------------------


def test_a_typo_of_a_german_word_finds_what_the_word_finds():
    # "bezalt" is one letter from "bezahlt", which the texts have as "bezahlen"
    answer = _engine(SearchOptions()).answer("wer bezalt das eigentlich")
    assert answer.hits and answer.hits[0].passage.id == "streik:7"
    spelt = _engine(SearchOptions()).answer("wer bezahlt das eigentlich")
    assert spelt.hits[0].passage.id == "streik:7"
    # off: the texts have no word one letter from "bezalt", and nothing is answered
    off = _engine(SearchOptions(german_typos=False))
    assert off.answer("wer bezalt das eigentlich").hits == []


def test_a_word_no_edit_from_a_common_word_is_not_made_a_word_of_the_texts():
    # "lohnerhöung" is no common German word misspelt by one letter (the frequency list lacks
    # "Lohnerhöhung"): it stays the key word the texts lack, and the reply names it
    answer = _engine(SearchOptions()).answer("lohnerhöung für die pflege")
    assert answer.hits == [] and answer.missing == ["lohnerhöung"]


# --- short_typos: a three-letter function word missing a letter is no key word ----------------


def test_a_function_word_missing_a_letter_does_not_empty_the_question():
    message = "gibt es den streik noch odr"
    answer = _engine(SearchOptions()).answer(message)
    assert answer.hits and answer.hits[0].passage.id in {"streik:1", "streik:5"}
    # off: "odr" is an unknown key word as rare as any, and the reply says the texts lack it
    answer = _engine(SearchOptions(short_typos=False)).answer(message)
    assert answer.hits == [] and answer.missing == ["odr"]


def test_a_three_letter_abbreviation_stays_a_key_word():
    # "esc" is no function word missing a letter: the texts lack it, nothing is answered
    answer = _engine(SearchOptions()).answer("gibt es beim esc auch einen streik")
    assert answer.hits == [] and answer.missing == ["esc"]
