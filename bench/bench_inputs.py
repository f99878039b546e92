"""Any message, through the whole handler path: time per message next to a plain question.

Run: python bench/bench_inputs.py [--messages 400]

Issue 12 asks that any message up to the limits (Telegram's 4096 characters, characters whose
Unicode folding expands, FTS syntax, emoji, long compounds, every command) is handled in
<= 200 ms in-process. tests/test_limits.py draws such messages with hypothesis and checks a
generous bound (machines running the tests are noisy); this bench draws them from a fixed
seed, times each one through the console dispatcher, and prints the distribution next to a
baseline measured in the same run: the same plain question asked again and again.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fixtures.hostile import MESSAGE_PIECES as PIECES  # noqa: E402
from fixtures.hostile import MESSAGE_PREFIXES as PREFIXES  # noqa: E402
from helpers import send  # noqa: E402

from bot.config import Config  # noqa: E402
from bot.services import build_services  # noqa: E402

TARGET_MS = 200.0
PLAIN = "/frage Warum lehnt Russland den Friedensplan ab?"


def messages(rng: random.Random, n: int) -> list[str]:
    out = []
    for i in range(n):
        size = rng.choice([10, 100, 400, 1200, 4096])
        text = "".join(rng.choice(PIECES) for _ in range(size))
        if i % 7 == 0:  # the worst single characters, repeated up to the message limit
            text = rng.choice(["㌖", "äöüß", "ﬃ", "🙂"]) * 4096
        out.append((PREFIXES[i % len(PREFIXES)] + text)[:4096])
    return out


def timed(services, text: str, chat_type: str) -> float:
    start = time.perf_counter()
    send(text, services, chat_type=chat_type, chat_id=-100_4242 if chat_type == "group" else 42)
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=400)
    args = parser.parse_args()
    rng = random.Random(12)
    with tempfile.TemporaryDirectory() as tmp:
        services = build_services(Config(db_path=Path(tmp) / "inputs.db"))
        timed(services, PLAIN, "private")  # dictionaries loaded before timing
        rows = []
        for chat_type in ("private", "group"):
            base = [timed(services, PLAIN, chat_type) for _ in range(50)]
            times = [timed(services, m, chat_type) for m in messages(rng, args.messages)]
            rows.append((chat_type, base, times))
        services.store.close()
    print(f"{'chat':<9}{'what':<28}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    worst = 0.0
    for chat_type, base, times in rows:
        for name, xs in (("plain question (baseline)", base), ("random messages", times)):
            p95 = sorted(xs)[round(0.95 * (len(xs) - 1))]
            print(
                f"{chat_type:<9}{name:<28}{len(xs):>5}{statistics.median(xs):>9.1f}"
                f"{p95:>9.1f}{max(xs):>9.1f}"
            )
        worst = max(worst, max(times))
    verdict = "OK" if worst <= TARGET_MS else "MISSED"
    print(f"\nTarget: every message <= {TARGET_MS:.0f} ms in-process -> {verdict}", end="")
    print(f" (max {worst:.1f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
