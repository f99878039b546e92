"""Paraphrases and questions in everyday words (issue 11, sixth pass, round 9).

synonym_credit: a member retells in everyday words ("wer zahlt die Zeche") where the text has
another word ("Rechnung"). A word the texts know only by a thesaurus synonym now counts partly
as known in the off-topic judgement, so the message is answered instead of being taken for chat
whose key word the texts lack.

retold_credit: … only in a message that retells in a sentence (four content words or more). In
a lookup of a few words ("zeche streik") the word typed is the word wanted: that the texts have
a synonym of it is no evidence they speak of it, and the message stays unanswered.

Invented texts (not the seeds), each message run with the mechanism on (the bot's options) and
switched off.
"""

from invented import FILLER, one_text_engine

from bot.core.search import SearchEngine, SearchOptions

TEXTS = [
    "Die Rechnung für den langen Streik zahlen am Ende die Pflegekräfte der Kliniken.",
    "Die Gewerkschaft ruft die Pflegekräfte der Kliniken zum Streik für mehr Personal auf.",
    "Der Protest vor dem Rathaus blieb friedlich, die Polizei hielt sich zurück.",
    *FILLER,
]


def _engine(options: SearchOptions) -> SearchEngine:
    return one_text_engine(TEXTS, options)


def _ids(message: str, options: SearchOptions) -> list[str]:
    return [h.passage.id for h in _engine(options).search(message)]


def test_a_retold_question_with_a_synonym_of_the_texts_word_is_answered():
    message = "wer zahlt am ende die zeche für den streik"  # Zeche ~ Rechnung
    assert _ids(message, SearchOptions())[:1] == ["streik:1"]
    # off: "Zeche" is a key word the texts lack, the message goes unanswered
    assert _ids(message, SearchOptions(synonym_credit=False)) == []


def test_a_lookup_of_a_synonym_is_not_answered_with_the_texts_word():
    for message in ("zeche streik", "aufruhr rathaus"):  # Protest ~ Aufruhr
        assert _ids(message, SearchOptions()) == []
        # off: the synonym counts as known in a lookup of two words too
        assert _ids(message, SearchOptions(retold_credit=False))


def test_chat_with_everyday_words_stays_unanswered_with_the_credit():
    engine = _engine(SearchOptions())
    for message in (
        "hat jemand lust am samstag mit zum flohmarkt zu kommen",
        "die bahn hatte heute wieder zwei stunden verspätung und keiner sagte was",
    ):
        assert engine.search(message) == []
