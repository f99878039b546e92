"""Our notes on paragraphs (content/passages/<slug>.yaml) as paraphrase bridges (issue 11).

A reading's paragraphs can carry a few sentences in our own, everyday words of what they say,
located by a verbatim anchor (checked like evidence). They are a search aid, never shown:
- ``passage_notes``: their words expand the paragraph like a position does, so a member who
  retells a paragraph in other words finds it;
- ``semantic_notes``: the semantic extra reads a note as one more sentence of the paragraph;
- ``passage_asks``: the questions we wrote that a paragraph answers (``asks``) count as more of
  our notes on it.

Invented texts (not the seeds), each mechanism run on and off; the content files are invented
too, beside the bundled sources' real files.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from invented import FILLER, first_id, one_text_engine
from test_search_semantic import STAND_IN_SPREAD, STRIKE, WEAK, StandIn

from bot.cli.content import notes_template, unique_anchor
from bot.core import search, semantic
from bot.core.content import ContentError, ContentStore
from bot.core.search import SearchEngine, SearchOptions
from bot.core.semantic import SemanticRerank
from bot.core.text import normalize

TEXTS = [
    "Der Kreistag beschloss nach langer Debatte, die Buslinie zum Klinikum ab Januar "
    "einzustellen.",
    "Die Gewerkschaft rief die Pflegekräfte des Klinikums zu einem Warnstreik am Montag auf.",
    "Der Landrat verteidigte den Haushalt, die Rücklagen seien aufgebraucht.",
    *FILLER,
]
# our note on the first paragraph, in words the text does not use
NOTES = {
    "streik:1": [
        "Abgehängte Dörfer: Wer keinen Führerschein hat, kommt im Urlaub schwer zur Behandlung."
    ]
}
RETOLD = "die stelle über abgehängte dörfer ohne führerschein"


def _engine(options: SearchOptions) -> SearchEngine:
    engine = one_text_engine(TEXTS, options)
    engine.set_expansions({}, NOTES)
    return engine


def test_a_retelling_in_the_words_of_our_note_finds_its_paragraph() -> None:
    assert first_id(_engine(SearchOptions()), RETOLD) == "streik:1"
    # off: the text has none of the message's words; the bot does not answer with a passage
    off = _engine(SearchOptions(passage_notes=False)).search(RETOLD)
    assert [h.passage.id for h in off][:1] != ["streik:1"]


def test_a_notes_everyday_words_do_not_make_chat_a_question(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "Urlaub", "Behandlung": everyday German (search.NOTE_KNOWN_ZIPF) that only our note has;
    # chat in such words stays chat, while the note's rarer words still find the paragraph
    chat = "wer fährt im urlaub mit zur behandlung"
    assert _engine(SearchOptions()).search(chat) == []
    monkeypatch.setattr(search, "NOTE_KNOWN_ZIPF", 99.0)  # as if every word of a note counted
    assert first_id(_engine(SearchOptions()), chat) == "streik:1"


def test_a_message_in_the_texts_own_words_is_answered_as_without_notes() -> None:
    message = "warnstreik der pflegekräfte am montag"
    on = [h.passage.id for h in _engine(SearchOptions()).search(message)]
    off = [h.passage.id for h in _engine(SearchOptions(passage_notes=False)).search(message)]
    assert on[:1] == off[:1] == ["streik:2"]


def test_notes_alongside_positions_keep_the_positions() -> None:
    engine = one_text_engine(TEXTS)
    engine.set_expansions({"streik:3": ["Die Kasse des Kreises ist leer."]}, NOTES)
    assert first_id(engine, "die kasse des kreises ist leer") == "streik:3"
    assert first_id(engine, RETOLD) == "streik:1"


# --- passage_asks: the questions we wrote for a paragraph count as our notes on it --------------

# a question a member could ask that the third paragraph answers, in words the text lacks
ASKS = {"streik:3": ["Warum werden im Landkreis Turnhallen und Hallenbäder nicht mehr saniert?"]}
ASKED = "wieso bleiben die turnhallen und hallenbäder kaputt"


def test_a_message_asked_like_our_question_finds_its_paragraph() -> None:
    def first(options: SearchOptions) -> str | None:
        engine = one_text_engine(TEXTS, options)
        engine.set_expansions({}, NOTES, ASKS)
        return next((h.passage.id for h in engine.search(ASKED)), None)

    assert first(SearchOptions()) == "streik:3"
    assert first(SearchOptions(passage_asks=False)) != "streik:3"
    assert first(SearchOptions(passage_notes=False)) != "streik:3"  # part of the notes


def test_only_a_questions_rarer_words_expand_its_paragraph(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "saniert", "warum", "mehr": everyday German (search.ASK_ZIPF), what any question says
    def expansion() -> set[str]:
        engine = one_text_engine(TEXTS)
        engine.set_expansions({}, {}, ASKS)
        return set(engine._exp["streik:3"])

    assert {"turnhall", "hallenbad"} <= expansion() and "saniert" not in expansion()
    monkeypatch.setattr(search, "ASK_ZIPF", 99.0)  # as if every word of a question counted
    assert "saniert" in expansion()


def test_the_extra_reads_our_questions_only_while_they_are_on() -> None:
    engine = one_text_engine(TEXTS)
    engine.set_expansions({}, NOTES, ASKS)
    (hit,) = [h for h in engine.search("landrat haushalt rücklagen") if h.passage.id == "streik:3"]
    assert engine._note_of(hit) == tuple(ASKS["streik:3"])
    engine.options = SearchOptions(passage_asks=False)
    assert engine._note_of(hit) == ()
    assert set(ASKS["streik:3"]) <= set(engine.note_sentences())  # embedded at warm-up either way


# --- semantic_notes: a note is one more sentence of its paragraph for the extra ---------------


def _strike(options: SearchOptions, notes: dict[str, list[str]]) -> SearchEngine:
    engine = one_text_engine(STRIKE, options)
    engine.semantic = SemanticRerank(StandIn())
    engine.set_expansions({}, notes)
    return engine


def test_a_note_close_in_meaning_brings_its_paragraph_forward(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(semantic, "SPREAD", STAND_IN_SPREAD)
    # the clinics on the outskirts (streik:10): the text speaks of buses, our note of money;
    # the words alone (passage_notes off) leave it fourth for the message on clinics and money
    note = {"streik:10": ["Die Kliniken kosten Geld, das die Stadt nicht hat."]}
    words_only = SearchOptions(passage_notes=False)
    without = [h.passage.id for h in _strike(words_only, {}).search(WEAK)]
    on = [h.passage.id for h in _strike(words_only, note).search(WEAK)]
    plain = replace(words_only, semantic_notes=False)
    off = [h.passage.id for h in _strike(plain, note).search(WEAK)]
    assert off == without and without.index("streik:10") == 3
    assert on.index("streik:10") == 1


def test_a_note_counts_in_the_models_question_form_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """semantic_note_query: a member's retelling and our note are two sentences alike, which
    the model compares best in its question form; the note counts in the closer form."""
    monkeypatch.setattr(semantic, "SPREAD", STAND_IN_SPREAD)
    said = "Die Kliniken kosten Geld, das die Stadt nicht hat."
    note = {"streik:10": [said]}

    class QuestionForm(StandIn):  # in the passage form the note says nothing to the model
        def passages(self, texts: list[str]) -> list[list[float]]:
            return super().passages(["Nichts." if t == said else t for t in texts])

    def order(options: SearchOptions) -> list[str]:
        engine = one_text_engine(STRIKE, options)
        engine.semantic = SemanticRerank(QuestionForm())
        engine.set_expansions({}, note)
        return [h.passage.id for h in engine.search(WEAK)]

    words_only = SearchOptions(passage_notes=False)
    assert order(words_only).index("streik:10") == 1
    assert order(replace(words_only, semantic_note_query=False)).index("streik:10") == 3


# --- content/passages: located by a verbatim anchor, checked like evidence --------------------

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    shutil.rmtree(target / "passages", ignore_errors=True)
    (target / "passages").mkdir()
    return target


def _load(services, folder: Path) -> ContentStore:  # type: ignore[no-untyped-def]
    return ContentStore.load(folder, services.catalog, services.search)


ANCHOR = "gute Nachrichten für alle, die einen thermonuklearen Krieg vermeiden wollen"


def _write(folder: Path, slug: str, body: str) -> Path:
    path = folder / "passages" / f"{slug}.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_notes_are_found_at_their_anchor(services, content_dir: Path) -> None:  # type: ignore[no-untyped-def]
    _write(
        content_dir,
        "fazi-illusion",
        f'source: fazi-illusion\npassages:\n  - anchor: "{ANCHOR}"\n'
        '    gist:\n      - "Gut für alle, die keinen Atomkrieg wollen."\n',
    )
    store = _load(services, content_dir)
    (note,) = store.passage_notes
    passage = services.search.passage(note.passage_id)
    assert passage.source == "fazi-illusion" and "thermonuklearen" in passage.text
    assert note.gist == ("Gut für alle, die keinen Atomkrieg wollen.",)
    assert note.asks == ()  # questions are optional
    assert store.stats()["noted"] == 1


def test_the_questions_a_paragraph_answers_are_read_with_its_notes(  # type: ignore[no-untyped-def]
    services, content_dir: Path
) -> None:
    _write(
        content_dir,
        "fazi-illusion",
        f'source: fazi-illusion\npassages:\n  - anchor: "{ANCHOR}"\n'
        '    gist: ["Gut für alle, die keinen Atomkrieg wollen."]\n'
        '    asks: ["Ist das gut für den Frieden?", "Wer will keinen Atomkrieg?"]\n',
    )
    (note,) = _load(services, content_dir).passage_notes
    assert note.asks == ("Ist das gut für den Frieden?", "Wer will keinen Atomkrieg?")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # not in the text verbatim
            'passages:\n  - anchor: "die alle einen Atomkrieg vermeiden wollen jetzt"\n'
            '    gist: ["Etwas."]\n',
            "steht nicht wörtlich",
        ),
        ('passages:\n  - anchor: "zu kurz"\n    gist: ["Etwas."]\n', "nur 2 Wörter"),
        (f'passages:\n  - anchor: "{ANCHOR}"\n', "gist"),
        (f'passages:\n  - anchor: "{ANCHOR}"\n    gist: []\n', "gist"),
        (
            f'passages:\n  - anchor: "{ANCHOR}"\n    gist: ["a", "b", "c", "d", "e", "f"]\n',
            "1 bis 5 Notizen",
        ),
        (
            f'passages:\n  - anchor: "{ANCHOR}"\n    gist: ["Eins."]\n'
            '  - anchor: "die einen thermonuklearen Krieg vermeiden wollen."\n'
            '    gist: ["Zwei."]\n',
            "schon Notizen (Zeile 2)",
        ),
        (f'passages:\n  - anchor: "{ANCHOR}"\n    gist: ["a"\n', "YAML"),
        (
            f'passages:\n  - anchor: "{ANCHOR}"\n    gist: ["a"]\n    asks: {["f?"] * 6}\n',
            "höchstens 5 Fragen",
        ),
        (f'passages:\n  - anchor: "{ANCHOR}"\n    gist: ["a"]\n    asks: "Was?"\n', "asks"),
        (f'passages:\n  - anchor: "{ANCHOR}"\n    gist: ["a"]\n    wo: 3\n', "Unbekanntes Feld"),
        ("source: wsws-alaska\npassages: []\n", "Dateiname und Quelle"),
    ],
)
def test_a_broken_notes_file_is_named_in_german(  # type: ignore[no-untyped-def]
    services, content_dir: Path, body: str, expected: str
) -> None:
    _write(content_dir, "fazi-illusion", body)
    with pytest.raises(ContentError) as err:
        _load(services, content_dir)
    message = str(err.value)
    assert expected in message and "content/passages/fazi-illusion.yaml" in message


def test_notes_on_an_unknown_reading_are_refused(services, content_dir: Path) -> None:  # type: ignore[no-untyped-def]
    _write(content_dir, "gibt-es-nicht", 'passages:\n  - anchor: "a b c d e f"\n    gist: ["x"]\n')
    with pytest.raises(ContentError) as err:
        _load(services, content_dir)
    assert "Unbekannte Quelle „gibt-es-nicht“" in str(err.value)


# --- jourfixe notes SLUG: a skeleton to write a reading's notes into -------------------------


def test_the_notes_template_anchors_every_paragraph_once(  # type: ignore[no-untyped-def]
    services, config, content_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert notes_template(config, "wsws-alaska") == 0
    skeleton = capsys.readouterr().out
    assert skeleton.startswith("# Notizen zu den Absätzen von „")
    path = _write(content_dir, "wsws-alaska", skeleton)
    # as printed, every gist is empty: the check names the file and line, in German
    with pytest.raises(ContentError) as err:
        _load(services, content_dir)
    assert "content/passages/wsws-alaska.yaml, Zeile" in str(err.value)
    path.write_text(skeleton.replace('- ""', '- "Unsere Notiz."'), encoding="utf-8")
    notes = _load(services, content_dir).passage_notes
    served = [p for p in services.search.passages_of("wsws-alaska") if p.kind != "debris"]
    assert len({n.passage_id for n in notes}) == len(notes)  # one paragraph each
    assert len(notes) >= len(served) - 2  # (a title line has no six words of its own)


def test_the_notes_template_names_an_unknown_reading(  # type: ignore[no-untyped-def]
    config, capsys: pytest.CaptureFixture[str]
) -> None:
    assert notes_template(config, "gibt-es-nicht") == 1
    assert "Unbekannte Quelle „gibt-es-nicht“. Bekannte Quellen: " in capsys.readouterr().out


def test_an_anchor_is_the_first_run_of_words_no_other_paragraph_has() -> None:
    paragraphs = [
        "Der Senat spart bei den Kliniken und den Schulen der Stadt.",
        "Der Senat spart bei den Kliniken, sagt die Gewerkschaft heute.",
        "Kurz.",
    ]
    others = [normalize(p) for p in paragraphs]
    assert unique_anchor(paragraphs[0], others) == "Der Senat spart bei den Kliniken und"
    assert unique_anchor(paragraphs[1], others) == "Der Senat spart bei den Kliniken,"
    assert unique_anchor(paragraphs[2], others) is None
