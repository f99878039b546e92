"""A blind second reading of the misses: is the bot's first passage an answer too?

A set's expected snippet names one passage; a question may have more than one good answer.
``make`` writes, for each on-topic message of the given sets whose first passage is not the
expected one (and is not empty), the message and the two passages in random order as X and Y
(``items.md``), and which is which (``key.json``). A reader who sees only ``items.md`` and the
brief (``bench/judge-rs/BRIEF.md``) judges each passage ja / teilweise / nein
(``verdicts.csv``); ``summary`` counts the verdicts on the bot's passage and on the expected one.
Run: python bench/judge_misses.py make DIR SET.yaml… | summary DIR
"""

from __future__ import annotations

import csv
import json
import random
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import Config  # noqa: E402
from bot.services import build_services  # noqa: E402


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def make(out: Path, sets: list[Path]) -> int:
    rng = random.Random(21)
    items, key = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        engine = build_services(Config(db_path=Path(tmp) / "judge.db")).search
        passages = [p for s in engine.catalog.sources for p in engine.passages_of(s.slug)]
        for path in sets:
            for case in yaml.safe_load(path.read_text(encoding="utf-8")):
                if not isinstance(case, dict) or not case.get("expect"):
                    continue
                snippet = _norm(case["expect"])
                hits = engine.search(case["q"], limit=3)
                if not hits or snippet in _norm(hits[0].passage.text):
                    continue
                own = [p for p in passages if p.source == case["source"]]
                expected = next((p for p in own if snippet in _norm(p.text)), None)
                if expected is None:
                    continue
                pair = [("engine", hits[0].passage), ("expected", expected)]
                rng.shuffle(pair)
                n = len(items) + 1
                items.append((n, case["q"], _norm(pair[0][1].text), _norm(pair[1][1].text)))
                key[n] = {"X": pair[0][0], "Y": pair[1][0], "set": path.stem, "kind": case["kind"]}
    out.mkdir(parents=True, exist_ok=True)
    (out / "key.json").write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
    with (out / "items.md").open("w", encoding="utf-8") as f:
        for n, q, x, y in items:
            f.write(f"## {n}\nFrage: {q}\n\nX: {x}\n\nY: {y}\n\n")
    print(f"{len(items)} items in {out / 'items.md'}")
    return 0


def summary(folder: Path) -> int:
    key = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    rows = list(csv.DictReader((folder / "verdicts.csv").open(encoding="utf-8")))
    bot, expected = Counter(), Counter()
    by_kind: dict[str, Counter[str]] = {}
    for r in rows:
        k = key[r["id"]]
        ours = r["X"] if k["X"] == "engine" else r["Y"]
        bot[ours] += 1
        expected[r["X"] if k["X"] == "expected" else r["Y"]] += 1
        by_kind.setdefault(k["kind"], Counter())[ours] += 1
    print(f"{len(rows)} misses judged (ja / teilweise / nein)")
    print(f"bot's first passage: {bot['ja']} / {bot['teilweise']} / {bot['nein']}")
    print(f"expected passage:    {expected['ja']} / {expected['teilweise']} / {expected['nein']}")
    for kind, c in sorted(by_kind.items()):
        print(f"  {kind:13s} bot's: {c['ja']} / {c['teilweise']} / {c['nein']}")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["make"] and len(sys.argv) > 3:
        sys.exit(make(Path(sys.argv[2]), [Path(p) for p in sys.argv[3:]]))
    if sys.argv[1:2] == ["summary"] and len(sys.argv) == 3:
        sys.exit(summary(Path(sys.argv[2])))
    sys.exit(__doc__)
