"""The automatic (extractive) summary: TextRank sentences and key terms, always labelled."""

from __future__ import annotations

import pytest

from bot.core.autosummary import (
    AutoSummary,
    auto_summary,
    pagerank,
)
from bot.core.models import Passage
from bot.core.sentences import split_sentences
from bot.handlers.uploads import format_auto_summary
from bot.services import Services


def passages(*paragraphs: str, kind: str = "text") -> list[Passage]:
    return [
        Passage(f"t:{i}", "t", i, 0, i, i, kind, 1, text)
        for i, text in enumerate(paragraphs, start=1)
    ]


TOPIC = [
    "Die Aufrüstung der Europäer soll die Rüstungsindustrie des Kontinents stärken.",
    "Mit der Aufrüstung wollen die Europäer unabhängig von der amerikanischen Rüstung werden.",
    "Die Rüstungsindustrie der Europäer bekommt für die Aufrüstung ein Sondervermögen.",
    "Für die Europäer ist die Aufrüstung eine Frage der Weltmacht und der Rüstungsindustrie.",
    "Die Aufrüstung der Europäer richtet sich gegen Russland und seine Rüstungsindustrie.",
]
NOISE = [
    "Am Rande des Treffens regnete es in Brüssel den ganzen Nachmittag ohne Pause.",
    "Ein Kellner servierte Kaffee und kleine Kuchen auf silbernen Tabletts im Foyer.",
    "Der Fotograf suchte lange nach seinem Objektiv unter den Stühlen des Saals.",
]


def test_central_sentences_in_original_order_and_always_automatic() -> None:
    text = [NOISE[0], TOPIC[0], TOPIC[1], NOISE[1], TOPIC[2], TOPIC[3], NOISE[2], TOPIC[4]]
    summary = auto_summary(passages(" ".join(text[:4]), " ".join(text[4:])))
    assert summary.automatic is True
    assert 3 <= len(summary.sentences) <= 5
    assert all(s in TOPIC for s in summary.sentences)  # no noise sentence is central
    order = [text.index(s) for s in summary.sentences]
    assert order == sorted(order)
    assert summary.passage_ids[0] in ("t:1", "t:2")


def test_questions_are_not_summary_sentences() -> None:
    # protocols ask about the text; the summary should say what it states
    question = "Warum wollen die Europäer mit der Aufrüstung ihre Rüstungsindustrie stärken?"
    summary = auto_summary(passages(question, *TOPIC, *NOISE))
    assert len(summary.sentences) >= 3
    assert question not in summary.sentences


def test_key_terms_are_the_dominant_nouns() -> None:
    summary = auto_summary(passages(" ".join(TOPIC + NOISE)))
    assert 5 <= len(summary.key_terms) <= 10
    assert set(summary.key_terms[:3]) == {"Aufrüstung", "Europäer", "Rüstungsindustrie"}
    assert all(term[0].isupper() for term in summary.key_terms)  # nouns, no filler words
    assert "Kellner" not in summary.key_terms[:3]


def test_repeated_sentences_are_not_chosen_twice() -> None:
    repeated = TOPIC[0]
    summary = auto_summary(passages(repeated, repeated, repeated + " " + TOPIC[1], *TOPIC[2:]))
    assert len(set(summary.sentences)) == len(summary.sentences)
    assert summary.sentences.count(repeated) <= 1


def test_headings_and_debris_are_ignored_and_empty_input_gives_empty_summary() -> None:
    assert auto_summary([]) == AutoSummary((), (), ())
    only_headings = passages("Europa im hybriden Krieg", "Teil 1", kind="heading")
    assert auto_summary(only_headings).sentences == ()
    mixed = passages(*TOPIC) + [Passage("t:99", "t", 99, 0, 1, 1, "debris", 1, NOISE[0])]
    assert NOISE[0] not in auto_summary(mixed).sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Das gilt z. B. für die NATO. Danach kam Trump.", 2),
        ("Am 20. August 2025 traf er Putin. Das war neu.", 2),
        ("Siehe S. 49 und Nr. 3 im Heft. Ende.", 2),
        ("„Es war der beste Tag.“ Sagte CNN. Wirklich?", 3),
        ("Erster Satz. Zweiter Satz! Dritter Satz? vierter klein.", 3),
    ],
)
def test_sentence_splitting(text: str, expected: int) -> None:
    assert len(split_sentences(text)) == expected


def test_pagerank_prefers_the_centre_of_a_star() -> None:
    star = [{1: 1.0, 2: 1.0, 3: 1.0}, {0: 1.0}, {0: 1.0}, {0: 1.0}, {}]
    scores = pagerank(star)
    assert max(range(5), key=scores.__getitem__) == 0
    assert sum(scores) == pytest.approx(1.0)
    assert pagerank([]) == []


def test_seed_source_summary_is_labelled_and_cites_real_passages(services: Services) -> None:
    summary = services.summaries.of("fazi-endspiel")
    assert summary is not None and 3 <= len(summary.sentences) <= 5
    for sentence, pid in zip(summary.sentences, summary.passage_ids, strict=True):
        passage = services.search.passage(pid)
        assert passage is not None and passage.source == "fazi-endspiel"
        assert sentence in " ".join(passage.text.split())
    assert services.summaries.of("fazi-endspiel") is summary  # cached
    assert services.summaries.of("gibt-es-nicht") is None
    html = format_auto_summary(summary)
    assert "(automatisch erstellt)" in html
    assert html.count("•") == len(summary.sentences)


def test_summary_html_escapes_source_text() -> None:
    summary = AutoSummary(("A <b> & B sind gleich.",), ("A&B",), ("t:1",))
    html = format_auto_summary(summary)
    assert "A &lt;b&gt; &amp; B" in html and "A&amp;B" in html


def test_very_long_texts_are_sampled(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.core import autosummary

    monkeypatch.setattr(autosummary, "MAX_SENTENCES", 20)
    many = [f"{TOPIC[i % 5][:-1]} im Jahr {1900 + i}." for i in range(100)]
    summary = auto_summary(passages(*many))
    assert 3 <= len(summary.sentences) <= 5
    assert all(s in many for s in summary.sentences)


def test_a_book_is_summed_up_from_paragraphs_across_its_whole_length(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from bot.core import autosummary

    monkeypatch.setattr(autosummary, "MAX_PASSAGES", 10)
    many = [f"{TOPIC[i % 5][:-1]} im Jahr {1900 + i}." for i in range(100)]
    summary = auto_summary(passages(*many))
    assert 3 <= len(summary.sentences) <= 5
    assert all(s in many for s in summary.sentences)
    read = {many.index(s) for s in summary.sentences}
    assert all(i % 10 == 0 for i in read)  # the sample: every tenth paragraph, not the first ten
