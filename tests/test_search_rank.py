"""Which passage comes first (issue 11, ranking): each mechanism on invented texts, on and off.

Every test runs the engine with the mechanism on (the bot) and switched off
(``SearchOptions.without``), so it shows the mechanism is what makes the difference.
"""

import datetime as dt

from bot.core.models import Passage, Source
from bot.core.search import SearchEngine, SearchOptions


def engine_over(paragraphs: list[str], slug: str = "essay") -> SearchEngine:
    """An engine over one invented reading, one passage per paragraph ("essay:1", …)."""
    source = Source(slug, slug.title(), "Autor", "Blog", dt.date(2026, 1, 1), "article", "-", "-")
    passages = [
        Passage(f"{slug}:{i}", slug, i, 0, i, i, "text", 1, text)
        for i, text in enumerate(paragraphs, 1)
    ]
    return SearchEngine.in_memory(passages, [source])


def ids(engine: SearchEngine, query: str) -> list[str]:
    return [h.passage.id for h in engine.search(query)]


def scores(engine: SearchEngine, query: str) -> dict[str, float]:
    return {h.passage.id: h.score for h in engine.search(query)}


# --- numbers in digits and in words ---------------------------------------------------------

DEADLINES = [
    "Die Stadt gab den Kliniken eine Frist von zwölf Wochen für den neuen Tarif.",
    "Die Stadt gab den Schulen eine Frist von drei Wochen für den neuen Tarif.",
    "Der Tarif gilt ab dem 1. Mai; die Kliniken zahlen 12 Euro mehr je Schicht.",
]


def test_a_number_in_digits_finds_the_text_that_spells_it_out():
    engine = engine_over(DEADLINES)
    got = scores(engine, "frist von 12 wochen")
    assert next(iter(got)) == "essay:1"
    assert got["essay:1"] > 1.2 * got["essay:2"]
    engine.options = SearchOptions(chat=False).without("numerals")
    got = scores(engine, "frist von 12 wochen")
    assert abs(got["essay:1"] - got["essay:2"]) < 0.05 * got["essay:1"]  # a tie: nothing decides


def test_a_number_word_finds_the_text_that_writes_digits():
    engine = engine_over(DEADLINES)
    assert ids(engine, "zwölf euro je schicht")[0] == "essay:3"
    assert "essay:3" in ids(engine, "zwölf")
    engine.options = SearchOptions(chat=False).without("numerals")
    assert "essay:3" not in ids(engine, "zwölf")


def test_a_date_or_an_issue_number_is_no_count():
    engine = engine_over(DEADLINES)
    # "12.1." is a date and "4-12" an issue: neither means "zwölf" (the deadline of essay:1)
    for query in ("was war am 12.1.", "heft 4-12"):
        twelve = next(c for c in engine.analyse(query).concepts if c.word == "12")
        assert "zwolf" not in twelve.alternatives
    assert "zwolf" in next(c for c in engine.analyse("12 wochen").concepts).alternatives


def test_digits_of_any_script_are_read_or_left_alone():
    engine = engine_over(DEADLINES)
    assert ids(engine, "frist von ١٢ wochen")[0] == "essay:1"  # Arabic-Indic 12
    for digits in ("\u19da\u19da", "\U0001105a\U0001105a"):  # digits, but no decimal ones
        assert engine.answer(f"frist von {digits} wochen") is not None  # no crash


# --- the paragraph after a question answers it, when the question is what is asked ---------

QUESTION_AND_ANSWER = [
    "Die Gewerkschaft hat im Frühjahr gestreikt, die Krankenhäuser blieben drei Tage "
    "geschlossen, und die Stadt drohte mit Entlassungen der Streikführer. "
    "Was ist das für eine seltsame Drohung?",
    "Eine leere: Ohne die Pflegekräfte kann keine Klinik öffnen, das weiß auch die Stadt.",
]


def test_words_of_the_closing_question_find_its_answer():
    engine = engine_over(QUESTION_AND_ANSWER)
    assert ids(engine, "was ist an der drohung so seltsam")[0] == "essay:2"


def test_words_of_what_a_paragraph_says_before_its_question_find_that_paragraph():
    engine = engine_over(QUESTION_AND_ANSWER)
    query = "wie lange blieben die krankenhäuser beim streik geschlossen"
    assert ids(engine, query)[0] == "essay:1"
    # switched off, any paragraph that ends with a question hands its rank to the next one
    engine.options = SearchOptions(chat=False).without("asked_words")
    assert ids(engine, query)[0] == "essay:2"


# --- a mistyped function word is no key word ------------------------------------------------


def test_a_mistyped_question_word_is_skipped_like_the_word_itself():
    engine = engine_over(DEADLINES)
    for typo in ("wiso", "waurm"):  # wieso, warum: one letter off
        query = f"{typo} hat die stadt den kliniken eine frist gesetzt"
        assert typo not in [c.word for c in engine.analyse(query).concepts]
        assert ids(engine, query)[0] == "essay:1"
    # switched off, the typo is an unknown key word the texts lack: no answer, "wiso" missing
    engine.options = SearchOptions(chat=False).without("function_typos")
    answer = engine.answer("wiso hat die stadt den kliniken eine frist gesetzt")
    assert (answer.hits, answer.missing) == ([], ["wiso"])


def test_an_unknown_word_near_a_function_word_that_german_uses_is_kept():
    engine = engine_over(DEADLINES)
    # "Bein" is one letter from "bei" and "ein", and a word of its own
    assert "bein" in [c.word for c in engine.analyse("frist für das bein").concepts]


# --- a word of a synonym group also finds the derived forms of the group's words ------------


def test_usa_finds_the_text_that_says_amerikanisch():
    engine = engine_over(
        [
            "Die amerikanische Regierung kürzt die Hilfen für die Kliniken.",
            "Die französische Regierung kürzt die Hilfen für die Schulen.",
        ]
    )
    assert ids(engine, "usa") == ["essay:1"]
    assert ids(engine, "was kürzen die usa")[0] == "essay:1"
    # switched off, no text has "USA": the question names a key word the texts lack
    engine.options = SearchOptions(chat=False).without("group_forms")
    assert engine.answer("was kürzen die usa").missing == ["usa"]


# --- a one-word name of a source names it, it does not ask about the word ------------------


def test_a_title_word_that_the_text_also_uses_names_the_source_and_does_not_rank():
    source = Source(
        "illusion", "Die Illusion der Reform", "Autor", "Blog", dt.date(2026, 1, 1), "article",
        "-", "-", aliases=("Illusion",),
    )  # fmt: skip
    texts = [
        "Die Stadt macht sich keine Illusionen über die Kassen der Kliniken.",
        "Die Hauptursachen des Streiks sind die niedrigen Löhne der Pflegekräfte.",
        "Die Hauptursachen der Schulden kennt jeder.",
    ]
    passages = [
        Passage(f"illusion:{i}", "illusion", i, 0, i, i, "text", 1, text)
        for i, text in enumerate(texts, 1)
    ]
    engine = SearchEngine.in_memory(passages, [source])
    query = "was meint die illusion mit den hauptursachen"  # "die Illusion": the source
    assert ids(engine, query)[0] in ("illusion:2", "illusion:3")  # the ones on Hauptursachen
    engine.options = SearchOptions(chat=False).without("name_words")
    assert ids(engine, query)[0] == "illusion:1"  # "Illusionen": the title word decided
