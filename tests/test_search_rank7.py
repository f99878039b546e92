"""Two ways a message's word reaches the text's spelling of it (issue 11, fifth pass, round 7).

lemma_relatives: a word reaches the family of its dictionary form:
"täuscht die regierung die bürger" finds the passage on the "Täuschung" of the Bürger, and
"respektiert der bürgermeister den stadtrat" the one on "Respekt". The inflected form's own stem
("tauscht", "respektiert") reaches no noun of its family; the lemma's stem ("täuschen": tausch,
"respektieren": respekti) does. With lemma_relatives off, the passage that has the noun ties
with one that has only the message's other words, and "getäuscht" leaves the message unanswered.

decades: "in den 70ern" finds "in den 1970er Jahren", "in den siebzigern" too; off, "70ern" is a
word the texts lack, and another passage with the message's other words comes first.

Invented texts (not the seeds): passages that differ in the word the message asks about, each
message run with the mechanism on (the bot's options) and switched off.
"""

import datetime as dt

import pytest
from invented import one_text_engine, texts_engine

from bot.core.models import Source
from bot.core.search import SearchEngine, SearchOptions

TEXTS = [
    "Die Regierung spricht von einer Entlastung der Bürger beim Neubau.",
    "Die Regierung spricht von einer Täuschung der Bürger beim Neubau.",
    "Der Bürgermeister verlangt Respekt für den Stadtrat und seine Beschlüsse.",
    "Der Bürgermeister verlangt Geld für den Stadtrat und seine Beschlüsse.",
    "Der Stadtrat tagt am Montag im Rathaus und berät über den Neubau.",
]


def _engine(options: SearchOptions, texts: list[str] = TEXTS) -> SearchEngine:
    return one_text_engine(texts, options, slug="stadt", title="Stadtpolitik")


def _scores(message: str, options: SearchOptions, texts: list[str] = TEXTS) -> dict[str, float]:
    return {h.passage.id: h.score for h in _engine(options, texts).search(message)}


@pytest.mark.parametrize(
    ("message", "noun", "other"),
    [
        ("täuscht die regierung die bürger beim neubau", "stadt:2", "stadt:1"),
        ("respektiert der bürgermeister den stadtrat", "stadt:3", "stadt:4"),
        ("wurde der stadtrat respektiert", "stadt:3", "stadt:4"),
    ],
)
def test_an_inflected_verb_finds_the_noun_of_its_family(message, noun, other):
    on = _scores(message, SearchOptions())
    assert next(iter(on)) == noun
    assert on[noun] > on[other]
    # off: the noun is not reached; the two passages tie on the message's other words
    off = _scores(message, SearchOptions(lemma_relatives=False))
    assert off[noun] == off[other]


def test_a_participle_is_answered_by_the_noun_instead_of_judged_off_topic():
    message = "hat die regierung die bürger getäuscht"
    assert next(iter(_scores(message, SearchOptions()))) == "stadt:2"
    engine = _engine(SearchOptions(lemma_relatives=False))
    answer = engine.answer(message)
    assert answer.hits == []


def test_the_word_as_typed_still_comes_before_its_relative():
    texts = [
        "Die Regierung spricht von einer Täuschung der Bürger beim Neubau.",
        "Die Regierung täuscht die Bürger beim Neubau, sagt die Opposition.",
        "Der Stadtrat tagt am Montag im Rathaus und berät über den Neubau.",
    ]
    scores = _scores("täuscht die regierung die bürger", SearchOptions(), texts)
    assert next(iter(scores)) == "stadt:2"
    assert "stadt:1" in scores


@pytest.mark.parametrize(
    "message",
    ["sorry hab mich getäuscht", "hab mich im datum getäuscht, wann ist das nächste treffen"],
)
def test_chat_with_a_relative_of_a_text_word_stays_without_passages(message):
    # "getäuscht" now reaches "Täuschung"; chat that uses it is still no question about the texts
    assert _engine(SearchOptions()).answer(message).hits == []


HISTORY = [
    "In den 1970er Jahren wuchs die Stadt rasch, der Stadtrat plante neue Viertel am Fluss.",
    "Heute plant der Stadtrat neue Viertel am Bahnhof und verkauft Grundstücke.",
    "Die Mieten stiegen in den Achtzigern, als die Fabriken schlossen.",
]


@pytest.mark.parametrize(
    "message", ["was plante der stadtrat in den 70ern", "stadtrat viertel 70er"]
)
def test_a_decade_without_its_century_finds_the_decade_written_out(message):
    assert next(iter(_scores(message, SearchOptions(), HISTORY))) == "stadt:1"
    # off: "70ern" is unknown, and the passage of today's plans comes first
    assert next(iter(_scores(message, SearchOptions(decades=False), HISTORY))) == "stadt:2"


def test_a_decade_in_words_is_the_same_decade():
    message = "wie war das in den siebzigern mit den neuen vierteln"
    assert next(iter(_scores(message, SearchOptions(), HISTORY))) == "stadt:1"
    answer = _engine(SearchOptions(decades=False), HISTORY).answer(message)
    assert answer.hits == []
    assert answer.missing == ["siebzigern"]


def test_a_decade_in_digits_finds_the_text_that_writes_it_in_words():
    on = _scores("was war in den 80ern mit den mieten", SearchOptions(), HISTORY)
    off = _scores("was war in den 80ern mit den mieten", SearchOptions(decades=False), HISTORY)
    assert next(iter(on)) == "stadt:3"
    assert on["stadt:3"] > off["stadt:3"]


def test_a_source_name_of_four_words_names_the_source():
    """A name of more than three words ("World Socialist Web Site") names its source like a
    short one; it used to name nothing, and its unknown words left the message unanswered."""
    sources = [
        Source("blatt", "Der Landeshaushalt", "Autor", "Blog", dt.date(2026, 1, 1), "article",
               "-", "-", aliases=("Stadtanzeiger",)),
        Source("netz", "Streik", "Autor", "Blog", dt.date(2026, 1, 1), "article", "-", "-",
               aliases=("Neue Rote Fahne Online", "Klinikblog")),
    ]  # fmt: skip
    texts = {
        "blatt": ["Der Haushalt des Senats wächst, der Senat legt den Haushalt vor."],
        "netz": ["Der Senat spart beim Haushalt der Kliniken.", "Die Gewerkschaft streikt."],
    }
    readings = list(zip(sources, texts.values(), strict=True))
    engine = texts_engine(readings, SearchOptions(chat=False))
    for message in (
        "was schreibt die neue rote fahne online zum haushalt des senats",
        "was schreibt der klinikblog zum haushalt des senats",
    ):
        answer = engine.answer(message)
        assert answer.named == ("netz",)
        assert answer.hits[0].passage.id == "netz:1"
