"""The inbox: no update is lost when the bot dies, and none is answered twice.

Telegram forgets an update once the bot asks for the next ones (``getUpdates`` with a higher
offset), and python-telegram-bot asks for them before it has handled the previous batch. So
every update is written to SQLite *before* it reaches the update queue (:class:`InboxQueue`):
the next ``getUpdates`` (or, with a webhook, the HTTP answer to Telegram) only happens after
that. The processor marks an update done once its reply is sent. On the next start
(:class:`InboxApplication`) every update still pending is handled again.

Handling again must not repeat anything the user already saw: :class:`OutboxRequest` counts
the replies (``sendMessage``, ``sendDocument``, edits, answers) of each update and records
each one Telegram accepted; a replayed update skips that many and sends only the rest. The
handler's reply is kept with its update before it is sent (``bot.tg.stored_replies``): a
replay sends that reply instead of running the handler again, so a /termin stored before the
crash is confirmed, not reported as "gibt es schon". The handlers are idempotent where they
store as well: a note remembers the message it came from (``NoteBook.add_note``). The one
window left is a kill between Telegram accepting a reply and the inbox recording it (the Bot
API cannot be asked whether a message arrived): that reply is sent once more after the
restart, with a line saying why (a duplicate message, never a lost one).

The same request layer re-sends a reply that failed for a passing network problem, instead of
letting the handler's error path apologise (an apology invites the user to repeat a note
that is already stored).
"""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from telegram import Update
from telegram.error import NetworkError
from telegram.ext import Application
from telegram.request import HTTPXRequest, RequestData

from bot.core import schema
from bot.core.store import connect
from bot.tg.processor import CURRENT, ChatOrderProcessor

if TYPE_CHECKING:
    from bot.config import Config

log = logging.getLogger(__name__)

# Bot API methods whose effect a user sees: counted per update, skipped when replayed.
REPLY_METHODS = frozenset(
    {
        "sendMessage",
        "sendDocument",
        "editMessageText",
        "editMessageReplyMarkup",
        "answerCallbackQuery",
        "answerInlineQuery",
        "setMessageReaction",
    }
)
RESEND_DELAYS = (0.5, 1.5, 3.0)  # seconds between attempts of a reply that failed to send
KEEP_DONE = 24 * 3600.0  # seconds a handled update is remembered (Telegram re-sends for 24 h)


class Inbox:
    """Pending and handled updates in the bot's database (its own connection)."""

    def __init__(self, path: str | Path) -> None:
        self.conn: sqlite3.Connection = connect(path)
        self.conn.executescript(schema.INBOX)  # also in bot.core.schema (versions 4 and 5)
        schema.inbox_columns(self.conn)
        self._queued: set[int] = set()  # update ids handed to the queue in this process
        self._writes = 0

    @classmethod
    def open(cls, path: str | Path) -> Inbox | None:
        """The inbox next to the bot's data; none for an in-memory database (tests)."""
        if str(path) == ":memory:":
            return None
        return cls(path)

    def accept(self, update: Update) -> bool:
        """Store a new update; False when it is known (handled, or queued in this process)."""
        uid = update.update_id
        if uid in self._queued:
            return False
        payload = update.to_json()
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO inbox(update_id, payload, received_at) VALUES (?, ?, ?)",
            (uid, payload, time.time()),
        )
        if cur.rowcount == 0:
            row = self.conn.execute(
                "SELECT done_at FROM inbox WHERE update_id = ?", (uid,)
            ).fetchone()
            if row is not None and row[0] is not None:
                return False  # handled before a restart; Telegram sent it again
        self._queued.add(uid)
        self._writes += 1
        if self._writes % 1000 == 0:
            self.forget_old()
        return True

    def pending(self) -> list[dict[str, Any]]:
        """Updates received but not handled, oldest first (as Telegram sent them)."""
        rows = self.conn.execute(
            "SELECT payload FROM inbox WHERE done_at IS NULL ORDER BY update_id"
        ).fetchall()
        return [json.loads(r[0]) for r in rows]

    def claim(self, update_id: int) -> None:
        """A pending update put into the queue on start (so a re-delivery is not queued twice)."""
        self._queued.add(update_id)

    def progress(self, update_id: int) -> tuple[int, int]:
        """(replies Telegram confirmed, replies whose request went out) of one update."""
        row = self.conn.execute(
            "SELECT sent, tried FROM inbox WHERE update_id = ?", (update_id,)
        ).fetchone()
        return (int(row[0]), int(row[1])) if row else (0, 0)

    def remember(self, update_id: int, payload: str, calls: int) -> None:
        """Keep the handler's reply (JSON) and how many replies were counted before it."""
        self.conn.execute(
            "UPDATE inbox SET reply = ?, reply_calls = ? WHERE update_id = ?",
            (payload, calls, update_id),
        )

    def remembered(self, update_id: int) -> tuple[str, int] | None:
        """The reply a run before the restart computed, and its count of earlier replies."""
        row = self.conn.execute(
            "SELECT reply, reply_calls FROM inbox WHERE update_id = ?", (update_id,)
        ).fetchone()
        return (row[0], int(row[1])) if row and row[0] is not None else None

    def mark_tried(self, update_id: int, count: int) -> None:
        self.conn.execute(
            "UPDATE inbox SET tried = MAX(tried, ?) WHERE update_id = ?", (count, update_id)
        )

    def mark_sent(self, update_id: int, count: int) -> None:
        self.conn.execute(
            "UPDATE inbox SET sent = MAX(sent, ?) WHERE update_id = ?", (count, update_id)
        )

    def done(self, update_id: int) -> None:
        self.conn.execute(
            "UPDATE inbox SET done_at = ? WHERE update_id = ?", (time.time(), update_id)
        )
        self._queued.discard(update_id)

    def counts(self) -> tuple[int, int]:
        """(pending, done) — for logs and tests."""
        row = self.conn.execute(
            "SELECT SUM(done_at IS NULL), SUM(done_at IS NOT NULL) FROM inbox"
        ).fetchone()
        return int(row[0] or 0), int(row[1] or 0)

    def forget_old(self) -> None:
        self.conn.execute(
            "DELETE FROM inbox WHERE done_at IS NOT NULL AND done_at < ?",
            (time.time() - KEEP_DONE,),
        )

    def close(self) -> None:
        self.conn.close()


