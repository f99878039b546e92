"""What the database care costs: the quick check at every start, a backup, an index rebuild.

Run: python bench/bench_dbcare.py [--notes 200000]

A database with the seed index plus N synthetic notes (about 300 characters each) is built in
a temporary folder. Printed next to each other, same run, same machine:
- baseline: opening the database (Store.open, as every start does anyway);
- quick check: PRAGMA quick_check (added to every start by issue 13);
- backup: jourfixe backup (online backup API, one step);
- rebuild: jourfixe index --rebuild of a healthy database, and of one whose index pages were
  overwritten (copy of every user table, index built again, written back).
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import Config  # noqa: E402
from bot.core import backup, repair  # noqa: E402
from bot.core.store import Store  # noqa: E402
from bot.services import build_services  # noqa: E402


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=200_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        config = Config(db_path=Path(tmp) / "j.db", data_dir=Path(tmp))
        services = build_services(config)
        rng = random.Random(13)
        words = "Frieden Krieg Europa Sanktionen Verhandlung Russland Ukraine Lesekreis".split()
        with services.store.transaction() as db:
            db.execute(
                "INSERT INTO note_sessions(chat_id, day, topic, opened_at) "
                "VALUES (1, '2026-01-12', 'Bench', '2026-01-12T18:00:00')"
            )
            db.conn.executemany(
                "INSERT INTO notes(chat_id, num, session_id, kind, text, created_at) "
                "VALUES (1, ?, 1, 'contribution', ?, '2026-01-12T18:00:00')",
                ((i, " ".join(rng.choices(words, k=40))) for i in range(1, args.notes + 1)),
            )
        services.store.close()
        size = config.db_path.stat().st_size / 1024 / 1024
        print(f"database: {size:.1f} MB ({args.notes} notes + seed index)")

        def open_only() -> None:
            Store.open(config.db_path).close()

        def open_and_check() -> None:
            store = Store.open(config.db_path)
            assert repair.quick_check(store.conn) == []
            store.close()

        base = timed(open_only)
        print(f"open (baseline)          {base * 1000:8.1f} ms")
        print(f"open + quick_check       {timed(open_and_check) * 1000:8.1f} ms")
        target = Path(tmp) / "b.db"
        backup_s = timed(lambda: backup.backup(config.db_path, target))
        print(f"backup                   {backup_s * 1000:8.1f} ms")

        def rebuild() -> None:
            store = Store.open(config.db_path)
            repair.rebuild_index(store, config)
            store.close()

        print(f"index --rebuild (healthy) {timed(rebuild, 1) * 1000:7.1f} ms")
        conn = sqlite3.connect(config.db_path)
        pages = [r[0] for r in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'passages' ORDER BY pageno")]  # fmt: skip
        conn.close()
        with open(config.db_path, "r+b") as fh:
            fh.seek((pages[len(pages) // 2] - 1) * 4096)
            fh.write(os.urandom(8192))
        t = timed(rebuild, 1)
        print(f"index --rebuild (damaged) {t * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
