"""Search behaviour a reader notices: inflection, compounds, typos, names, bad input."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.config import Config
from bot.core.models import Passage, Source
from bot.core.search import SERVED_KINDS, SearchEngine
from bot.services import build_services


@pytest.fixture(scope="module")
def engine(tmp_path_factory) -> SearchEngine:
    db = tmp_path_factory.mktemp("search") / "t.db"
    return build_services(Config(db_path=db)).search


def top(engine: SearchEngine, query: str, n: int = 1) -> list[str]:
    return [h.passage.text for h in engine.search(query, limit=n)]


def first_source(engine: SearchEngine, query: str) -> str:
    return engine.search(query, limit=1)[0].source.slug


def test_inflection_finds_the_same_passage(engine):
    a = top(engine, "Sekundärsanktionen vom Tisch")
    b = top(engine, "Sekundärsanktion Tische")
    assert a == b and "Sekundärsanktionen seien vom Tisch" in a[0]


def test_compound_in_query_matches_parts_in_text(engine):
    # "Weltvorherrschaft" is written as a compound; the query spells it apart and back
    apart = top(engine, "amerikanische Vorherrschaft in der Welt Nullsummenspiel")[0]
    assert "Weltvorherrschaft" in apart
    together = top(engine, "Waffenstillstandslösung", 3)
    assert any("Waffenstillstandslösung" in t for t in together)


def test_compound_parts_in_query_against_compound_in_text(engine):
    hits = top(engine, "Plan für den Frieden Münchner Abkommen", 3)
    assert any("Münchner Abkommen" in t for t in hits)


@pytest.mark.parametrize("spelling", ["Orbán", "Orban"])
def test_missing_diacritics(engine, spelling):
    assert "Viktor Orbán" in top(engine, spelling)[0]


@pytest.mark.parametrize("spelling", ["Zugeständnisse territorial", "Zugestaendnisse territorial"])
def test_umlaut_transliteration(engine, spelling):
    assert top(engine, "Zugeständnisse territorial") == top(engine, spelling)


@pytest.mark.parametrize(
    "typo,expected",
    [
        ("Sekundärsanktoinen", "Sekundärsanktionen"),
        ("Kriegsrrecht Zelensky", "Kriegsrechts"),
        ("Anchorrage", "Anchorage"),
    ],
)
def test_typos_of_one_or_two_letters(engine, typo, expected):
    assert any(expected in t for t in top(engine, typo, 3))


@pytest.mark.parametrize("name", ["Selenskyj", "Selenski", "Zelensky", "Zelenskyj"])
def test_transliterated_names(engine, name):
    texts = top(engine, f"{name} Kriegsrecht Korruption", 1)
    assert "Aufhebung des Kriegsrechts" in texts[0]


@pytest.mark.parametrize("name", ["Karaganow", "Karaganov", "Karaganof"])
def test_russian_name_variants(engine, name):
    texts = top(engine, name, 3)
    assert texts and all("Karagan" in t for t in texts)


def test_numbers_and_abbreviations(engine):
    assert "90-Mrd.-Kredit" in top(engine, "Kredit von 90 Milliarden")[0]
    assert "50-tägige" in " ".join(top(engine, "Frist von 50 Tagen", 2))


def test_usa_and_vereinigte_staaten_are_one_thing(engine):
    a = set(top(engine, "Vereinigte Staaten Jelzin Partner", 3))
    b = set(top(engine, "USA Jelzin Partner", 3))
    assert a & b


def test_stop_words_do_not_decide(engine):
    question = top(engine, "Warum hat Russland das Treffen in Alaska als Sieg gewertet?")[0]
    keywords = top(engine, "Russland Treffen Alaska Sieg gewertet")[0]
    assert question == keywords


def test_author_words_prefer_that_source(engine):
    assert first_source(engine, "Was sagt Fazi zu den Sanktionen?").startswith("fazi-")
    assert first_source(engine, "Was schreibt die WSWS über China?") == "wsws-alaska"
    assert first_source(engine, "Frieden von unten China") == "frieden-von-unten"
    assert first_source(engine, "Protokoll Kriegsziele Russlands") == "protokoll-2026-01-12"


@pytest.mark.parametrize(
    "query",
    [
        "Rezept für Apfelkuchen",
        "Wie wird das Wetter morgen in Hamburg?",
        "Tabelle der Fußball-Bundesliga",
        "Python Programmierung lernen",
    ],
)
def test_off_topic_queries_get_nothing(engine, query):
    assert engine.search(query) == []


def test_shared_paragraph_of_two_sources_shown_once(engine):
    hits = engine.search("Trump suprematistische Vision Rolle Amerikas Welt", limit=5)
    texts = [h.passage.text[:60] for h in hits]
    assert len(texts) == len(set(texts))
    dup = [h for h in hits if h.also_in]
    assert dup, "the Fazi paragraph that stands in both texts names the other source"
    assert {dup[0].source.slug, *dup[0].also_in} == {"fazi-illusion", "fazi-endspiel"}


def test_debris_is_never_served_where_the_text_answers(engine):
    # web debris (captions, calls to action, a promoted book) never displaces the text; only a
    # message that the text leaves unanswered and the debris has gets it, as a weak match
    # (SearchOptions.debris, tests/test_search_gate11.py)
    for q in ["Werde aktiver Unterstützer", "Trump Putin Alaska Gipfel", "Krieg Russland Ukraine"]:
        hits = engine.search(q, limit=5)
        assert hits and all(h.passage.kind in ("text", "contribution", "answer") for h in hits)
    answer = engine.answer("David North Golfkrieg", limit=5)
    assert answer.weak and {h.passage.kind for h in answer.hits} == {"debris"}


def test_citation_names_source_and_lines(engine):
    hit = engine.search("Karaganov Zitat Warnung Europäer", limit=1)[0]
    assert hit.ref.startswith("GS-Protokoll 12.01.2026, Z. ")


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "NEAR(a b)",
        "a AND OR NOT b",
        "*",
        "^Krieg",
        "(((",
        "Krieg: Frieden",
        "🙂🙂",
        "",
        "x" * 10_000,
        "Krieg " * 2000,
        "col:Krieg",
        "-Krieg",
        '"Krieg" OR "Frieden"',
    ],
)
def test_fts_syntax_in_user_input_is_harmless(engine, query):
    hits = engine.search(query)
    assert all(hit.passage.kind in SERVED_KINDS for hit in hits)  # served passages, no error
    assert all(re.fullmatch(r"[\w-]+", word) for word in engine.suggest(query))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=300))
def test_no_input_raises(engine, text):
    hits = engine.search(text, limit=3)
    assert len(hits) <= 3


def test_suggestions_for_a_misspelt_word(engine):
    assert any(s.lower().startswith("karagan") for s in engine.suggest("Karraganowww"))


def test_in_memory_engine_ranks_any_documents():
    src = Source(
        "notes",
        "Notizen",
        "Gruppe",
        "Chat",
        __import__("datetime").date(2026, 1, 1),
        "protocol",
        "-",
        "-",
    )
    docs = [
        Passage(f"notes:{i}", "notes", i, 0, i, i, "text", 1, t)
        for i, t in enumerate(
            ["Wir lesen nächstes Mal den Text über Europa.", "Die Sanktionen wirken nicht."], 1
        )
    ]
    engine = SearchEngine.in_memory(docs, [src])
    assert engine.search("Sanktion")[0].passage.id == "notes:2"


def test_rebuild_only_when_sources_change(tmp_path):
    cfg = Config(db_path=tmp_path / "t.db")
    s1 = build_services(cfg)
    assert not s1.search.ensure_index(cfg.seeds_dir)
    assert s1.search.ensure_index(cfg.seeds_dir, force=True)
    s2 = build_services(cfg)
    assert not s2.search.ensure_index(cfg.seeds_dir)
    assert len(s2.search.passages_of("fazi-illusion")) > 10


def test_shared_paragraphs_are_grouped_alike_in_every_start_of_the_bot():
    """Which paragraphs two sources share must not depend on the process: Python's string hash
    changes with every start (PYTHONHASHSEED), and a sketch built from it once missed the two
    Fazi texts' shared paragraph in about 1 of 100 starts (shown twice, one below the other).
    Invented pairs of paragraphs near the threshold, grouped in two processes."""
    import os
    import subprocess
    import sys

    script = """
