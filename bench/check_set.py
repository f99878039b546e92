"""Check a new evaluation set before its first run: counts per kind and per source, and that every
expected snippet stands in a passage of its source, and in one the bot serves.

Run: python bench/check_set.py FILE.yaml

A snippet in no passage would count every right answer as a miss; one in a passage the bot does not
serve (a photo caption, a book advertised: "debris") is reachable only through the debris path, and
is listed so that the report can say so. The writer's brief for such sets: bench/WRITER-BRIEF.md.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from eval_search import is_hit, load_devset  # noqa: E402

from bot.config import Config  # noqa: E402
from bot.core.search import SERVED_KINDS  # noqa: E402
from bot.services import build_services  # noqa: E402


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    cases = load_devset(Path(sys.argv[1]))
    print(len(cases), "messages;", dict(Counter(c.kind for c in cases)))
    print("per source:", dict(Counter(c.source for c in cases if c.source)))
    missing = unserved = 0
    with tempfile.TemporaryDirectory() as tmp:
        engine = build_services(Config(db_path=Path(tmp) / "check.db")).search
        for case in cases:
            if case.kind == "offtopic":
                continue
            found = [p for p in engine.passages_of(case.source or "") if is_hit(p, case, engine)]
            if not found:
                missing += 1
                print("NOT IN ANY PASSAGE:", case.source, repr(case.expect))
            elif not any(p.kind in SERVED_KINDS for p in found):
                unserved += 1
                print("only in", found[0].kind, found[0].id + ":", repr(case.expect))
    print(f"not found: {missing}; only in passages not served: {unserved}")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
