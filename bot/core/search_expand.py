"""Document expansion: our own paraphrases of a passage, so a question in other words finds it.

Positions, theses and summaries are written in our words and say what passages say:
- a position points at its evidence passages: its text expands them;
- optionally, a thesis or a summary sentence is aligned to the passage of its source it
  matches best (the engine's own ranking, expansion off) and expands that passage;
- a reading without written content gets the OpenThesaurus synonyms of its automatic key terms
  on the passages that use a key term;
- our notes on a paragraph (content/passages) expand that paragraph (``paragraph_texts``; the
  engine uses them while SearchOptions.passage_notes is on).

The engine keeps expansion text in memory beside the index (``SearchEngine.set_expansions``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from bot.core.search_lexicon import lemma_word
from bot.core.text import stem, words

if TYPE_CHECKING:
    from bot.core.content import ContentStore
    from bot.core.search import SearchEngine

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„\"])")
MIN_ALIGN_COVERAGE = 0.0  # alignment keeps the engine's own best passage (it has cut-offs)


def split_summary(text: str) -> list[str]:
    """Sentences of a written summary (our own prose: simple end-of-sentence rule)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if len(words(s)) >= 4]


def expansion_texts(
    content: ContentStore | None,
    engine: SearchEngine,
    key_terms: Callable[[str], Iterable[str]] | None = None,
    align_summaries: bool = False,
) -> dict[str, list[str]]:
    """Passage id -> expansion texts, from written content and automatic key terms.

    ``align_summaries`` also aligns theses and summary sentences to passages. Off by default:
    measured on the dev set it cost more than it gave (hit@1 0.937 -> 0.923; chat set
    +0.008), because an automatic alignment puts paraphrases on passages that do not say
    them.
    """
    out: dict[str, list[str]] = defaultdict(list)
    with_content: set[str] = set()
    if content is not None:
        for pos in content.positions:
            text = pos.text
            with_content.add(pos.source)
            for ev in pos.evidence:
                out[ev.passage_id].append(text)
        for slug in content.summaries:
            with_content.add(slug)
    if content is not None and align_summaries:
        before = engine.options
        engine.options = before.without("expansion")
        try:
            for slug, summary in content.summaries.items():
                for sentence in (*summary.theses, *split_summary(summary.full)):
                    hits = engine.search(sentence, limit=1, source=slug)
                    if hits:
                        out[hits[0].passage.id].append(sentence)
        finally:
            engine.options = before
    if key_terms is not None:
        for source in engine.catalog.sources:
            if source.slug not in with_content:
                _key_term_synonyms(engine, source.slug, key_terms(source.slug), out)
    return dict(out)


def paragraph_texts(
    content: ContentStore | None,
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Our notes on paragraphs (content/passages), by passage id, and the questions we wrote
    that a paragraph answers (only paragraphs with questions)."""
    kept = content.passage_notes if content is not None else []
    notes = {n.passage_id: list(n.gist) for n in kept}
    asks = {n.passage_id: list(n.asks) for n in kept if n.asks}
    return notes, asks


def _key_term_synonyms(
    engine: SearchEngine, slug: str, terms: Iterable[str], out: dict[str, list[str]]
) -> None:
    """The thesaurus neighbours of a reading's key terms, on the passages that use a term."""
    neighbours: list[tuple[str, str]] = []  # (stem of the key term, its neighbours)
    for term in terms:
        ws = words(term)
        if len(ws) != 1:
            continue
        related = engine.thesaurus.related_words(ws[0]) or engine.thesaurus.related_words(
            lemma_word(term)
        )
        if related:
            neighbours.append((stem(ws[0]), " ".join(related)))
    if not neighbours:
        return
    for p in engine.passages_of(slug):  # each passage read once, not once per key term
        stems = {stem(w) for w in words(p.text)}
        for t, text in neighbours:
            if t in stems:
                out[p.id].append(text)
