"""English words the texts render in German (issue 11, fifth pass, round 8).

loanwords: members write "der deal", "nen ceasefire" where the texts say "Abmachung",
"Waffenruhe". An English word the texts lack finds the German words an English-German dictionary
gives for it (bot/data/loanwords_en_de.txt, from Ding), at low weight, like a thesaurus synonym.
A German word that looks English ("Gift", "Lust", "hat") keeps its German meaning.

loan_credit: such a word counts partly as known in the off-topic judgement: "wie lange hält der
ceasefire zwischen den fischern" is a question about the text on the Waffenruhe, not chat whose
key word the texts lack (it still needs a specific word of the texts beside it, as any message
does). Off, it is an unknown key word like "Corona", and the message is left unanswered.

Invented texts (not the seeds), each message run with the mechanism on (the bot's options) and
switched off.
"""

import datetime as dt

from invented import one_text_engine

from bot.core.models import Passage, Source
from bot.core.search import SearchEngine, SearchOptions
from bot.core.search_lexicon import loanwords

TEXTS = [
    "Der Gemeinderat hat mit dem Nachbardorf eine Abmachung über die Wasserrechte getroffen.",
    "Der Gemeinderat streitet mit dem Nachbardorf über die Wasserrechte am Brunnen.",
    "Nach dem langen Streit gilt seit dem Frühjahr eine Waffenruhe zwischen den Fischern.",
    "Die Fischer beider Ufer treffen sich im Frühjahr am Hafen und reden über den Fang.",
    "Zum Dorffest bekam der Bürgermeister ein Geschenk von den Fischern des Nachbardorfs.",
    "Im Brunnen des Nachbardorfs fand man Spuren von Blei, das Wasser wurde gesperrt.",
]
NO_LOANS = SearchOptions(loanwords=False, loan_credit=False)


def _engine(options: SearchOptions) -> SearchEngine:
    return one_text_engine(TEXTS, options, slug="dorf", title="Dorfchronik", author="Autorin")


def _ids(message: str, options: SearchOptions) -> list[str]:
    return [h.passage.id for h in _engine(options).search(message)]


def test_an_english_word_finds_the_passage_with_its_german_translation():
    message = "gibts nen deal mit dem nachbardorf wegen der wasserrechte"
    assert _ids(message, SearchOptions())[0] == "dorf:1"  # Abmachung
    # off: "deal" is a key word the texts lack, the message goes unanswered
    assert _ids(message, NO_LOANS) == []


def test_a_message_about_an_english_word_is_answered_not_judged_off_topic():
    message = "wie lange hält der ceasefire zwischen den fischern"
    on = _engine(SearchOptions()).answer(message)
    assert [h.passage.id for h in on.hits][:1] == ["dorf:3"]  # Waffenruhe
    # the translation alone ranks (loan_credit off): still unknown as a key word, unanswered
    assert _engine(SearchOptions(loan_credit=False)).answer(message).hits == []
    assert _engine(NO_LOANS).answer(message).hits == []


def test_a_german_word_that_looks_english_keeps_its_german_meaning():
    # "Gift" is German for poison, not the English gift (Geschenk): the texts lack it, and the
    # message is not answered with the mayor's present
    assert _engine(SearchOptions()).answer("ein gift für den bürgermeister").hits == []
    table = loanwords()
    assert "abmachung" in table["deal"]
    for german in ("gift", "lust", "hat", "also", "will"):
        assert german not in table


def test_an_english_word_the_texts_use_is_searched_as_it_is():
    # a text that says "Deal" is found by its own word first, not by the translations
    source = Source("d", "Dorf", "A", "Blog", dt.date(2026, 1, 1), "article", "-", "-")
    texts = [
        "Der Bürgermeister nennt es einen Deal mit dem Nachbardorf.",
        "Der Gemeinderat hat mit dem Nachbardorf eine Abmachung getroffen.",
    ]
    passages = [Passage(f"d:{i}", "d", i, 0, i, i, "text", 1, x) for i, x in enumerate(texts, 1)]
    engine = SearchEngine.in_memory(passages, [source])
    assert [h.passage.id for h in engine.search("der deal mit dem nachbardorf")][0] == "d:1"
