"""Session notes: sessions, notes and per-chat settings, stored per chat.

Every query is scoped by ``chat_id`` and notes are numbered per chat (``num``), so a number
typed in one chat can never reach a note of another chat. Every write runs inside
``store.transaction()`` with plain SQL (sqlite-utils' table helpers commit on their own, which
would break the caller's transaction), so a caller that confirms after ``with`` has returned
confirms only what is committed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

import sqlite_utils

from bot.core.models import Passage
from bot.core.store import parse_timestamp, timestamp
from bot.core.text import normalize

CONTRIBUTION = "contribution"  # Beitrag (/notiz)
CONCLUSION = "conclusion"  # Ergebnis (/ergebnis)
QUESTION = "question"  # offene Frage (/offen)
SECTION = "section"  # Abschnitt (/abschnitt [TITEL]); text is the title, may be ""
QUOTE = "quote"  # linked passage (/zitat in reply to a quote of the bot)
KINDS = (CONTRIBUTION, CONCLUSION, QUESTION, SECTION, QUOTE)

MAX_NOTE_CHARS = 4000  # longer notes are refused (a Telegram message has at most 4096)
RETRY_SECONDS = 60  # the same note by the same person within a minute is a retry
MAX_TOPIC_CHARS = 200
# An open session from an earlier day with nothing logged for this long was forgotten (nobody
# sent /sitzung ende): the next note starts a new session instead of landing in the old one.
# A session that runs past midnight stays open.
STALE_AFTER = timedelta(hours=6)


class StoreLike(Protocol):
    db: sqlite_utils.Database

    def transaction(self) -> AbstractContextManager[Any]: ...


class NoteError(Exception):
    """Base of the errors a handler turns into a German message."""


class EmptyNote(NoteError):
    pass


class NoteTooLong(NoteError):
    def __init__(self, length: int) -> None:
        super().__init__(length)
        self.length = length


class NoteNotFound(NoteError):
    pass


class NotAllowed(NoteError):
    pass


class SessionAlreadyOpen(NoteError):
    def __init__(self, session: Session) -> None:
        super().__init__(session.id)
        self.session = session


class NoOpenSession(NoteError):
    pass


class SessionExists(NoteError):
    """An import would duplicate an imported session of the same date."""

    def __init__(self, session: Session) -> None:
        super().__init__(session.id)
        self.session = session


@dataclass(frozen=True)
class Session:
    id: int
    chat_id: int
    day: date
    topic: str
    opened_at: datetime
    closed_at: datetime | None
    imported: bool
    next_meeting: str  # announced next meeting (imported protocols), "" when none
    opened_by: int | None = None  # user who started it (None: imported or made before 0.2)

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True)
class Note:
    num: int  # per-chat number shown to users ("#12")
    chat_id: int
    session_id: int
    kind: str
    text: str
    author_id: int | None
    author_name: str
    created_at: datetime  # time of the logged message
    logged_by: int | None  # user who sent the command
    message_id: int | None  # message whose text was logged (for edits)
    passage_id: str | None  # linked passage (quotes)
    ref: str  # citation of a linked passage
    deleted_at: datetime | None
    edited_at: datetime | None

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None


@dataclass(frozen=True)
class Added:
    note: Note
    session: Session
    opened: bool  # the note opened a new session for today
    closed: Session | None = None  # a forgotten session of an earlier day, closed first


@dataclass(frozen=True)
class NewNote:
    """A note to import (no Telegram message behind it)."""

    kind: str
    text: str
    author_name: str = ""
    ref: str = ""
    passage_id: str | None = None


def _iso(moment: datetime | None) -> str | None:
    return timestamp(moment) if moment is not None else None


def check_text(text: str) -> str:
    """Strip a note text; raise for empty and over-long ones."""
    text = (text or "").strip()
    if not text:
        raise EmptyNote()
    if len(text) > MAX_NOTE_CHARS:
        raise NoteTooLong(len(text))
    return text


_SESSION_COLS = "id, chat_id, day, topic, opened_at, closed_at, imported, next_meeting, opened_by"
_NOTE_COLS = (
    "num, chat_id, session_id, kind, text, author_id, author_name, created_at, logged_by, "
    "message_id, passage_id, ref, deleted_at, edited_at"
)


def _session(row: tuple) -> Session:
    sid, chat_id, day, topic, opened, closed, imported, next_meeting, opened_by = row
    return Session(
        sid,
        chat_id,
        date.fromisoformat(day),
        topic,
        parse_timestamp(opened),
        parse_timestamp(closed),
        bool(imported),
        next_meeting,
        opened_by,
    )


def _note(row: tuple) -> Note:
    (
        num,
        chat_id,
        session_id,
        kind,
        text,
        author_id,
        author_name,
        created,
        logged_by,
        message_id,
        passage_id,
        ref,
        deleted,
        edited,
    ) = row
    return Note(
        num,
        chat_id,
        session_id,
        kind,
        text,
        author_id,
        author_name,
        parse_timestamp(created),
        logged_by,
        message_id,
        passage_id,
        ref,
        parse_timestamp(deleted),
        parse_timestamp(edited),
    )


class NoteBook:
    """Sessions and notes of every chat, over the shared Store."""

    def __init__(self, store: StoreLike) -> None:
        self.store = store

    # -- reading -------------------------------------------------------------------------

    def _rows(self, sql: str, params: tuple = ()) -> Iterator[tuple]:
        return iter(self.store.db.execute(sql, params).fetchall())

    def current_session(self, chat_id: int) -> Session | None:
        """The open session of the chat, if any."""
        for row in self._rows(
            f"SELECT {_SESSION_COLS} FROM note_sessions WHERE chat_id = ? AND closed_at IS NULL",
            (chat_id,),
        ):
            return _session(row)
        return None

    def last_session(self, chat_id: int) -> Session | None:
        """The open session, else the most recent one by date."""
        current = self.current_session(chat_id)
        if current:
            return current
        for row in self._rows(
            f"SELECT {_SESSION_COLS} FROM note_sessions WHERE chat_id = ? "
            "ORDER BY day DESC, id DESC LIMIT 1",
            (chat_id,),
        ):
            return _session(row)
        return None

    def session_on(self, chat_id: int, day: date) -> Session | None:
        """The latest session of the chat held on ``day``."""
        for row in self._rows(
            f"SELECT {_SESSION_COLS} FROM note_sessions WHERE chat_id = ? AND day = ? "
            "ORDER BY id DESC LIMIT 1",
            (chat_id, day.isoformat()),
        ):
            return _session(row)
        return None

    def session(self, chat_id: int, session_id: int) -> Session | None:
        for row in self._rows(
            f"SELECT {_SESSION_COLS} FROM note_sessions WHERE chat_id = ? AND id = ?",
            (chat_id, session_id),
        ):
            return _session(row)
        return None

    def sessions(self, chat_id: int) -> list[Session]:
        return [
            _session(r)
            for r in self._rows(
                f"SELECT {_SESSION_COLS} FROM note_sessions WHERE chat_id = ? ORDER BY day, id",
                (chat_id,),
            )
        ]

    def notes_of(self, chat_id: int, session_id: int) -> list[Note]:
        """The live (not deleted) notes of a session in the order they were logged."""
        return [
            _note(r)
            for r in self._rows(
                f"SELECT {_NOTE_COLS} FROM notes WHERE chat_id = ? AND session_id = ? "
                "AND deleted_at IS NULL ORDER BY num",
                (chat_id, session_id),
            )
        ]

    def all_notes(self, chat_id: int) -> list[Note]:
        """Every live note of the chat (for search)."""
        return [
            _note(r)
            for r in self._rows(
                f"SELECT {_NOTE_COLS} FROM notes WHERE chat_id = ? AND deleted_at IS NULL "
                "ORDER BY num",
                (chat_id,),
            )
        ]

    def note(self, chat_id: int, num: int) -> Note | None:
        """A note of this chat by its number (deleted ones included)."""
        for row in self._rows(
            f"SELECT {_NOTE_COLS} FROM notes WHERE chat_id = ? AND num = ?", (chat_id, num)
        ):
            return _note(row)
        return None

    def trash(self, chat_id: int, limit: int = 20) -> list[Note]:
        """Deleted notes of the chat, most recently deleted first."""
        return [
            _note(r)
            for r in self._rows(
                f"SELECT {_NOTE_COLS} FROM notes WHERE chat_id = ? AND deleted_at IS NOT NULL "
                "ORDER BY deleted_at DESC, num DESC LIMIT ?",
                (chat_id, limit),
            )
        ]

    def names_enabled(self, chat_id: int) -> bool:
        for (names,) in self._rows(
            "SELECT names FROM note_settings WHERE chat_id = ?", (chat_id,)
        ):
            return bool(names)
        return False

    # -- writing (each method is one transaction) ----------------------------------------

    def set_names(self, chat_id: int, on: bool) -> None:
        with self.store.transaction():
            self.store.db.execute(
                "INSERT INTO note_settings(chat_id, names) VALUES (?, ?) "
                "ON CONFLICT(chat_id) DO UPDATE SET names = excluded.names",
                (chat_id, int(on)),
            )

    def _insert_session(
        self,
        chat_id: int,
        day: date,
        topic: str,
        now: datetime,
        *,
        closed: bool = False,
        imported: bool = False,
        next_meeting: str = "",
        opened_by: int | None = None,
    ) -> Session:
        cur = self.store.db.execute(
            "INSERT INTO note_sessions(chat_id, day, topic, opened_at, closed_at, imported, "
            "next_meeting, opened_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                chat_id,
                day.isoformat(),
                topic[:MAX_TOPIC_CHARS],
                _iso(now),
                _iso(now) if closed else None,
                int(imported),
                next_meeting,
                opened_by,
            ),
        )
        session = self.session(chat_id, cur.lastrowid)
        assert session is not None
        return session

    def open_session(
        self, chat_id: int, day: date, topic: str, now: datetime, opened_by: int | None = None
    ) -> Session:
        """Open a session; raise SessionAlreadyOpen when the chat has one."""
        with self.store.transaction():
            current = self.current_session(chat_id)
            if current:
                raise SessionAlreadyOpen(current)
            return self._insert_session(chat_id, day, topic.strip(), now, opened_by=opened_by)

    def close_stale(self, chat_id: int, today: date, now: datetime) -> Session | None:
        """Close the open session if it is of an earlier day and idle (see STALE_AFTER)."""
        with self.store.transaction():
            current = self.current_session(chat_id)
            if current is None or current.day >= today:
                return None
            (last,) = self.store.db.execute(
                "SELECT MAX(created_at) FROM notes WHERE chat_id = ? AND session_id = ?",
                (chat_id, current.id),
            ).fetchone()
            active = max(current.opened_at, parse_timestamp(last) or current.opened_at)
            if now - active < STALE_AFTER:
                return None
            return self.close_session(chat_id, now)

    def close_session(
        self, chat_id: int, now: datetime, user_id: int | None = None, is_admin: bool = True
    ) -> Session:
        """Close the open session; raise NoOpenSession when there is none.

        Only who started it or an admin may (NotAllowed otherwise); ``user_id=None`` is the
        bot itself (e.g. closing a stale session).
        """
        with self.store.transaction():
            current = self.current_session(chat_id)
            if not current:
                raise NoOpenSession()
            if user_id is not None and not is_admin and current.opened_by != user_id:
                raise NotAllowed()
            self.store.db.execute(
                "UPDATE note_sessions SET closed_at = ? WHERE id = ? AND chat_id = ?",
                (_iso(now), current.id, chat_id),
            )
            closed = self.session(chat_id, current.id)
        assert closed is not None
        return closed

    def _next_num(self, chat_id: int) -> int:
        (num,) = self.store.db.execute(
            "SELECT COALESCE(MAX(num), 0) + 1 FROM notes WHERE chat_id = ?", (chat_id,)
        ).fetchone()
        return num

    def _insert_note(
        self,
        chat_id: int,
        session_id: int,
        kind: str,
        text: str,
        *,
        author_id: int | None,
        author_name: str,
        created_at: datetime,
        logged_by: int | None,
        message_id: int | None,
        passage_id: str | None,
        ref: str,
    ) -> Note:
        if kind not in KINDS:
            raise ValueError(f"unknown note kind {kind!r}")
        num = self._next_num(chat_id)
        self.store.db.execute(
            "INSERT INTO notes(chat_id, num, session_id, kind, text, author_id, author_name, "
            "created_at, logged_by, message_id, passage_id, ref) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                chat_id,
                num,
                session_id,
                kind,
                text,
                author_id,
                author_name,
                _iso(created_at),
                logged_by,
                message_id,
                passage_id,
                ref,
            ),
        )
        note = self.note(chat_id, num)
        assert note is not None
        return note

    def add_note(
        self,
        chat_id: int,
        kind: str,
        text: str,
        *,
        today: date,
        now: datetime,
        author_id: int | None,
        author_name: str,
        logged_by: int | None,
        created_at: datetime | None = None,
        message_id: int | None = None,
        passage_id: str | None = None,
        ref: str = "",
        topic: str = "",
    ) -> Added:
        """Log a note in the open session, opening one for ``today`` when there is none.

        Section titles may be empty; every other kind needs text (EmptyNote, NoteTooLong).
        """
        text = (text or "").strip() if kind == SECTION else check_text(text)
        if len(text) > MAX_NOTE_CHARS:
            raise NoteTooLong(len(text))
        with self.store.transaction():
            closed = self.close_stale(chat_id, today, now)
            session = self.current_session(chat_id)
            if (
                session is not None
                and message_id is not None
                and (same := self._logged(chat_id, session.id, message_id, kind))
            ):
                # Telegram delivers an update again when the bot died before acknowledging
                # it; a second /notiz in reply to the same message is the same note too
                return Added(same, session, False)
            if session is not None and (
                retry := self._recent_same(
                    chat_id, session.id, kind, text, author_id, created_at or now
                )
            ):
                # the same text from the same person within a minute: a retry (e.g. after a
                # confirmation that never arrived), not a second contribution
                return Added(retry, session, False)
            opened = session is None
            if session is None:
                session = self._insert_session(chat_id, today, topic, now)
            note = self._insert_note(
                chat_id,
                session.id,
                kind,
                text,
                author_id=author_id,
                author_name=author_name,
                created_at=created_at or now,
                logged_by=logged_by,
                message_id=message_id,
                passage_id=passage_id,
                ref=ref,
            )
        return Added(note, session, opened, closed)

    def _recent_same(
        self,
        chat_id: int,
        session_id: int,
        kind: str,
        text: str,
        author_id: int | None,
        created_at: datetime,
    ) -> Note | None:
        """The live note with this text by this author logged up to RETRY_SECONDS before."""
        if author_id is None or kind == SECTION:
            return None
        for row in self._rows(
            f"SELECT {_NOTE_COLS} FROM notes WHERE chat_id = ? AND session_id = ? "
            "AND kind = ? AND author_id = ? AND text = ? AND deleted_at IS NULL "
            "ORDER BY num DESC LIMIT 1",
            (chat_id, session_id, kind, author_id, text),
        ):
            note = _note(row)
            then = note.created_at
            if then.tzinfo is None:
                then = then.replace(tzinfo=UTC)
            now = created_at if created_at.tzinfo else created_at.replace(tzinfo=UTC)
            if abs((now - then).total_seconds()) <= RETRY_SECONDS:
                return note
        return None

    def _logged(self, chat_id: int, session_id: int, message_id: int, kind: str) -> Note | None:
        """The live note of this kind in the session that already logged the message."""
        for row in self._rows(
            f"SELECT {_NOTE_COLS} FROM notes WHERE chat_id = ? AND session_id = ? "
            "AND message_id = ? AND kind = ? AND deleted_at IS NULL ORDER BY num LIMIT 1",
            (chat_id, session_id, message_id, kind),
        ):
            return _note(row)
        return None

    def correct_last(self, chat_id: int, user_id: int, text: str, now: datetime) -> Note:
        """Replace the text of the user's own last live note in this chat."""
        text = check_text(text)
        with self.store.transaction():
            row = self.store.db.execute(
                "SELECT num FROM notes WHERE chat_id = ? AND logged_by = ? "
                "AND deleted_at IS NULL AND kind != ? ORDER BY num DESC LIMIT 1",
                (chat_id, user_id, QUOTE),
            ).fetchone()
            if row is None:
                raise NoteNotFound()
            self.store.db.execute(
                "UPDATE notes SET text = ?, edited_at = ? WHERE chat_id = ? AND num = ?",
                (text, _iso(now), chat_id, row[0]),
            )
            note = self.note(chat_id, row[0])
        assert note is not None
        return note

    @staticmethod
    def may_change(note: Note, user_id: int, is_admin: bool) -> bool:
        """The author of a note, whoever logged it, and chat admins may delete or restore it."""
        return is_admin or user_id in (note.logged_by, note.author_id)

    def delete_note(
        self, chat_id: int, num: int, user_id: int, is_admin: bool, now: datetime
    ) -> Note:
        """Soft-delete a note of this chat (NoteNotFound, NotAllowed)."""
        with self.store.transaction():
            note = self.note(chat_id, num)
            if note is None or note.deleted:
                raise NoteNotFound()
            if not self.may_change(note, user_id, is_admin):
                raise NotAllowed()
            self.store.db.execute(
                "UPDATE notes SET deleted_at = ?, deleted_by = ? WHERE chat_id = ? AND num = ?",
                (_iso(now), user_id, chat_id, num),
            )
        return note

    def restore_note(self, chat_id: int, num: int, user_id: int, is_admin: bool) -> Note:
        """Undo a soft delete (NoteNotFound when the note is not in this chat's trash)."""
        with self.store.transaction():
            note = self.note(chat_id, num)
            if note is None or not note.deleted:
                raise NoteNotFound()
            if not self.may_change(note, user_id, is_admin):
                raise NotAllowed()
            self.store.db.execute(
                "UPDATE notes SET deleted_at = NULL, deleted_by = NULL "
                "WHERE chat_id = ? AND num = ?",
                (chat_id, num),
            )
            restored = self.note(chat_id, num)
        assert restored is not None
        return restored

    def update_from_edit(
        self, chat_id: int, message_id: int, text: str, now: datetime
    ) -> list[Note]:
        """An edited Telegram message: update the live notes that logged it."""
        text = check_text(text)
        with self.store.transaction():
            nums = [
                n
                for (n,) in self._rows(
                    "SELECT num FROM notes WHERE chat_id = ? AND message_id = ? "
                    "AND deleted_at IS NULL AND kind != ?",
                    (chat_id, message_id, QUOTE),
                )
            ]
            for num in nums:
                self.store.db.execute(
                    "UPDATE notes SET text = ?, edited_at = ? WHERE chat_id = ? AND num = ?",
                    (text, _iso(now), chat_id, num),
                )
            notes = [self.note(chat_id, n) for n in nums]
        return [n for n in notes if n is not None]

    def has_message(self, chat_id: int, message_id: int) -> bool:
        row = self.store.db.execute(
            "SELECT 1 FROM notes WHERE chat_id = ? AND message_id = ? AND deleted_at IS NULL "
            "AND kind != ? LIMIT 1",
            (chat_id, message_id, QUOTE),
        ).fetchone()
        return row is not None

    def import_session(
        self,
        chat_id: int,
        day: date,
        topic: str,
        notes: list[NewNote],
        *,
        now: datetime,
        next_meeting: str = "",
        replace: bool = False,
    ) -> Session:
        """Store a past session (a closed, imported one) with its notes in one transaction.

        An imported session of the same day in this chat raises SessionExists unless
        ``replace``: then its notes are removed and the new ones take their place.
        """
        with self.store.transaction():
            for row in self._rows(
                f"SELECT {_SESSION_COLS} FROM note_sessions WHERE chat_id = ? AND day = ? "
                "AND imported = 1",
                (chat_id, day.isoformat()),
            ):
                old = _session(row)
                if not replace:
                    raise SessionExists(old)
                self.store.db.execute(
                    "DELETE FROM notes WHERE chat_id = ? AND session_id = ?", (chat_id, old.id)
                )
                self.store.db.execute(
                    "DELETE FROM note_sessions WHERE chat_id = ? AND id = ?", (chat_id, old.id)
                )
            session = self._insert_session(
                chat_id, day, topic, now, closed=True, imported=True, next_meeting=next_meeting
            )
            created = datetime.combine(day, datetime.min.time(), UTC)
            for item in notes:
                self._insert_note(
                    chat_id,
                    session.id,
                    item.kind,
                    item.text,
                    author_id=None,
                    author_name=item.author_name,
                    created_at=created,
                    logged_by=None,
                    message_id=None,
                    passage_id=item.passage_id,
                    ref=item.ref,
                )
        return session


def quoted_passages(
    message_text: str, candidates: Iterable[Passage], limit: int = 5
) -> list[Passage]:
    """Passages whose text a message of the bot shows, in the order they appear in it.

    A quote message is the passage followed by its citation; a long passage may be shortened,
    so its first 80 normalized characters are enough to recognise it.
    """
    message = normalize(message_text)
    found: dict[str, tuple[int, Passage]] = {}
    for passage in candidates:
        text = normalize(passage.text)
        if len(text) < 20:
            continue
        pos = message.find(text if len(text) <= 80 else text[:80])
        if pos >= 0 and passage.id not in found:
            found[passage.id] = (pos, passage)
    return [p for _, p in sorted(found.values(), key=lambda t: t[0])][:limit]