class InboxQueue(asyncio.Queue):  # type: ignore[type-arg]
    """The update queue: an update is in the inbox before the poller may confirm it."""

    def __init__(self, inbox: Inbox) -> None:
        super().__init__()
        self.inbox = inbox

    def put_nowait(self, item: object) -> None:  # also what ``put`` ends in
        if isinstance(item, Update) and not self.inbox.accept(item):
            return
        super().put_nowait(item)

    def put_replayed(self, item: Update) -> None:
        """A pending update from the inbox (already stored)."""
        self.inbox.claim(item.update_id)
        super().put_nowait(item)


class Parked(NetworkError):
    """A reply not sent because the bot is stopping; the update is handled after the restart."""


def _synthetic(endpoint: str, data: RequestData | None) -> bytes:
    """What Telegram answered the first time (near enough): handlers only need the shape."""
    params = data.parameters if data is not None else {}
    result: Any = True
    if endpoint in ("sendMessage", "sendDocument") or (
        endpoint.startswith("edit") and "inline_message_id" not in params
    ):
        chat_id = params.get("chat_id", 0)
        try:
            chat_id = int(chat_id)
        except (TypeError, ValueError):
            chat_id = 0
        result = {
            "message_id": int(params.get("message_id", 0) or 0),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
            "text": "",
        }
    return json.dumps({"ok": True, "result": result}).encode()


class OutboxRequest(HTTPXRequest):
    """The Bot API request layer: skips replies sent in an earlier run, re-sends failed ones."""

    def __init__(self, inbox: Inbox | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.inbox = inbox

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        endpoint = url.rsplit("/", 1)[-1]  # never log ``url``: it contains the token
        run = CURRENT.get()
        if endpoint not in REPLY_METHODS:
            return await super().do_request(url, method, request_data, *args, **kwargs)
        number = 0
        if run is not None:
            number = run.calls
            run.calls += 1
            if number < run.already_sent:
                log.info("update %s: reply %d was sent before the restart", run.update_id, number)
                return 200, _synthetic(endpoint, request_data)
            if run.stopping():
                run.parked = True
                raise Parked(f"update {run.update_id} parked: the bot is stopping")
            if self.inbox is not None:
                self.inbox.mark_tried(run.update_id, number + 1)
        delays = list(RESEND_DELAYS)
        while True:
            try:
                code, payload = await super().do_request(
                    url, method, request_data, *args, **kwargs
                )
            except NetworkError as exc:  # includes TimedOut
                if not delays or (run is not None and run.stopping()):
                    raise
                delay = delays.pop(0)
                log.warning("%s failed (%s); sending again in %.1f s", endpoint, exc, delay)
            else:
                if code < 500 or not delays:
                    break
                delay = delays.pop(0)
                log.warning("%s: Telegram answered %d; again in %.1f s", endpoint, code, delay)
            await asyncio.sleep(delay)
        if run is not None and code == 200 and self.inbox is not None:
            self.inbox.mark_sent(run.update_id, number + 1)
        return code, payload


class InboxApplication(Application):  # type: ignore[type-arg]
    """Replays the inbox on start; a stop drains what fits into a few seconds, parks the rest."""

    async def initialize(self) -> None:
        await super().initialize()
        queue = self.update_queue
        if not isinstance(queue, InboxQueue):
            return
        pending = queue.inbox.pending()
        for payload in pending:
            update = Update.de_json(payload, self.bot)
            if update is not None:
                queue.put_replayed(update)
        if pending:
            log.info("%d update(s) from before the restart are handled again", len(pending))

    async def stop(self) -> None:
        processor = self.update_processor
        if isinstance(processor, ChatOrderProcessor):
            processor.begin_stop()
        await super().stop()


def install(builder: Any, config: Config) -> Any:
    """Wire concurrency and the inbox into an ApplicationBuilder (``config.concurrent``).

    Off (``JOURFIXE_CONCURRENT=0``): python-telegram-bot's defaults, one update at a time
    and no inbox — the old code path, kept for benchmarks that compare the two.
    """
    if not config.concurrent:
        return builder
    inbox = Inbox.open(config.db_path)
    builder = (
        builder.application_class(InboxApplication)
        .concurrent_updates(ChatOrderProcessor(inbox))
        .request(OutboxRequest(inbox, connection_pool_size=64))
    )
    if inbox is not None:
        builder = builder.update_queue(InboxQueue(inbox))
    return builder
