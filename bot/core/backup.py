"""Backups of the database with SQLite's online backup API, and restoring one.

The backup API copies a consistent snapshot while other connections keep reading and writing
(the bot runs in WAL mode, so a backup never blocks it). A backup is written to a temporary
name and renamed when complete, so a file named like a backup is always a whole one.

Daily backups: ``<data dir>/backups/jourfixe-YYYY-MM-DD.db``, the newest
``JOURFIXE_BACKUP_DAYS`` (default 7, 0 = off) are kept.
"""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bot.core.repair import DatabaseProblem, backups_dir, quick_check
from bot.texts import database as T

if TYPE_CHECKING:
    from bot.config import Config

DAILY = re.compile(r"^jourfixe-(\d{4}-\d{2}-\d{2})\.db$")


def _connect_existing(path: Path) -> sqlite3.Connection:
    """A connection to a database file that must exist (never creates one)."""
    return sqlite3.connect(f"file:{path}?mode=rw", uri=True, isolation_level=None)


def backup(db_path: Path, target: Path) -> int:
    """Copy the live database ``db_path`` to ``target`` (atomically); returns its size."""
    db_path, target = Path(db_path), Path(target)
    if not db_path.is_file():
        raise FileNotFoundError(db_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".{target.name}.part")
    part.unlink(missing_ok=True)
    source = _connect_existing(db_path)
    try:
        dest = sqlite3.connect(str(part))
        try:
            source.backup(dest)  # one step: a consistent snapshot
            dest.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
            problems = quick_check(dest)
        finally:
            dest.close()
        if problems:
            raise sqlite3.DatabaseError("; ".join(problems[:3]))
        os.replace(part, target)
    finally:
        source.close()
        part.unlink(missing_ok=True)
    return target.stat().st_size


def restore(backup_file: Path, config: Config) -> Path | None:
    """Write ``backup_file`` over the configured database; returns where the old one went.

    The backup is checked first (a SQLite file that passes the quick check); the current
    database, if there is one, is first saved in the backup folder.
    """
    backup_file = Path(backup_file)
    try:
        src = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DatabaseProblem(T.RESTORE_NOT_A_BACKUP.format(file=backup_file, detail=exc)) from exc
    try:
        problems = quick_check(src)
        if not problems:
            tables = {r[0] for r in src.execute("SELECT name FROM sqlite_master")}
            if not tables & {"added_sources", "passages", "notes", "schedule_meetings"}:
                problems = ["keine Tabellen von jourfixe"]
        if problems:
            raise DatabaseProblem(
                T.RESTORE_NOT_A_BACKUP.format(file=backup_file, detail=problems[0])
            )
        db_path = Path(config.db_path)
        previous = None
        if db_path.is_file() and db_path.stat().st_size:
            stamp = f"{datetime.now():%Y-%m-%d-%H%M%S}"
            previous = backups_dir(config) / f"vor-wiederherstellung-{stamp}.db"
            try:
                backup(db_path, previous)
            except sqlite3.DatabaseError:  # the current one is damaged: keep its bytes
                previous.parent.mkdir(parents=True, exist_ok=True)
                previous.write_bytes(db_path.read_bytes())
        db_path.parent.mkdir(parents=True, exist_ok=True)
        try:
            _write_over(src, db_path)
        except sqlite3.DatabaseError:  # not even a readable header: start from an empty file
            for suffix in ("", "-wal", "-shm", "-journal"):
                db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
            _write_over(src, db_path)
    finally:
        src.close()
    return previous


def _write_over(src: sqlite3.Connection, db_path: Path) -> None:
    live = sqlite3.connect(str(db_path), isolation_level=None)
    try:
        src.backup(live)
    finally:
        live.close()


def rolling_backup(config: Config, today: date) -> Path | None:
    """Today's backup in the backup folder, unless it exists or backups are off; prunes."""
    keep = config.backup_days
    db_path = Path(config.db_path)
    if keep <= 0 or not db_path.is_file():
        return None
    folder = backups_dir(config)
    target = folder / f"jourfixe-{today:%Y-%m-%d}.db"
    made = None
    if not target.exists():
        backup(db_path, target)
        made = target
    daily = sorted(p for p in folder.iterdir() if DAILY.match(p.name))
    for old in daily[:-keep]:
        old.unlink(missing_ok=True)
    return made
