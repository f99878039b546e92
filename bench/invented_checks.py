"""A round's invented messages on the seeds: how many questions about the texts get passages,
how many chat messages among the members get none. The file holds two lists, "questions" and
"chat", written before the round's tuning (bench/members16.yaml: round 16, questions addressed
to the members; bench/chat17.yaml: round 17, chat without the usual words of the meeting).

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
            good = 0
            for q in sets[kind]:
                a = engine.answer(q)
                ok = bool(a.hits) == want
                good += ok
                if args.verbose:
                    top = a.hits[0].passage.id if a.hits else "-"
                    flag = "ok " if ok else "BAD"
                    print(f"  {flag} {kind} {top:28} org={a.organisational:d} {a.empty!r:28} {q}")
            print(f"{kind}: {good}/{len(sets[kind])} as wanted")


if __name__ == "__main__":
    main()
