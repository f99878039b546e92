"""Paraphrases and questions in everyday words (issue 11, sixth pass, round 9).

synonym_credit: a member retells in everyday words ("wer zahlt die Zeche") where the text has
another word ("Rechnung"). A word the texts know only by a thesaurus synonym now counts partly
as known in the off-topic judgement, so the message is answered instead of being taken for chat
whose key word the texts lack.

retold_credit: … only in a message that retells in a sentence (four content words or more). In
a lookup of a few words ("zeche streik") the word typed is the word wanted: that the texts have
a synonym of it is no evidence they speak of it, and the message stays unanswered.

reasons: a question for a reason ("warum", "wieso") ranks a passage higher that gives one
("weil", "denn", "deshalb", "Grund") within a few words of the question's words; retold_reasons:
so does a message that retells an argument with its reason ("…, weil …").

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
    # off: "Zeche" is a key word the texts lack, the message goes unanswered (no_unknown off
    # too: it counts "Zeche", known by its synonym, as no word the texts lack)
    assert _ids(message, SearchOptions(synonym_credit=False, no_unknown=False)) == []


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


# --- reasons: a "warum" question prefers the passage that gives a reason --------------------

REASONS = [
    "Die Pflegekräfte streiken seit Montag, in den Kliniken fehlt Personal.",
    "Die Pflegekräfte streiken seit Montag, weil in den Kliniken Personal fehlt.",
    "Der Protest vor dem Rathaus blieb friedlich, die Polizei hielt sich zurück.",
    *FILLER,
]


def _first(message: str, options: SearchOptions, texts: list[str] = REASONS) -> str:
    return one_text_engine(texts, options).search(message)[0].passage.id


def test_a_why_question_finds_the_passage_that_gives_the_reason():
    for message in ("warum streiken die pflegekräfte", "wieso streiken die pflegekräfte"):
        assert _first(message, SearchOptions()) == "streik:2"  # "…, weil …"
        # off: the shorter passage with the same words ranks first
        assert _first(message, SearchOptions(reasons=False)) == "streik:1"
    # a question for something else ranks by the words alone
    assert _first("wann streiken die pflegekräfte", SearchOptions()) == "streik:1"


def test_a_reason_far_from_the_questions_words_counts_for_nothing():
    far = [
        REASONS[0],
        "Die Pflegekräfte streiken seit Montag, in den Kliniken fehlt Personal. Am anderen"
        " Ende der Stadt sagt der Bürgermeister nichts, weil er verreist ist.",
        *REASONS[2:],
    ]
    on = one_text_engine(far, SearchOptions()).search("warum streiken die pflegekräfte")
    off = one_text_engine(far, SearchOptions(reasons=False)).search(
        "warum streiken die pflegekräfte"
    )
    assert [(h.passage.id, h.score) for h in on] == [(h.passage.id, h.score) for h in off]


def test_a_retold_reason_finds_the_passage_that_gives_it():
    message = "die pflegekräfte streiken, weil das personal in den kliniken fehlt"
    assert _first(message, SearchOptions()) == "streik:2"
    # off: only a question word for a reason counts; the shorter passage ranks first
    assert _first(message, SearchOptions(retold_reasons=False)) == "streik:1"
    # the same words without a reason: ranked by the words alone
    assert _first(
        "die pflegekräfte streiken und in den kliniken fehlt personal", SearchOptions()
    ) == ("streik:1")
