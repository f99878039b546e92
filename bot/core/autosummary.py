"""Extractive summary for a source without written content: TextRank over its sentences.

The summary is the 3–5 most central sentences (in their original order) plus 5–10 key terms.
It is always marked ``automatic=True`` so that every reply can label it "automatisch erstellt";
a written summary (content/summaries/<slug>.yaml) replaces it wherever one exists.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from bot.core.models import Passage
from bot.core.sentences import split_sentences
from bot.core.text import normalize

if TYPE_CHECKING:
    from bot.core.catalog import Catalog
    from bot.core.search import SearchEngine

# German function words (plus a few English ones that appear in quotes and names). Own list:
# articles, pronouns, prepositions, conjunctions, auxiliaries, modal verbs, particles and
# very frequent adverbs that carry no topic.
STOP_WORDS = frozenset(
    """
    a ab aber alle allein allem allen aller alles als also am an ander andere anderem anderen
    anderer anderes andern anders auch auf aus bei beide beiden beim bereits besonders bin bis
    bisher bist bzw da dabei dadurch dafür dagegen daher dahin damals damit danach daneben dann
    daran darauf daraus darf darin darum darunter darüber das dass davon davor dazu dem demnach
    den denen denn dennoch der deren derer des deshalb dessen dich die dies diese diesem diesen
    dieser dieses dir doch dort du durch eben ebenfalls ebenso eher eigentlich ein eine einem
    einen einer eines einfach einige einigen einiger einiges einmal er es etwa etwas euch euer
    eure für gab gar gegen gegenüber geht gemacht gewesen gibt ging habe haben hat hatte hatten
    hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im immer in indem ins
    insbesondere ist ja je jede jedem jeden jeder jedes jedoch jene jenem jenen jener jenes jetzt
    kam kann kaum kein keine keinem keinen keiner keines können könnte könnten konnte konnten
    lässt lassen man manche manchem manchen mancher manches mehr mein meine meinem meinen meiner
    meist meisten mich mir mit muss musste müssen müsste nach nachdem neben nicht nichts noch
    nun nur ob oder ohne schon sehr sei seien sein seine seinem seinen seiner seines seit selbst
    sich sie sind so sogar solche solchem solchen solcher solches soll sollen sollte sollten
    somit sondern sowie sowohl statt tun um und uns unser unsere unserem unseren unserer unter
    viel viele vielen vielleicht vom von vor wann war waren warum was weder weil weiter weitere
    weiteren welche welchem welchen welcher welches wenn wer werde werden wie wieder will wir
    wird wo wobei wohl wollen wollte worden wurde wurden während würde würden zu zum zur zwar
    zwischen über überhaupt ganz gerade heute mal beim bloß bislang deren dazu derzeit erst
    etwa letztlich ebenso eigene eigenen eigener eigenes jemand niemand hierbei hierzu darüber
    sowas wegen trotz mittels laut gleich genau the of and to in is that for on with as by it
    be this are was an at or from not but
    """.split()
)

MAX_PASSAGES = 1000  # read for sentences and key terms; a book's are sampled evenly
MAX_SENTENCES = 400  # the graph is quadratic: ~0.3 s; longer texts (books) are sampled evenly


@dataclass(frozen=True)
class AutoSummary:
    """An extractive summary; ``automatic`` is always True (label it in every reply)."""

    sentences: tuple[str, ...]  # 3–5 central sentences in their original order
    key_terms: tuple[str, ...]  # 5–10 terms, most central first
    passage_ids: tuple[str, ...]  # the passage each sentence comes from
    automatic: bool = True


@lru_cache(maxsize=1)
def _stemmer():  # PyStemmer has no type hints
    import Stemmer

    return Stemmer.Stemmer("german")


def _fold(word: str) -> str:
    return normalize(word.lower())


def words(text: str) -> list[str]:
    """Word tokens as written (letters and digits, inner hyphens kept)."""
    return re.findall(r"\w+(?:-\w+)*", text)


def stems(text: str) -> list[str]:
    """Stemmed content tokens of ``text`` (stop words, numbers and 1–2 letter words dropped)."""
    out: list[str] = []
    for w in words(text):
        lw = w.lower()
        if lw in STOP_WORDS or len(lw) < 3 or lw.isdigit():
            continue
        out.append(_fold(_stemmer().stemWord(lw)))
    return out


def _similarity(a: Counter[str], b: Counter[str], la: int, lb: int) -> float:
    """TextRank's sentence similarity: shared stems over the log of both lengths."""
    if la < 2 or lb < 2:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    common = 0  # sum((a & b).values()), without building a Counter for each of ~500 000 pairs
    for stem, n in a.items():
        m = b.get(stem)
        if m:
            common += n if n < m else m
    return common / (math.log(la) + math.log(lb)) if common else 0.0


