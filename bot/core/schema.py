"""Every table and index of the database, created in one place, with a schema version.

The version lives in SQLite's ``PRAGMA user_version``. Databases written before the version
existed carry 0 and hold the same tables as version 1: every statement below is
``IF NOT EXISTS``, so opening them adds nothing they have and changes no row. A future change
of the schema appends a step to :data:`MIGRATIONS` (never edits an old one), so a database of
any earlier version is brought up to date in order.

The exception is the passage index (``passages``, ``passages_fts``, ``words``, ``index_meta``):
derived data that :mod:`bot.core.search` rebuilds from the sources at any time. Its tables are
created by that module (``ensure_schema``) when a ``SearchEngine`` opens the store, so the
search can change its index without a migration here, and the store does not depend on it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import sqlite_utils

SOURCES = """
CREATE TABLE IF NOT EXISTS "added_sources" (
   "slug" TEXT PRIMARY KEY,
   "data" TEXT,
   "added" TEXT
);
CREATE TABLE IF NOT EXISTS "reading_files" (
   "slug" TEXT PRIMARY KEY,
   "file_sha256" TEXT,
   "text_sha256" TEXT,
   "original" TEXT,
   "fmt" TEXT,
   "added_by" TEXT,
   "added_at" TEXT
);
CREATE TABLE IF NOT EXISTS "reading_edits" (
   "chat_id" INTEGER,
   "user_id" INTEGER,
   "slug" TEXT,
   "field" TEXT,
   "created" TEXT,
   PRIMARY KEY ("chat_id", "user_id")
);
"""

QUERIES = """
CREATE TABLE IF NOT EXISTS reading_queries (
    id INTEGER PRIMARY KEY,
    chat_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    source TEXT,
    created TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reading_queries_created ON reading_queries (created);
CREATE INDEX IF NOT EXISTS reading_queries_chat_text ON reading_queries (chat_id, text);
"""

NOTES = """
CREATE TABLE IF NOT EXISTS note_sessions (
    id INTEGER PRIMARY KEY,
    chat_id INTEGER NOT NULL,
    day TEXT NOT NULL,
    topic TEXT NOT NULL DEFAULT '',
    opened_at TEXT NOT NULL,
    closed_at TEXT,
    imported INTEGER NOT NULL DEFAULT 0,
    next_meeting TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX IF NOT EXISTS note_sessions_one_open
    ON note_sessions(chat_id) WHERE closed_at IS NULL;
CREATE INDEX IF NOT EXISTS note_sessions_chat_day ON note_sessions(chat_id, day);
CREATE TABLE IF NOT EXISTS notes (
    id INTEGER PRIMARY KEY,
    chat_id INTEGER NOT NULL,
    num INTEGER NOT NULL,
    session_id INTEGER NOT NULL REFERENCES note_sessions(id),
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    author_id INTEGER,
    author_name TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    logged_by INTEGER,
    message_id INTEGER,
    passage_id TEXT,
    ref TEXT NOT NULL DEFAULT '',
    deleted_at TEXT,
    deleted_by INTEGER,
    edited_at TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS notes_chat_num ON notes(chat_id, num);
CREATE INDEX IF NOT EXISTS notes_session ON notes(session_id, num);
CREATE INDEX IF NOT EXISTS notes_chat_message ON notes(chat_id, message_id);
CREATE TABLE IF NOT EXISTS note_settings (
    chat_id INTEGER PRIMARY KEY,
    names INTEGER NOT NULL DEFAULT 0
);
"""

SCHEDULE = """
CREATE TABLE IF NOT EXISTS schedule_chats (
    chat_id INTEGER PRIMARY KEY,
    tz TEXT NOT NULL DEFAULT 'Europe/Berlin',
    leads TEXT NOT NULL DEFAULT '[1440, 60]',
    paused INTEGER NOT NULL DEFAULT 0,
    paused_at TEXT,
    armed_at TEXT
);
CREATE TABLE IF NOT EXISTS schedule_meetings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('single', 'series')),
    start_local TEXT NOT NULL,
    weekday INTEGER,
    every_weeks INTEGER CHECK (every_weeks IS NULL OR every_weeks >= 1),
    until_day TEXT,
    topic TEXT NOT NULL DEFAULT '',
    reading TEXT NOT NULL DEFAULT '',
    reading_label TEXT NOT NULL DEFAULT '',
    created_by INTEGER,
    created_at TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS schedule_meetings_chat ON schedule_meetings (chat_id, active);
CREATE TABLE IF NOT EXISTS schedule_overrides (
    meeting_id INTEGER NOT NULL REFERENCES schedule_meetings (id),
    day TEXT NOT NULL,
    cancelled INTEGER NOT NULL DEFAULT 0,
    moved_to TEXT,
    moved_at TEXT,
    topic TEXT,
    reading TEXT,
    reading_label TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (meeting_id, day)
);
CREATE TABLE IF NOT EXISTS sent_reminders (
    chat_id INTEGER NOT NULL,
    occurrence TEXT NOT NULL,
    lead INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('sent', 'dropped', 'covered')),
    late INTEGER NOT NULL DEFAULT 0,
    at TEXT NOT NULL,
    PRIMARY KEY (chat_id, occurrence, lead)
);
"""

# Every Telegram update, stored before Telegram is told it arrived (bot.tg.inbox).
INBOX = """
CREATE TABLE IF NOT EXISTS inbox (
    update_id INTEGER PRIMARY KEY,
    payload TEXT NOT NULL,
    received_at REAL NOT NULL,
    sent INTEGER NOT NULL DEFAULT 0,
    done_at REAL
);
CREATE INDEX IF NOT EXISTS inbox_pending ON inbox(update_id) WHERE done_at IS NULL;
"""


PERMISSIONS = """
CREATE TABLE IF NOT EXISTS group_admins (
    chat_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    seen TEXT NOT NULL,
    PRIMARY KEY (chat_id, user_id)
);
CREATE INDEX IF NOT EXISTS group_admins_user ON group_admins (user_id);
CREATE TABLE IF NOT EXISTS pending_confirmations (
    chat_id INTEGER NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    user_id INTEGER,
    created TEXT NOT NULL,
    PRIMARY KEY (chat_id, action, target)
);
"""


def _version_1(db: sqlite_utils.Database) -> None:
    """The tables as the first versioned release found them (all created if missing)."""
    for script in (SOURCES, QUERIES, NOTES, SCHEDULE):
        db.conn.executescript(script)


def _version_2(db: sqlite_utils.Database) -> None:
    """Who may change the shared sources: group admins seen, confirmations asked."""
    db.conn.executescript(PERMISSIONS)


def _version_3(db: sqlite_utils.Database) -> None:
    """Who started a session: only they or an admin may end it."""
    columns = {r[1] for r in db.conn.execute("PRAGMA table_info(note_sessions)")}
    if "opened_by" not in columns:
        db.conn.execute("ALTER TABLE note_sessions ADD COLUMN opened_by INTEGER")


def _version_4(db: sqlite_utils.Database) -> None:
    """The inbox of Telegram updates: nothing lost in a crash (issue 12)."""
    db.conn.executescript(INBOX)


# Columns the inbox gained after version 4, with their definitions.
INBOX_COLUMNS = (
    # replies of an update whose request went out; ``sent`` counts those Telegram confirmed.
    # A reply between the two was perhaps delivered before a crash: sent again, it says so.
    ("tried", "INTEGER NOT NULL DEFAULT 0"),
    # the handler's reply (JSON, bot.tg.stored_replies) and the replies counted before it:
    # a replay sends it instead of running the handler again
    ("reply", "TEXT"),
    ("reply_calls", "INTEGER NOT NULL DEFAULT 0"),
)


def inbox_columns(conn: sqlite3.Connection) -> None:
    """Add the inbox columns that are missing. Also called by the inbox's own connection,
    which may open before the migrations run."""
    columns = {r[1] for r in conn.execute("PRAGMA table_info(inbox)")}
    if not columns:
        return
    for name, definition in INBOX_COLUMNS:
        if name not in columns:
            conn.execute(f"ALTER TABLE inbox ADD COLUMN {name} {definition}")


def _version_5(db: sqlite_utils.Database) -> None:
    """Replies handed to Telegram but not confirmed before a crash (issue 12)."""
    db.conn.executescript(INBOX)
    inbox_columns(db.conn)


def _version_6(db: sqlite_utils.Database) -> None:
    """The handler's reply kept with its update: a replay says what the first run said."""
    db.conn.executescript(INBOX)
    inbox_columns(db.conn)


# The ordered steps: step i brings a database from version i to version i + 1.
MIGRATIONS: tuple[Callable[[sqlite_utils.Database], None], ...] = (
    _version_1, _version_2, _version_3, _version_4, _version_5, _version_6,
)  # fmt: skip
SCHEMA_VERSION = len(MIGRATIONS)


def version(db: sqlite_utils.Database) -> int:
    """The schema version stored in the database (0: made before versions existed)."""
    return int(db.conn.execute("PRAGMA user_version").fetchone()[0])


def create(db: sqlite_utils.Database) -> None:
    """Bring the database to :data:`SCHEMA_VERSION`; a database already there is untouched.

    Version 0 runs the first step as well: its statements only add what is missing.
    """
    current = version(db)
    for step in range(current, SCHEMA_VERSION):
        MIGRATIONS[step](db)
        db.conn.execute(f"PRAGMA user_version = {step + 1}")
