"""One SQLite database (through sqlite-utils) for the index, notes, schedules and settings."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from bot.core import schema


def timestamp(moment: datetime) -> str:
    """The one stored form of a moment: UTC, ISO 8601, microseconds ("…T18:00:00.000000+00:00").

    Fixed width, so stored moments sort and compare as text; a naive moment is taken as UTC.
    Rows written before this rule carry whole seconds or no fraction: :func:`parse_timestamp`
    reads every form.
    """
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse_timestamp(text: str | None) -> datetime | None:
    """A stored moment (any ISO 8601 form this project ever wrote) as an aware datetime."""
    if not text:
        return None
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class Store:
    """Owns the connection; every write the user is told about runs in :meth:`transaction`."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self._lock = threading.RLock()
        self._depth = 0

    @classmethod
    def open(cls, path: str | Path) -> Store:
        """Open (or create) the database file in WAL mode, every table in place.

        ``":memory:"`` for tests and throw-away indexes.
        """
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=5000")
        db = sqlite_utils.Database(conn)
        schema.create(db)
        return cls(db)

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """Run a block atomically: committed on exit, rolled back on any exception.

        Nested calls join the outer transaction, so a feature can compose core writes.
        """
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self.db
                finally:
                    self._depth -= 1
                return
            self.conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self.db
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            else:
                self.conn.execute("COMMIT")
            finally:
                self._depth = 0

    def close(self) -> None:
        self.conn.close()
