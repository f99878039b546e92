"""Stored searches behind paging buttons.

Telegram limits callback data to 64 bytes, so a button carries only the id of a stored query
(``p:<qid>:<page>``); the query itself lives in the ``reading_queries`` table and survives
restarts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.store import Store, timestamp

TABLE = "reading_queries"
KEEP_QUERIES = timedelta(days=180)  # buttons on older messages answer "abgelaufen"


@dataclass(frozen=True)
class StoredQuery:
    id: int
    chat_id: int
    kind: str  # "zitat" | "frage"
    text: str
    source: str | None  # slug, or None for all sources


class StoredQueries:
    """The searches of every chat that paging buttons refer to."""

    def __init__(self, store: Store, clock: Callable[[], datetime]) -> None:
        self.store = store
        self.clock = clock

    def save(self, chat_id: int, kind: str, text: str, source: str | None) -> StoredQuery:
        """Store a search so that its buttons keep working after a restart."""
        now = self.clock()
        with self.store.transaction() as db:
            # Reuse an identical recent search of the same chat instead of piling up rows.
            row = db.execute(
                f"SELECT id FROM {TABLE} WHERE chat_id = ? AND kind = ? AND text = ? "
                "AND source IS ? ORDER BY id DESC LIMIT 1",
                [chat_id, kind, text, source],
            ).fetchone()
            if row is not None:
                qid = int(row[0])
                db.execute(f"UPDATE {TABLE} SET created = ? WHERE id = ?", [timestamp(now), qid])
            else:
                cursor = db.execute(
                    f"INSERT INTO {TABLE} (chat_id, kind, text, source, created) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [chat_id, kind, text, source, timestamp(now)],
                )
                qid = int(cursor.lastrowid)
                db.execute(
                    f"DELETE FROM {TABLE} WHERE created < ?", [timestamp(now - KEEP_QUERIES)]
                )
        return StoredQuery(qid, chat_id, kind, text, source)

    def load(self, qid: int, chat_id: int) -> StoredQuery | None:
        """The stored search ``qid`` of this chat, or None when unknown (expired or foreign)."""
        row = self.store.db.execute(
            f"SELECT id, chat_id, kind, text, source FROM {TABLE} WHERE id = ?", [qid]
        ).fetchone()
        if row is None or int(row[1]) != chat_id:
            return None
        return StoredQuery(int(row[0]), int(row[1]), str(row[2]), str(row[3]), row[4])
