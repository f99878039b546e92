"""Dev-set report: hit@1, hit@3, MRR and off-topic handling, next to a BM25 baseline.

Run: python bench/eval_search.py [--verbose]

The baseline is what the issue names: FTS5 bm25 over the same passages with German Snowball
stemming and OR-joined query terms (no compounds, synonyms, fuzzy matching or cut-off).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import Config  # noqa: E402
from bot.core.models import Passage  # noqa: E402
from bot.core.search import SERVED_KINDS, SearchEngine  # noqa: E402
from bot.core.text import normalize, stem, words  # noqa: E402
from bot.services import build_services  # noqa: E402

DEVSET = ROOT / "tests" / "devset.yaml"


@dataclass
class Case:
    q: str
    kind: str
    source: str | None
    expect: str | None
    also: str | None = None


def load_devset(path: Path = DEVSET) -> list[Case]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Case(d["q"], d.get("kind", ""), d.get("source"), d.get("expect"), d.get("also"))
        for d in data
    ]


class Baseline:
    """FTS5 bm25 with Snowball stems and OR-joined terms."""

    def __init__(self, passages: list[Passage]) -> None:
        self.conn = sqlite3.connect(":memory:")
        self.conn.execute("CREATE VIRTUAL TABLE f USING fts5(terms)")
        self.passages = [p for p in passages if p.kind in SERVED_KINDS]
        self.conn.executemany(
            "INSERT INTO f(rowid, terms) VALUES (?, ?)",
            [(i, " ".join(stem(w) for w in words(p.text))) for i, p in enumerate(self.passages)],
        )

    def search(self, query: str, limit: int = 5) -> list[Passage]:
        terms = sorted({stem(w) for w in words(query)})
        if not terms:
            return []
        match = " OR ".join(f'"{t}"' for t in terms)
        rows = self.conn.execute(
            "SELECT rowid FROM f WHERE f MATCH ? ORDER BY bm25(f) LIMIT ?", [match, limit]
        ).fetchall()
        return [self.passages[r[0]] for r in rows]


def is_hit(p: Passage, case: Case, engine: SearchEngine) -> bool:
    if p.source not in (case.source, case.also):
        return False
    whole = " ".join(x.text for x in engine.paragraph(p))
    return normalize(case.expect or "") in normalize(whole)


def evaluate(
    cases: list[Case], run: Callable[[str], list[Passage]], engine: SearchEngine
) -> dict[str, float]:
    hit1 = hit3 = mrr = 0.0
    on_topic = [c for c in cases if c.kind != "offtopic"]
    off = [c for c in cases if c.kind == "offtopic"]
    per_kind: dict[str, list[float]] = defaultdict(list)
    misses: list[str] = []
    for c in on_topic:
        results = run(c.q)
        rank = next((i for i, p in enumerate(results, 1) if is_hit(p, c, engine)), None)
        hit1 += rank == 1
        hit3 += rank is not None and rank <= 3
        mrr += 1 / rank if rank else 0.0
        per_kind[c.kind].append(1.0 if rank == 1 else 0.0)
        if rank != 1:
            got = results[0].id if results else "(leer)"
            misses.append(f"  rank={rank} [{c.kind}] {c.q!r} -> {got} (erwartet {c.source})")
    empty = sum(1 for c in off if not run(c.q))
    n = max(len(on_topic), 1)
    out = {
        "hit@1": hit1 / n,
        "hit@3": hit3 / n,
        "MRR": mrr / n,
        "offtopic_empty": empty / max(len(off), 1),
        "n": len(on_topic),
        "n_off": len(off),
    }
    out.update({f"hit@1[{k}]": sum(v) / len(v) for k, v in sorted(per_kind.items())})
    out["_misses"] = misses  # type: ignore[assignment]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--verbose", action="store_true", help="list the misses")
    parser.add_argument(
        "--set", default=str(DEVSET), help="query file (tests/devset.yaml or tests/holdout.yaml)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        services = build_services(Config(db_path=Path(tmp) / "eval.db"))
        engine = services.search
        cases = load_devset(Path(args.set))
        passages = [p for s in services.catalog.sources for p in engine.passages_of(s.slug)]
        baseline = Baseline(passages)
        ours = evaluate(cases, lambda q: [h.passage for h in engine.search(q, limit=5)], engine)
        base = evaluate(cases, lambda q: baseline.search(q, limit=5), engine)
    print(f"{Path(args.set).name}: {ours['n']} queries, {ours['n_off']} off-topic\n")
    print(f"{'metric':<26}{'jourfixe':>10}{'BM25 baseline':>16}")
    for key in ours:
        if key.startswith("_") or key in ("n", "n_off"):
            continue
        print(f"{key:<26}{ours[key]:>10.3f}{base[key]:>16.3f}")
    if args.verbose:
        print("\nMisses (jourfixe):")
        print("\n".join(ours["_misses"]) or "  none")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