def pagerank(
    weights: Sequence[dict[int, float]],
    damping: float = 0.85,
    iterations: int = 100,
    tol: float = 1e-6,
    prior: Sequence[float] | None = None,
) -> list[float]:
    """Weighted PageRank by power iteration over an undirected graph given as adjacency maps."""
    n = len(weights)
    if n == 0:
        return []
    teleport = list(prior) if prior else [1.0] * n
    total = sum(teleport) or 1.0
    teleport = [t / total for t in teleport]
    out_sum = [sum(w.values()) for w in weights]
    scores = [1.0 / n] * n
    for _ in range(iterations):
        new = [(1 - damping) * teleport[i] for i in range(n)]
        dangling = sum(scores[j] for j in range(n) if out_sum[j] == 0)
        for j in range(n):
            if out_sum[j] == 0:
                continue
            share = damping * scores[j] / out_sum[j]
            for i, w in weights[j].items():
                new[i] += share * w
        for i in range(n):
            new[i] += damping * dangling * teleport[i]
        delta = sum(abs(a - b) for a, b in zip(new, scores, strict=True))
        scores = new
        if delta < tol:
            break
    return scores


def _summary_count(n: int) -> int:
    return max(3, min(5, round(n / 20) + 2))


def auto_summary(passages: Iterable[Passage], max_sentences: int | None = None) -> AutoSummary:
    """The most central sentences and key terms of a source's passages (TextRank)."""
    units: list[tuple[str, str]] = []  # (sentence, passage id)
    seen: set[str] = set()
    served = [p for p in passages if p.kind not in ("heading", "debris")]
    if len(served) > MAX_PASSAGES:  # a book: an evenly spread sample of its paragraphs
        step = len(served) / MAX_PASSAGES
        served = [served[int(i * step)] for i in range(MAX_PASSAGES)]
    for p in served:
        for s in split_sentences(p.text):
            s = re.sub(r"\s+", " ", s).strip(" —–-*")
            key = s.lower()
            if len(words(s)) < 4 or key in seen:
                continue
            seen.add(key)
            units.append((s, p.id))
    if not units:
        return AutoSummary((), (), ())
    all_sentences = [s for s, _ in units]
    if len(units) > MAX_SENTENCES:
        # the graph is quadratic: rank an evenly spread sample of a very long text
        step = len(units) / MAX_SENTENCES
        units = [units[int(i * step)] for i in range(MAX_SENTENCES)]
    bags = [Counter(stems(s)) for s, _ in units]
    lengths = [sum(b.values()) for b in bags]
    n = len(units)
    graph: list[dict[int, float]] = [{} for _ in range(n)]
    index: dict[str, list[int]] = defaultdict(list)
    for i, bag in enumerate(bags):
        for stem in bag:
            index[stem].append(i)
    for i in range(n):
        neighbours = {j for stem in bags[i] for j in index[stem] if j > i}
        for j in neighbours:
            w = _similarity(bags[i], bags[j], lengths[i], lengths[j])
            if w > 0:
                graph[i][j] = w
                graph[j][i] = w
    scores = pagerank(graph)
    k = max_sentences or _summary_count(n)
    eligible = [
        i
        for i in range(n)
        if 8 <= len(words(units[i][0])) <= 60 and not units[i][0].rstrip("\"“”»«)'’").endswith("?")
    ] or list(range(n))
    ranked = sorted(eligible, key=lambda i: (-scores[i], i))
    chosen: list[int] = []
    for i in ranked:
        # skip near-repeats of a sentence already chosen
        if any(_overlap(bags[i], bags[j]) > 0.6 for j in chosen):
            continue
        chosen.append(i)
        if len(chosen) == k:
            break
    # a text saying one thing over and over: still give at least three sentences
    for i in ranked:
        if len(chosen) >= min(3, k):
            break
        if i not in chosen:
            chosen.append(i)
    chosen.sort()
    return AutoSummary(
        sentences=tuple(units[i][0] for i in chosen),
        key_terms=tuple(key_terms(all_sentences)),
        passage_ids=tuple(units[i][1] for i in chosen),
    )


