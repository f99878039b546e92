"""Search speed: per-query latency (p50/p95) and index build speed, next to the baseline.

Run: python bench/bench_search.py [--passages 100000]

Both engines run in this process on the same machine in the same run:
- jourfixe: bot.core.search.SearchEngine (FTS5 recall + our scoring);
- baseline: FTS5 bm25 over Snowball stems with OR-joined terms (bench/eval_search.Baseline).
Corpora: the five seed sources, and a synthetic corpus of N passages made by shuffling the
seed sentences into new paragraphs (deterministic seed).
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from eval_search import Baseline, load_devset  # noqa: E402

from bot.config import Config  # noqa: E402
from bot.core.catalog import Catalog  # noqa: E402
from bot.core.ingest import split_sentences  # noqa: E402
from bot.core.models import Passage, Source  # noqa: E402
from bot.core.search import MAX_QUERY_CHARS, SERVED_KINDS, SearchEngine  # noqa: E402
from bot.core.store import Store  # noqa: E402
from bot.services import build_services  # noqa: E402

# peak of this same bench with the code before issue 11 (2767770), measured on 2026-12-01
PEAK_BEFORE_MB = 1517


def percentiles(samples: list[float]) -> tuple[float, float]:
    qs = statistics.quantiles(samples, n=100, method="inclusive")
    return qs[49], qs[94]


def time_queries(run, queries: list[str], repeat: int = 3) -> list[float]:
    for q in queries[:10]:  # warm caches once
        run(q)
    out = []
    for _ in range(repeat):
        for q in queries:
            t0 = time.perf_counter()
            run(q)
            out.append((time.perf_counter() - t0) * 1000)
    return out


def synthetic(passages: list[Passage], n: int, rng: random.Random) -> list[Passage]:
    sentences = [s for p in passages if p.kind in SERVED_KINDS for s in split_sentences(p.text)]
    slugs = [f"syn-{i}" for i in range(50)]
    out = []
    for i in range(n):
        k = rng.randint(2, 6)
        text = " ".join(rng.choice(sentences) for _ in range(k))
        slug = slugs[i % len(slugs)]
        out.append(Passage(f"{slug}:{i}", slug, i, 0, i, i, "text", 1, text))
    return out


def worst_case_queries(rng: random.Random) -> dict[str, str]:
    """Inputs at the limits (issue 12): folding that expands, long words, many unknown words."""
    letters = "abcdefghijklmnopqrstuvwxyzäöüß"
    return {
        "2000 x '㌖' (folds to 6 letters)": "㌖" * MAX_QUERY_CHARS,
        "1000 x '㌖ ' (1000 words)": "㌖ " * (MAX_QUERY_CHARS // 2),
        "500 x 'äöüß'": "äöüß" * (MAX_QUERY_CHARS // 4),
        "48 x 40-letter compound": " ".join(["Friedensnobelpreisträgerinnenversammlung"] * 48),
        "120 random 16-letter words": " ".join(
            "".join(rng.choice(letters) for _ in range(16)) for _ in range(120)
        ),
        "FTS syntax and emoji": ('NEAR(" AND *) OR "^ 🙂👍🏽 ' * 80)[:MAX_QUERY_CHARS],
    }


def time_worst(engine: SearchEngine, queries: dict[str, str], repeat: int = 3) -> None:
    print(f"\n{'worst-case input (ms, answer + suggest)':<44}{'max':>9}")
    for name, q in queries.items():
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            engine.answer(q, limit=30)
            engine.suggest(q)
            times.append((time.perf_counter() - t0) * 1000)
        print(f"{name:<44}{max(times):>9.1f}")


def peak_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(name: str, ours: list[float], base: list[float]) -> None:
    o50, o95 = percentiles(ours)
    b50, b95 = percentiles(base)
    print(f"{name:<32}{o50:>9.2f}{o95:>9.2f}   {b50:>9.2f}{b95:>9.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(7)
    chat = ROOT / "tests" / "chatset.yaml"
    queries = [c.q for c in load_devset()] + [c.q for c in load_devset(chat)]
    with tempfile.TemporaryDirectory() as tmp:
        services = build_services(Config(db_path=Path(tmp) / "seed.db"))
        engine = services.search
        seed_passages = [p for s in services.catalog.sources for p in engine.passages_of(s.slug)]
        seed_bytes = sum(len(p.text.encode()) for p in seed_passages)
        t0 = time.perf_counter()
        engine.ensure_index(services.config.seeds_dir, force=True)
        seed_build = time.perf_counter() - t0
        t0 = time.perf_counter()
        baseline = Baseline(seed_passages)
        base_build = time.perf_counter() - t0

        rerank = engine.semantic  # the semantic extra, where installed
        engine.semantic = None  # the words-only engine first: what every install runs
        print(f"{'latency in ms (p50, p95)':<32}{'jourfixe':>18}   {'BM25 baseline':>18}")
        report(
            f"seeds ({len(seed_passages)} passages)",
            time_queries(lambda q: engine.search(q, limit=5), queries),
            time_queries(lambda q: baseline.search(q, limit=5), queries),
        )
        if rerank is not None:
            served = [p.text for p in seed_passages if p.kind in SERVED_KINDS]
            t0 = time.perf_counter()
            rerank.warm(served)  # what the bot does in the background at start
            warm = time.perf_counter() - t0
            engine.semantic = rerank
            weak = [q for q in queries if engine.answer(q, limit=5).weak]

            def first_asked(q: str) -> list:
                rerank.forget_messages()  # each message embedded as if never asked before
                return engine.search(q, limit=5)

            report(
                "seeds, semantic extra",
                time_queries(first_asked, queries),
                time_queries(lambda q: baseline.search(q, limit=5), queries),
            )
            report(
                f"  its weak answers ({len(weak)})",
                time_queries(first_asked, weak),
                time_queries(lambda q: baseline.search(q, limit=5), weak),
            )
            for q in weak:  # asked once: the page that follows asks again
                engine.search(q, limit=5)
            report(
                "  the same, asked again (a page)",
                time_queries(lambda q: engine.search(q, limit=5), weak),
                time_queries(lambda q: baseline.search(q, limit=5), weak),
            )
            print(
                f"semantic warm-up: {len(served)} passages in {warm:.1f} s "
                f"({warm / max(len(served), 1) * 1000:.0f} ms each, once; cached in the database)"
            )
            engine.semantic = None
        else:
            print("(semantic extra not installed: pip install -e '.[semantic]' to measure it)")

        time_worst(engine, worst_case_queries(random.Random(3)))
        print(f"peak memory after the seeds: {peak_mb():.0f} MB\n")

        big = synthetic(seed_passages, args.passages, rng)
        big_bytes = sum(len(p.text.encode()) for p in big)
        sources = [
            Source(
                s, s, "synthetic", "bench", services.catalog.sources[0].date, "article", "-", "-"
            )
            for s in sorted({p.source for p in big})
        ]
        store = Store.open(Path(tmp) / "big.db")
        big_engine = SearchEngine(store, Catalog(sources))
        t0 = time.perf_counter()
        big_engine.index_passages(big)
        big_build = time.perf_counter() - t0
        t0 = time.perf_counter()
        big_base = Baseline(big)
        big_base_build = time.perf_counter() - t0
        big_engine.set_expansions({})  # synthetic passages have no written content
        sample = rng.sample(queries, min(args.queries, len(queries)))
        report(
            f"synthetic ({len(big):,} passages)",
            time_queries(lambda q: big_engine.search(q, limit=5), sample, repeat=1),
            time_queries(lambda q: big_base.search(q, limit=5), sample, repeat=1),
        )
        time_worst(big_engine, worst_case_queries(random.Random(3)), repeat=1)

    mb = 1024 * 1024
    print(f"\n{'index build':<32}{'jourfixe':>18}   {'BM25 baseline':>18}")
    print(
        f"{'seeds (' + format(seed_bytes / mb, '.2f') + ' MB)':<32}"
        f"{seed_bytes / mb / seed_build:>13.2f} MB/s   {seed_bytes / mb / base_build:>13.2f} MB/s"
    )
    print(
        f"{'synthetic (' + format(big_bytes / mb, '.1f') + ' MB)':<32}"
        f"{big_bytes / mb / big_build:>13.2f} MB/s   "
        f"{big_bytes / mb / big_base_build:>13.2f} MB/s"
    )
    print(f"\nbuild seconds: jourfixe {big_build:.1f} s, baseline {big_base_build:.1f} s")
    print(
        f"peak memory of the process at {len(big):,} passages: {peak_mb():.0f} MB "
        f"(both engines; before issue 11 the same bench peaked at {PEAK_BEFORE_MB} MB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
