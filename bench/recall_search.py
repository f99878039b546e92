"""How deep the words find the right passage: the rank of each on-topic message's expected
passage in the engine's first 100 passages, without the semantic extra.

The semantic extra (SearchOptions.semantic) only reorders what the words find: the first 20
candidates, and for a weak answer the closest of candidates 21 to 100. A lexical change that
brings the right passage into the first 20 or 100 helps it even where it does not move first
place; hit@1 alone does not show that. Per set and per kind of message, the count of messages
whose expected passage is first, second or third, 4th to 20th, 21st to 100th, or not among the
first 100 (or the answer is empty); ``--without a,b`` prints the same for the engine minus those
switches beside it. Only the tuning sets (eval_search.REPORT_ONLY never runs here).

Run: python bench/recall_search.py [--without switch,…] [--set FILE]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from eval_search import REPORT_ONLY, SETS, is_hit, load_devset  # noqa: E402

from bot.config import Config  # noqa: E402
from bot.core.search import MECHANISMS, SearchEngine, SearchOptions  # noqa: E402
from bot.services import build_services  # noqa: E402

DEPTH = 100
BUCKETS = ("1", "2-3", "4-20", "21-100", "none")


def bucket(rank: int | None) -> str:
    if rank is None:
        return "none"
    if rank == 1:
        return "1"
    return "2-3" if rank <= 3 else "4-20" if rank <= 20 else "21-100"


def ranks(engine: SearchEngine, options: SearchOptions, path: Path) -> list[tuple[str, str]]:
    """(kind, bucket) per on-topic message of a set."""
    engine.options = options
    out = []
    for case in load_devset(path):
        if case.kind == "offtopic":
            continue
        hits = engine.search(case.q, limit=DEPTH)
        rank = next((i for i, h in enumerate(hits, 1) if is_hit(h.passage, case, engine)), None)
        out.append((case.kind, bucket(rank)))
    return out


def table(title: str, rows: list[list[tuple[str, str]]], names: list[str]) -> None:
    print(title)
    kinds = sorted({k for r in rows for k, _ in r})
    for kind in ["all", *kinds]:
        cells = []
        for r in rows:
            got = Counter(b for k, b in r if kind in ("all", k))
            cells.append(" ".join(f"{got[b]:6d}" for b in BUCKETS))
        print(f"  {kind:<14}" + "   |  ".join(cells))
    print(f"  {'':<14}" + "   |  ".join(" ".join(f"{b:>6}" for b in BUCKETS) for _ in names))
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--without", help="also the engine minus these switches (comma-separated)")
    parser.add_argument("--set", help="one query file instead of the tuning sets")
    args = parser.parse_args()
    without = args.without.split(",") if args.without else []
    if not set(without) <= set(MECHANISMS):
        parser.error(f"unknown mechanisms: {', '.join(sorted(set(without) - set(MECHANISMS)))}")
    sets = {Path(args.set).stem: Path(args.set)} if args.set else SETS
    sets = {n: p for n, p in sets.items() if not REPORT_ONLY & {n, p.stem}}
    os.environ["JOURFIXE_SEMANTIC"] = "0"  # the words' order: the extra only reorders it
    variants = [SearchOptions()]
    if without:
        minus = SearchOptions()
        for name in without:
            minus = minus.without(name)
        variants.append(minus)
    names = ["engine", *(["-" + ",".join(without)] if without else [])]
    totals: list[list[tuple[str, str]]] = [[] for _ in variants]
    with tempfile.TemporaryDirectory() as tmp:
        engine = build_services(Config(db_path=Path(tmp) / "recall.db")).search
        engine.semantic = None
        print(
            "columns: "
            + "   |  ".join(names)
            + f" (rank of the expected passage, first {DEPTH})\n"
        )
        for set_name, path in sets.items():
            if not path.is_file():
                continue
            rows = [ranks(engine, options, path) for options in variants]
            for total, r in zip(totals, rows, strict=True):
                total.extend(r)
            table(f"{set_name} ({path.name})", rows, names)
        engine.options = SearchOptions()
    table("all sets", totals, names)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
