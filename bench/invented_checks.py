"""A round's invented messages on the seeds: how many questions about the texts get passages,
how many chat messages among the members get none. The file holds two lists, "questions" and
"chat", written before the round's tuning (bench/members16.yaml: round 16, questions addressed
to the members; bench/chat17.yaml: round 17, chat without the usual words of the meeting).
A question may also be written as {q, source, expect} (expect: words of one line of the
source's text); then the right passage at rank 1 and in the top 3 is counted as well.

Run: python bench/invented_checks.py FILE [--verbose] [--off SWITCH,SWITCH]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import Config  # noqa: E402
from bot.core.text import normalize  # noqa: E402
from bot.services import build_services  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", type=Path, help="YAML with the lists 'questions' and 'chat'")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--off", default="", help="switches to turn off, comma-separated")
    args = parser.parse_args()
    sets = yaml.safe_load(args.file.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        services = build_services(Config(db_path=Path(tmp) / "m.db"))
        engine = services.search
        for name in filter(None, args.off.split(",")):
            engine.options = engine.options.without(name)
        for kind, want in (("questions", True), ("chat", False)):
            good = hit1 = hit3 = ranked = 0
            for item in sets[kind]:
                q = item["q"] if isinstance(item, dict) else item
                a = engine.answer(q)
                ok = bool(a.hits) == want
                good += ok
                rank = None
                if isinstance(item, dict) and item.get("expect"):
                    ranked += 1
                    expect = normalize(item["expect"])
                    rank = next(
                        (
                            i
                            for i, h in enumerate(a.hits[:3], 1)
                            if h.passage.source == item["source"]
                            and expect
                            in normalize(" ".join(x.text for x in engine.paragraph(h.passage)))
                        ),
                        None,
                    )
                    hit1 += rank == 1
                    hit3 += rank is not None
                if args.verbose:
                    top = a.hits[0].passage.id if a.hits else "-"
                    flag = "ok " if ok else "BAD"
                    print(
                        f"  {flag} {kind} {top:28} org={a.organisational:d} {a.empty!r:28}"
                        f" rank={rank} {q}"
                    )
            print(f"{kind}: {good}/{len(sets[kind])} as wanted")
            if ranked:
                print(f"{kind}: right passage first {hit1}/{ranked}, in the top 3 {hit3}/{ranked}")


if __name__ == "__main__":
    main()
