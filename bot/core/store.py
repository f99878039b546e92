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

# How long a writer waits for another one (e.g. `jourfixe add` indexing a long text in another
# process) before SQLite gives up with "database is locked". Long on purpose: only the chat
# that writes waits (handlers run in threads), and a wait is better than an error message.
BUSY_TIMEOUT_MS = 60_000


def connect(path: str | Path) -> sqlite3.Connection:
    """A connection with the pragmas every connection of the bot uses."""
    conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


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
    """Owns the connections; every write the user is told about runs in :meth:`transaction`.

    A database file gets one connection per thread (handlers run in worker threads: one
    shared connection would let one thread's statements join another thread's open
    transaction). An in-memory database has a single connection, shared by all threads.
    """

    def __init__(self, db: sqlite_utils.Database, path: str | Path | None = None) -> None:
        self._main = db
        self._path = None if path is None or str(path) == ":memory:" else str(path)
        self._local = threading.local()
        self._local.db = db
        self._all: list[sqlite3.Connection] = [db.conn]
        self._all_lock = threading.Lock()
        self._lock = threading.RLock()
        self._closed = False
        self._proxy = _ThreadDatabase(self)

    @classmethod
    def open(cls, path: str | Path) -> Store:
        """Open (or create) the database file in WAL mode, every table in place.

        ``":memory:"`` for tests and throw-away indexes.
        """
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        db = sqlite_utils.Database(connect(path))
        schema.create(db)
        return cls(db, path)

    @property
    def db(self) -> sqlite_utils.Database:
        """The database, as this thread's connection sees it.

        A stable object that objects may keep (``Schedule(store.db)``): every attribute is
        looked up on the calling thread's own :class:`sqlite_utils.Database`.
        """
        return self._proxy  # type: ignore[return-value]

    def thread_db(self) -> sqlite_utils.Database:
        """This thread's database handle (opened on first use in a new thread)."""
        db = getattr(self._local, "db", None)
        if db is None:
            if self._path is None or self._closed:
                db = self._main
            else:
                db = sqlite_utils.Database(connect(self._path))
                with self._all_lock:
                    self._all.append(db.conn)
            self._local.db = db
        return db

    @property
    def conn(self) -> sqlite3.Connection:
        return self.thread_db().conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """Run a block atomically: committed on exit, rolled back on any exception.

        Nested calls join the outer transaction, so a feature can compose core writes.
        """
        with self._lock:
            depth = getattr(self._local, "depth", 0)
            if depth:
                self._local.depth = depth + 1
                try:
                    yield self.thread_db()
                finally:
                    self._local.depth -= 1
                return
            db = self.thread_db()
            db.conn.execute("BEGIN IMMEDIATE")
            self._local.depth = 1
            try:
                yield db
            except BaseException:
                db.conn.execute("ROLLBACK")
                raise
            else:
                db.conn.execute("COMMIT")
            finally:
                self._local.depth = 0

    def close(self) -> None:
        """Close every connection this store opened (in any thread)."""
        self._closed = True
        with self._all_lock:
            conns, self._all = self._all, []
        for conn in conns:
            conn.close()


class _ThreadDatabase:
    """Forwards to the calling thread's :class:`sqlite_utils.Database` of a :class:`Store`."""

    __slots__ = ("_store",)

    def __init__(self, store: Store) -> None:
        self._store = store

    def __getattr__(self, name: str) -> object:
        return getattr(self._store.thread_db(), name)

    def __getitem__(self, name: str) -> object:
        return self._store.thread_db()[name]

    def __repr__(self) -> str:
        return f"<database of {self._store!r} for this thread>"
