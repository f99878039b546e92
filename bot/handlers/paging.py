"""Stored searches behind paging buttons.

Telegram limits callback data to 64 bytes, so a button carries only the id of a stored query
(``p:<qid>:<page>``); the query itself lives in the ``reading_queries`` table and survives
restarts. Re-running the stored query with the fixed :data:`MAX_RESULTS` limit gives the same
ranked list every time, so a page number or a rank identifies a hit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

import sqlite_utils

from bot.core.models import Hit

if TYPE_CHECKING:
    from bot.services import Services

TABLE = "reading_queries"
MAX_RESULTS = 30  # ranked hits kept per query (10 pages of 3)
PER_PAGE = 3  # at most; fewer when three long quotes would not fit in one message
QUOTE_KINDS = ("text", "contribution", "answer")  # never headings or layout debris
KEEP_QUERIES = timedelta(days=180)  # buttons on older messages answer "abgelaufen"
_SCHEMA_FLAG = "reading.schema"


@dataclass(frozen=True)
class StoredQuery:
    id: int
    chat_id: int
    kind: str  # "zitat" | "frage"
    text: str
    source: str | None  # slug, or None for all sources


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the table of stored searches (idempotent)."""
    db.execute(
        f"""CREATE TABLE IF NOT EXISTS {TABLE} (
            id INTEGER PRIMARY KEY,
            chat_id INTEGER NOT NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            source TEXT,
            created TEXT NOT NULL
        )"""
    )
    db.execute(f"CREATE INDEX IF NOT EXISTS {TABLE}_created ON {TABLE} (created)")
    db.execute(f"CREATE INDEX IF NOT EXISTS {TABLE}_chat_text ON {TABLE} (chat_id, text)")


def _db(services: Services) -> sqlite_utils.Database:
    db = services.store.db
    if not services.extras.get(_SCHEMA_FLAG):
        ensure_schema(db)
        services.extras[_SCHEMA_FLAG] = True
    return db


def save_query(
    services: Services, chat_id: int, kind: str, text: str, source: str | None
) -> StoredQuery:
    """Store a search so that its buttons keep working after a restart."""
    db = _db(services)
    now = services.clock()
    with services.store.transaction():
        # Reuse an identical recent search of the same chat instead of piling up rows.
        row = db.execute(
            f"SELECT id FROM {TABLE} WHERE chat_id = ? AND kind = ? AND text = ? "
            "AND source IS ? ORDER BY id DESC LIMIT 1",
            [chat_id, kind, text, source],
        ).fetchone()
        if row is not None:
            qid = int(row[0])
            db.execute(f"UPDATE {TABLE} SET created = ? WHERE id = ?", [now.isoformat(), qid])
        else:
            cursor = db.execute(
                f"INSERT INTO {TABLE} (chat_id, kind, text, source, created) "
                "VALUES (?, ?, ?, ?, ?)",
                [chat_id, kind, text, source, now.isoformat()],
            )
            qid = int(cursor.lastrowid)
            db.execute(
                f"DELETE FROM {TABLE} WHERE created < ?", [(now - KEEP_QUERIES).isoformat()]
            )
    return StoredQuery(qid, chat_id, kind, text, source)


def load_query(services: Services, qid: int, chat_id: int) -> StoredQuery | None:
    """The stored search ``qid`` of this chat, or None when unknown (expired or foreign)."""
    row = (
        _db(services)
        .execute(f"SELECT id, chat_id, kind, text, source FROM {TABLE} WHERE id = ?", [qid])
        .fetchone()
    )
    if row is None or int(row[1]) != chat_id:
        return None
    return StoredQuery(int(row[0]), int(row[1]), str(row[2]), str(row[3]), row[4])


def run_query(services: Services, query: StoredQuery) -> list[Hit]:
    """The ranked hits of a stored search; the same list on every call."""
    return search_hits(services, query.text, query.source, MAX_RESULTS)


def search_hits(services: Services, text: str, source: str | None, limit: int) -> list[Hit]:
    """Quotable hits (no headings, no debris) for ``text``, optionally within one source."""
    if source is not None and services.catalog.get(source) is None:
        return []  # the source was removed since the search was stored
    return services.search.search(text, limit=limit, source=source, kinds=QUOTE_KINDS)


def parse_data(data: str | None, fields: int) -> list[int] | None:
    """The integer fields after the prefix of ``"x:1:2"``; None when malformed."""
    if not data:
        return None
    parts = data.split(":")
    if len(parts) != fields + 1:
        return None
    try:
        values = [int(p) for p in parts[1:]]
    except ValueError:
        return None
    if any(v < 0 or v > 2**62 for v in values):
        return None
    return values