import random
from bot.core.models import Passage
from bot.core.search import _near_duplicates
from bot.core.text import tokenize
rng = random.Random(1)
words = [f"wort{i}" for i in range(3000)]
ps = []
for i in range(300):
    a = [rng.choice(words) for _ in range(50)]
    b = list(a)
    for j in rng.sample(range(50), 6):
        b[j] = rng.choice(words)
    ps += [Passage(f"a:{i}", "a", i, 0, i, i, "text", 1, " ".join(a)),
           Passage(f"b:{i}", "b", i, 0, i, i, "text", 1, " ".join(b))]
print(sorted(map(tuple, _near_duplicates(ps, [tokenize(p.text) for p in ps]))))
"""
    runs = [
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
        )
        for seed in ("1", "2")
    ]
    assert all(r.returncode == 0 for r in runs), runs[0].stderr + runs[1].stderr
    assert runs[0].stdout == runs[1].stdout
    assert runs[0].stdout.count("('a:") >= 100  # pairs near the threshold are found at all


def test_a_fresh_build_answers_as_the_index_read_back(tmp_path):
    """index_passages takes over what it wrote without reading it back; a bot started later
    reads the database: both must answer alike (passages, duplicates, ranking, suggestions)."""
    cfg = Config(db_path=tmp_path / "t.db")
    built = build_services(cfg).search
    built.ensure_index(cfg.seeds_dir, force=True)
    read = build_services(cfg).search
    assert not read.ensure_index(cfg.seeds_dir)  # read back, not rebuilt
    assert built._passages == read._passages and built._dups == read._dups
    assert built.vocab.df == read.vocab.df and built.vocab.word_count == read.vocab.word_count
    for q in ["Karaganow Atomwaffen", "was sagt fazi zu den europäern", "Karaganov", "Nato"]:
        ours = [(h.passage.id, round(h.score, 9)) for h in built.search(q, limit=10)]
        assert ours == [(h.passage.id, round(h.score, 9)) for h in read.search(q, limit=10)]
    assert built.suggest("Karaganof") == read.suggest("Karaganof")


def test_failed_rebuild_leaves_previous_index_usable(tmp_path, monkeypatch):
    cfg = Config(db_path=tmp_path / "t.db")
    services = build_services(cfg)
    before = top(services.search, "Karaganow")

    def boom(*args, **kwargs):
        raise RuntimeError("crash mid-rebuild")

    monkeypatch.setattr("bot.core.search._near_duplicates", boom)
    with pytest.raises(RuntimeError):
        services.search.ensure_index(cfg.seeds_dir, force=True)
    monkeypatch.undo()
    reopened = build_services(cfg).search
    assert top(reopened, "Karaganow") == before


def test_added_source_is_searchable_and_removable(tmp_path):
    services = build_services(Config(db_path=tmp_path / "t.db"))
    src = Source(
        "neu",
        "Neuer Text",
        "Autorin",
        "Blog",
        __import__("datetime").date(2026, 2, 1),
        "article",
        "neu.txt",
        "0",
    )
    services.catalog.add(src)
    services.search.add_source(src, "Die Quastenflosser schwimmen im Indischen Ozean.\n")
    assert services.search.search("Quastenflosser")[0].source.slug == "neu"
    assert top(services.search, "Karaganow")  # the rest is still there
    services.search.remove_source("neu")
    assert services.search.search("Quastenflosser") == []


@pytest.mark.parametrize(
    "query,expected",
    [
        ("Können die Europäer Trump zwingen?", "zu nichts gezwungen haben können"),
        ("Putin belügt sich selbst Karaganow", "Putin sich selbst in die Tasche lügt"),
    ],
)
def test_irregular_forms_meet_through_their_lemma(engine, query, expected):
    assert any(expected in t for t in top(engine, query, 3))


@pytest.mark.parametrize("spelling", ["Karaganow", "Karaganov"])
def test_a_known_spelling_also_finds_the_other_spellings(engine, spelling):
    texts = " ".join(top(engine, spelling, 10))
    assert "Karaganow" in texts and "Karaganov" in texts