def _overlap(a: Counter[str], b: Counter[str]) -> float:
    small = min(sum(a.values()), sum(b.values())) or 1
    return sum((a & b).values()) / small


def key_terms(sentences: Sequence[str], count: int = 8, window: int = 4) -> list[str]:
    """Key terms by TextRank over stem co-occurrence; nouns (capitalised mid-sentence) preferred.

    Each term is shown in its most frequent written form.
    """
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    capitalised: Counter[str] = Counter()
    freq: Counter[str] = Counter()
    sequences: list[list[str]] = []
    for s in sentences:
        seq: list[str] = []
        for pos, w in enumerate(re.findall(r"\w+(?:-\w+)*-?", s)):
            lw = w.lower()
            if lw.endswith("-"):  # "Staats-" of "Staats- und Regierungschefs"
                continue
            if lw in STOP_WORDS or len(lw) < 4 or any(ch.isdigit() for ch in lw):
                continue
            stem = _fold(_stemmer().stemWord(lw))
            forms[stem][w] += 1
            freq[stem] += 1
            if pos > 0 and w[0].isupper():
                capitalised[stem] += 1
            seq.append(stem)
        sequences.append(seq)
    nouns = {s for s in freq if capitalised[s] >= 0.5 * freq[s]}
    vocab = [s for s in freq if s in nouns and freq[s] >= 2]
    # short texts: nouns seen once, then other words seen twice (never any word seen once)
    for tier in (
        [s for s in freq if s in nouns and freq[s] == 1],
        [s for s in freq if s not in nouns and freq[s] >= 2],
    ):
        if len(vocab) >= count:
            break
        vocab += tier
    ids = {s: i for i, s in enumerate(vocab)}
    graph: list[dict[int, float]] = [{} for _ in vocab]
    for seq in sequences:
        kept = [ids[s] for s in seq if s in ids]
        for a_pos, a in enumerate(kept):
            for b in kept[a_pos + 1 : a_pos + window]:
                if a != b:
                    graph[a][b] = graph[a].get(b, 0.0) + 1.0
                    graph[b][a] = graph[b].get(a, 0.0) + 1.0
    scores = pagerank(graph)
    ranked = sorted(
        range(len(vocab)), key=lambda i: (-scores[i] * math.log(1 + freq[vocab[i]]), i)
    )
    out: list[str] = []
    for i in ranked[:count]:
        form = forms[vocab[i]].most_common(1)[0][0]
        out.append(form if not form.isupper() or len(form) <= 5 else form.capitalize())
    return out


class AutoSummaries:
    """Automatic summaries of indexed sources, cached per source text."""

    def __init__(self, catalog: Catalog, search: SearchEngine) -> None:
        self.catalog = catalog
        self.search = search
        self._cache: dict[tuple[str, str], AutoSummary] = {}

    def of(self, slug: str) -> AutoSummary | None:
        """The automatic summary of a source; None if unknown or without passages.

        Callers show it only where no written summary exists, labelled "automatisch erstellt".
        """
        source = self.catalog.get(slug)
        if source is None:
            return None
        key = (slug, source.sha256)
        if key not in self._cache:
            passages = self.search.passages_of(slug)
            if not passages:
                return None
            self._cache[key] = auto_summary(passages)
        return self._cache[key]
