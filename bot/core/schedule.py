"""Meetings, recurring series and reminders of a chat, stored in SQLite (no telegram import).

Times are stored as the chat's *wall-clock* time ("2026-01-26T19:00:00") and turned into
instants with :mod:`zoneinfo` only when needed, so a series at 19:00 stays at 19:00 across
daylight-saving changes, and a change of the chat's time zone keeps the wall-clock time.

Reminders are computed from the tables on every call of :meth:`Schedule.due_reminders` (no
in-memory job list to lose on a restart); ``sent_reminders`` records every reminder sent or
dropped, keyed by (chat, occurrence, lead), so none is ever sent twice.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import sqlite_utils

from bot.core.dates import NEXT_MEETING, find_date_phrase, format_datetime, localize
from bot.core.sentences import split_sentences
from bot.core.store import parse_timestamp, timestamp
from bot.texts import schedule as T

log = logging.getLogger(__name__)

DEFAULT_TZ = "Europe/Berlin"
DEFAULT_LEADS = (1440, 60)  # minutes: one day and one hour before
MAX_MEETINGS = 20  # future single meetings + running series per chat
MAX_LEADS = 5
MIN_LEAD = 5  # minutes
MAX_LEAD = 14 * 1440
MAX_EVERY_WEEKS = 52
MAX_TOPIC = 300
LATE_AFTER = timedelta(minutes=5)  # sent later than this -> marked "verspätet"
DROP_AFTER = timedelta(hours=2)  # later than this -> dropped with a log line
LOOKBACK = timedelta(days=1)  # how far back due_reminders looks for missed reminders
OFFLINE_CHAT_ID = 0  # the offline console's chat; Telegram has no chat 0: never reminded
HORIZON_DAYS = 400  # how far ahead upcoming() looks
MEETING_LENGTH = timedelta(hours=2)  # DTEND in the calendar export


class ScheduleError(ValueError):
    """A refused change; ``str(error)`` is a German message for the user."""


class NotFound(ScheduleError):
    """No meeting on the given day."""


# --- plain data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChatSettings:
    chat_id: int
    tz: ZoneInfo
    leads: tuple[int, ...]  # minutes, largest first; () = reminders off
    paused: bool = False
    armed_at: datetime | None = None  # reminders due before this moment were never armed


@dataclass(frozen=True)
class Meeting:
    """A stored single meeting or recurring series."""

    id: int
    chat_id: int
    kind: str  # single | series
    start_local: datetime  # naive wall-clock time: the single's start, the series' first day
    weekday: int | None
    every_weeks: int | None
    until: date | None
    topic: str
    reading: str  # slug of a corpus source or ""
    reading_label: str  # title shown to users ("" when none)
    created_at: datetime


@dataclass(frozen=True)
class Occurrence:
    """One concrete meeting: a single, or one day of a series (with its overrides)."""

    chat_id: int
    meeting_id: int
    day: date  # the original (scheduled) local day: identifies the occurrence
    start: datetime  # aware, in the chat's time zone (after a move: the new time)
    topic: str
    reading: str
    reading_label: str
    series: bool
    moved: bool = False
    armed_at: datetime | None = None  # when this time was set (creation or move)

    @property
    def key(self) -> str:
        """Identity for the sent log; a moved meeting gets fresh reminders."""
        utc = self.start.astimezone(UTC)
        return f"{self.meeting_id}:{self.day.isoformat()}@{utc:%Y%m%dT%H%MZ}"


@dataclass(frozen=True)
class DueReminder:
    occurrence: Occurrence
    lead: int  # minutes
    due_at: datetime  # UTC
    late: bool
    covers: tuple[int, ...] = ()  # other leads of the same occurrence due at once (not sent)

    @property
    def chat_id(self) -> int:
        return self.occurrence.chat_id


@dataclass(frozen=True)
class Announcement:
    """A protocol's announcement of the next meeting."""

    day: date
    at: time | None
    topic: str
    reading_label: str  # the highlighted title, or the topic
    sentence: str = field(default="", compare=False)


# --- helpers ---------------------------------------------------------------------------------


def _wall(moment: datetime) -> str:
    """Aware datetime -> stored wall-clock text in its own zone ("2026-01-26T19:00:00")."""
    return moment.replace(tzinfo=None).isoformat(timespec="seconds")


def _parse_wall(text: str) -> datetime:
    return datetime.fromisoformat(text)


def validate_timezone(name: str) -> ZoneInfo:
    """An IANA zone name ("Europe/Berlin"), case-insensitive; else :class:`ScheduleError`."""
    raw = name.strip()
    if not raw or len(raw) > 64 or not re.fullmatch(r"[A-Za-z0-9_+\-/]+", raw):
        raise ScheduleError(T.ERR_BAD_TZ.format(raw=raw[:40]))
    candidates = [raw]
    lowered = raw.lower()
    candidates += [z for z in sorted(available_timezones()) if z.lower() == lowered]
    for candidate in candidates:
        try:
            return ZoneInfo(candidate)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    raise ScheduleError(T.ERR_BAD_TZ.format(raw=raw[:40]))


def check_leads(leads: Iterable[int]) -> tuple[int, ...]:
    """Validate lead times in minutes; largest first, unique."""
    unique = tuple(sorted(set(leads), reverse=True))
    if len(unique) > MAX_LEADS:
        raise ScheduleError(T.LIMIT_LEADS.format(limit=MAX_LEADS))
    for lead in unique:
        if not MIN_LEAD <= lead <= MAX_LEAD:
            raise ScheduleError(T.LIMIT_LEAD_RANGE.format(min="5 Minuten", max="14 Tage"))
    return unique


def clean_topic(topic: str) -> str:
    topic = " ".join(topic.split())
    if len(topic) > MAX_TOPIC:
        raise ScheduleError(T.ERR_TOPIC_TOO_LONG.format(limit=MAX_TOPIC))
    return topic


# --- the service -----------------------------------------------------------------------------


class Schedule:
    """All schedule reads and writes of all chats, over one SQLite database."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        default_tz: str = DEFAULT_TZ,
        transaction: Callable[[], AbstractContextManager[object]] | None = None,
    ) -> None:
        """``transaction`` is the Store's (``store.transaction``); default ``db.atomic``."""
        self.db = db
        self._tx = transaction or db.atomic
        try:
            self.default_tz = ZoneInfo(default_tz)
        except (ZoneInfoNotFoundError, ValueError):
            self.default_tz = ZoneInfo(DEFAULT_TZ)

    # --- chat settings -----------------------------------------------------------------------

    def settings(self, chat_id: int) -> ChatSettings:
        rows = list(self.db.query("SELECT * FROM schedule_chats WHERE chat_id = ?", [chat_id]))
        if not rows:
            return ChatSettings(chat_id, self.default_tz, DEFAULT_LEADS)
        return self._settings_from_row(rows[0])

    def _settings_from_row(self, row: dict) -> ChatSettings:
        try:
            tz = ZoneInfo(row["tz"])
        except (ZoneInfoNotFoundError, ValueError):
            tz = self.default_tz
        return ChatSettings(
            row["chat_id"],
            tz,
            tuple(json.loads(row["leads"])),
            bool(row["paused"]),
            parse_timestamp(row["armed_at"]),
        )

    def _upsert_chat(self, chat_id: int, **values: object) -> None:
        current = self.settings(chat_id)
        row = {
            "chat_id": chat_id,
            "tz": current.tz.key,
            "leads": json.dumps(list(current.leads)),
            "paused": int(current.paused),
            "armed_at": timestamp(current.armed_at) if current.armed_at else None,
        }
        row.update(values)
        self.db["schedule_chats"].upsert(row, pk="chat_id")

    def set_timezone(self, chat_id: int, name: str, now: datetime) -> ZoneInfo:
        tz = validate_timezone(name)
        with self._tx():
            self._upsert_chat(
                chat_id, tz=tz.key, paused=0, paused_at=None, armed_at=timestamp(now)
            )
        return tz

    def set_leads(self, chat_id: int, leads: Iterable[int], now: datetime) -> tuple[int, ...]:
        """Set the lead times (``[]`` = off); also resumes paused reminders."""
        checked = check_leads(leads)
        with self._tx():
            self._upsert_chat(
                chat_id,
                leads=json.dumps(list(checked)),
                paused=0,
                paused_at=None,
                armed_at=timestamp(now),
            )
        return checked

    def pause(self, chat_id: int, now: datetime) -> None:
        """Stop reminders for a chat that blocked or removed the bot (HTTP 403)."""
        with self._tx():
            self._upsert_chat(chat_id, paused=1, paused_at=timestamp(now))
        log.warning("reminders of chat %s paused (bot blocked or removed)", chat_id)

    def resume(self, chat_id: int, now: datetime) -> bool:
        """Resume a paused chat (it talks to the bot again); True if it was paused."""
        if not self.settings(chat_id).paused:
            return False
        with self._tx():
            self._upsert_chat(chat_id, paused=0, paused_at=None, armed_at=timestamp(now))
        return True

    def migrate_chat(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup: move everything to the new chat id."""
        with self._tx():
            for table in ("schedule_meetings", "sent_reminders"):
                self.db.execute(
                    f"UPDATE {table} SET chat_id = ? WHERE chat_id = ?", [new_id, old_id]
                )
            if not list(self.db.query("SELECT 1 FROM schedule_chats WHERE chat_id = ?", [new_id])):
                self.db.execute(
                    "UPDATE schedule_chats SET chat_id = ? WHERE chat_id = ?", [new_id, old_id]
                )

    # --- meetings ----------------------------------------------------------------------------

    def _meeting(self, row: dict) -> Meeting:
        return Meeting(
            id=row["id"],
            chat_id=row["chat_id"],
            kind=row["kind"],
            start_local=_parse_wall(row["start_local"]),
            weekday=row["weekday"],
            every_weeks=row["every_weeks"],
            until=date.fromisoformat(row["until_day"]) if row["until_day"] else None,
            topic=row["topic"],
            reading=row["reading"],
            reading_label=row["reading_label"],
            created_at=parse_timestamp(row["created_at"]) or datetime.min.replace(tzinfo=UTC),
        )

    def meetings(self, chat_id: int) -> list[Meeting]:
        rows = self.db.query(
            "SELECT * FROM schedule_meetings WHERE chat_id = ? AND active = 1 ORDER BY id",
            [chat_id],
        )
        return [self._meeting(r) for r in rows]

    def series(self, chat_id: int, now: datetime) -> list[Meeting]:
        """Running series (not ended before today)."""
        today = now.astimezone(self.settings(chat_id).tz).date()
        return [
            m
            for m in self.meetings(chat_id)
            if m.kind == "series" and (m.until is None or m.until >= today)
        ]

    def count_scheduled(self, chat_id: int, now: datetime) -> int:
        """Running series plus future single meetings that are not cancelled."""
        n = len(self.series(chat_id, now))
        n += sum(1 for o in self.upcoming(chat_id, now, 10 * MAX_MEETINGS) if not o.series)
        return n

    def _check_limit(self, chat_id: int, now: datetime) -> None:
        n = self.count_scheduled(chat_id, now)
        if n >= MAX_MEETINGS:
            raise ScheduleError(T.LIMIT_MEETINGS.format(n=n, limit=MAX_MEETINGS))

    def add_meeting(
        self,
        chat_id: int,
        start: datetime,
        now: datetime,
        topic: str = "",
        reading: str = "",
        reading_label: str = "",
        created_by: int | None = None,
    ) -> Occurrence:
        """Store one meeting; ``start`` is aware (any zone) and kept as chat wall-clock time."""
        topic = clean_topic(topic)
        tz = self.settings(chat_id).tz
        local = start.astimezone(tz)
        with self._tx():
            self._check_limit(chat_id, now)
            if self.occurrences(chat_id, local, local + timedelta(seconds=1)):
                # the same meeting twice would mean every reminder twice
                raise ScheduleError(
                    T.ERR_DUPLICATE.format(when=format_datetime(local), day=f"{local:%d.%m.}")
                )
            meeting_id = (
                self.db["schedule_meetings"]
                .insert(
                    {
                        "chat_id": chat_id,
                        "kind": "single",
                        "start_local": _wall(local),
                        "topic": topic,
                        "reading": reading,
                        "reading_label": reading_label[:MAX_TOPIC],
                        "created_by": created_by,
                        "created_at": timestamp(now),
                        "active": 1,
                    }
                )
                .last_pk
            )
        return self._single_occurrence(self._get(meeting_id), tz, {})[0]

    def add_series(
        self,
        chat_id: int,
        weekday: int,
        at: time,
        now: datetime,
        every_weeks: int = 1,
        start_day: date | None = None,
        topic: str = "",
        reading: str = "",
        reading_label: str = "",
        created_by: int | None = None,
    ) -> Meeting:
        """Store a series on ``weekday`` at ``at`` every N weeks from ``start_day`` (or today)."""
        if not 1 <= every_weeks <= MAX_EVERY_WEEKS or not 0 <= weekday <= 6:
            raise ScheduleError(T.LIMIT_INTERVAL.format(max=MAX_EVERY_WEEKS))
        topic = clean_topic(topic)
        tz = self.settings(chat_id).tz
        now_local = now.astimezone(tz)
        first = start_day or now_local.date()
        first += timedelta(days=(weekday - first.weekday()) % 7)
        # a start day in the past keeps its rhythm: the series begins at its next meeting
        periods = max(0, (now_local.date() - first).days) // (7 * every_weeks)
        first += timedelta(weeks=periods * every_weeks)
        while localize(first, at, tz) <= now_local:
            first += timedelta(weeks=every_weeks)  # today's slot has passed
        with self._tx():
            self._check_limit(chat_id, now)
            self._check_series_clash(chat_id, first, at, every_weeks, tz, now)
            meeting_id = (
                self.db["schedule_meetings"]
                .insert(
                    {
                        "chat_id": chat_id,
                        "kind": "series",
                        "start_local": _wall(datetime.combine(first, at)),
                        "weekday": weekday,
                        "every_weeks": every_weeks,
                        "topic": topic,
                        "reading": reading,
                        "reading_label": reading_label[:MAX_TOPIC],
                        "created_by": created_by,
                        "created_at": timestamp(now),
                        "active": 1,
                    }
                )
                .last_pk
            )
        return self._get(meeting_id)

    def _check_series_clash(
        self, chat_id: int, first: date, at: time, every_weeks: int, tz: ZoneInfo, now: datetime
    ) -> None:
        """Refuse a series that repeats a running series' future meetings (double reminders).

        Only series count: a single meeting on one of its days does not block a new series.
        """
        # a start day long past keeps its rhythm: look at the year from today on
        weeks_past = max(0, (now.astimezone(tz).date() - first).days // 7)
        first += timedelta(weeks=weeks_past - weeks_past % every_weeks)
        last = first + timedelta(weeks=54)
        starts = {
            localize(first + timedelta(weeks=k), at, tz).astimezone(UTC)
            for k in range(0, 54, every_weeks)
        }
        existing = self.occurrences(chat_id, now, localize(last, time(0), tz))
        for occ in existing:
            if occ.series and occ.start.astimezone(UTC) in starts:
                raise ScheduleError(T.ERR_SERIES_DUPLICATE.format(when=format_datetime(occ.start)))

    def end_series(self, chat_id: int, now: datetime) -> int:
        """End every running series of the chat from today on; returns how many."""
        running = self.series(chat_id, now)
        today = now.astimezone(self.settings(chat_id).tz).date()
        with self._tx():
            for meeting in running:
                first = meeting.start_local.date()
                if first > today:  # never started: remove entirely
                    self.db.execute(
                        "UPDATE schedule_meetings SET active = 0 WHERE id = ?", [meeting.id]
                    )
                else:
                    self.db.execute(
                        "UPDATE schedule_meetings SET until_day = ? WHERE id = ?",
                        [(today - timedelta(days=1)).isoformat(), meeting.id],
                    )
        return len(running)

    def _get(self, meeting_id: int) -> Meeting:
        return self._meeting(self.db["schedule_meetings"].get(meeting_id))

    # --- occurrences -------------------------------------------------------------------------

    def _overrides(self, meeting_ids: list[int]) -> dict[tuple[int, str], dict]:
        if not meeting_ids:
            return {}
        marks = ",".join("?" * len(meeting_ids))
        rows = self.db.query(
            f"SELECT * FROM schedule_overrides WHERE meeting_id IN ({marks})", meeting_ids
        )
        return {(r["meeting_id"], r["day"]): r for r in rows}

    def _apply(
        self, meeting: Meeting, day: date, start: datetime, tz: ZoneInfo, over: dict | None
    ) -> Occurrence | None:
        """The occurrence of ``meeting`` on its original ``day`` after overrides (None: off)."""
        topic, reading, label = meeting.topic, meeting.reading, meeting.reading_label
        armed = meeting.created_at
        moved = False
        if over:
            if over["cancelled"]:
                return None
            if over["moved_to"]:
                start = localize(
                    _parse_wall(over["moved_to"]).date(), _parse_wall(over["moved_to"]).time(), tz
                )
                moved = True
                armed = max(armed, parse_timestamp(over["moved_at"]) or armed)
            if over["topic"] is not None:
                topic = over["topic"]
                reading, label = over["reading"] or "", over["reading_label"] or ""
        return Occurrence(
            meeting.chat_id,
            meeting.id,
            day,
            start,
            topic,
            reading,
            label,
            meeting.kind == "series",
            moved,
            armed,
        )

    def _single_occurrence(
        self, meeting: Meeting, tz: ZoneInfo, overrides: dict
    ) -> list[Occurrence]:
        day = meeting.start_local.date()
        start = localize(day, meeting.start_local.time(), tz)
        occ = self._apply(meeting, day, start, tz, overrides.get((meeting.id, day.isoformat())))
        return [occ] if occ else []

    def _series_days(self, meeting: Meeting, first: date, last: date) -> list[date]:
        """Original days of a series between ``first`` and ``last`` (inclusive)."""
        step = 7 * (meeting.every_weeks or 1)
        origin = meeting.start_local.date()
        last = min(last, meeting.until) if meeting.until else last
        if last < origin:
            return []
        k = max(0, -(-(first - origin).days // step))  # ceiling division
        days = []
        day = origin + timedelta(days=k * step)
        while day <= last:
            days.append(day)
            day += timedelta(days=step)
        return days

    def occurrences(self, chat_id: int, start: datetime, end: datetime) -> list[Occurrence]:
        """Occurrences with ``start <= occurrence.start < end``, sorted by time."""
        tz = self.settings(chat_id).tz
        meetings = self.meetings(chat_id)
        overrides = self._overrides([m.id for m in meetings])
        by_id = {m.id: m for m in meetings}
        first = start.astimezone(tz).date() - timedelta(days=1)
        last = end.astimezone(tz).date() + timedelta(days=1)
        found: dict[tuple[int, date], Occurrence] = {}
        for meeting in meetings:
            if meeting.kind == "single":
                for occ in self._single_occurrence(meeting, tz, overrides):
                    found[(meeting.id, occ.day)] = occ
                continue
            for day in self._series_days(meeting, first, last):
                origin = localize(day, meeting.start_local.time(), tz)
                occ = self._apply(
                    meeting, day, origin, tz, overrides.get((meeting.id, day.isoformat()))
                )
                if occ:
                    found[(meeting.id, day)] = occ
        # moved occurrences whose original day lies outside the window
        for (meeting_id, day_text), over in overrides.items():
            day = date.fromisoformat(day_text)
            meeting = by_id.get(meeting_id)
            if meeting is None or (meeting_id, day) in found or not over["moved_to"]:
                continue
            if meeting.kind == "series" and day not in self._series_days(meeting, day, day):
                continue
            occ = self._apply(meeting, day, start, tz, over)
            if occ:
                found[(meeting_id, day)] = occ
        result = [o for o in found.values() if start <= o.start < end]
        return sorted(result, key=lambda o: (o.start, o.meeting_id))

    def upcoming(self, chat_id: int, now: datetime, n: int = 5) -> list[Occurrence]:
        """The next ``n`` occurrences that have not started yet."""
        horizon = now + timedelta(days=HORIZON_DAYS)
        return self.occurrences(chat_id, now + timedelta(seconds=1), horizon)[:n]

    def next_meeting(self, chat_id: int, now: datetime) -> Occurrence | None:
        """The next meeting of the chat that has not started yet (or None)."""
        found = self.upcoming(chat_id, now, 1)
        return found[0] if found else None

    def on_day(self, chat_id: int, day: date) -> list[Occurrence]:
        """Occurrences taking place on local ``day``, or originally scheduled for it."""
        tz = self.settings(chat_id).tz
        begin = localize(day - timedelta(days=1), time(0), tz)
        end = localize(day + timedelta(days=2), time(0), tz)
        around = self.occurrences(chat_id, begin, end)
        exact = [o for o in around if o.start.astimezone(tz).date() == day]
        if exact:
            return exact
        # referred to by its original day after a move far away
        meetings = {m.id: m for m in self.meetings(chat_id)}
        overrides = self._overrides(list(meetings))
        result = []
        for (meeting_id, day_text), over in overrides.items():
            if day_text == day.isoformat() and over["moved_to"] and not over["cancelled"]:
                meeting = meetings[meeting_id]
                occ = self._apply(meeting, day, begin, tz, over)
                if occ:
                    result.append(occ)
        return result

    def _find(self, chat_id: int, day: date, now: datetime) -> Occurrence:
        found = [o for o in self.on_day(chat_id, day) if o.start > now]
        if not found:
            raise NotFound(f"{day:%d.%m.%Y}")
        return found[0]

    def _override(self, occ: Occurrence, now: datetime, **values: object) -> None:
        key = {"meeting_id": occ.meeting_id, "day": occ.day.isoformat()}
        existing = self.db["schedule_overrides"].rows_where(
            "meeting_id = ? AND day = ?", [occ.meeting_id, occ.day.isoformat()]
        )
        row = next(iter(existing), None) or {**key, "cancelled": 0}
        row.update(values)
        row["updated_at"] = timestamp(now)
        self.db["schedule_overrides"].upsert(row, pk=("meeting_id", "day"))

    def cancel(self, chat_id: int, day: date, now: datetime) -> Occurrence:
        """Cancel the (next not yet started) meeting on ``day``; raises :class:`NotFound`."""
        occ = self._find(chat_id, day, now)
        with self._tx():
            self._override(occ, now, cancelled=1)
        return occ

    def move(
        self, chat_id: int, day: date, new_start: datetime, now: datetime
    ) -> tuple[Occurrence, Occurrence]:
        """Move the meeting on ``day`` to ``new_start``; returns (old, new)."""
        occ = self._find(chat_id, day, now)
        tz = self.settings(chat_id).tz
        with self._tx():
            self._override(
                occ, now, moved_to=_wall(new_start.astimezone(tz)), moved_at=timestamp(now)
            )
        return occ, self._reload(occ)

    def set_topic(
        self,
        chat_id: int,
        day: date,
        topic: str,
        now: datetime,
        reading: str = "",
        reading_label: str = "",
    ) -> Occurrence:
        """Set the topic and/or reading of the meeting on ``day``.

        An empty topic keeps the current one (only the reading changes); no reading keeps
        the current reading.
        """
        topic = clean_topic(topic)
        occ = self._find(chat_id, day, now)
        if not reading and not reading_label:
            reading, reading_label = occ.reading, occ.reading_label
        with self._tx():
            self._override(
                occ,
                now,
                topic=topic or occ.topic,
                reading=reading,
                reading_label=reading_label[:MAX_TOPIC],
            )
        return self._reload(occ)

    def _reload(self, occ: Occurrence) -> Occurrence:
        """``occ`` re-read with its current overrides."""
        meeting = self._get(occ.meeting_id)
        tz = self.settings(occ.chat_id).tz
        over = self._overrides([meeting.id]).get((meeting.id, occ.day.isoformat()))
        origin = localize(occ.day, meeting.start_local.time(), tz)
        new = self._apply(meeting, occ.day, origin, tz, over)
        assert new is not None
        return new

    # --- reminders ---------------------------------------------------------------------------

    def _reminder_chats(self) -> list[ChatSettings]:
        ids = [
            r["chat_id"]
            for r in self.db.query(
                "SELECT DISTINCT chat_id FROM schedule_meetings WHERE active = 1 AND chat_id != ?",
                [OFFLINE_CHAT_ID],
            )
        ]
        return [self.settings(chat_id) for chat_id in ids]

    def _recorded(self, chat_id: int, keys: list[str]) -> set[tuple[str, int]]:
        if not keys:
            return set()
        marks = ",".join("?" * len(keys))
        rows = self.db.query(
            f"SELECT occurrence, lead FROM sent_reminders WHERE chat_id = ? "
            f"AND occurrence IN ({marks})",
            [chat_id, *keys],
        )
        return {(r["occurrence"], r["lead"]) for r in rows}

    def due_reminders(self, now: datetime) -> list[DueReminder]:
        """Reminders to send now, oldest first.

        Includes reminders missed by less than :data:`DROP_AFTER` (``late=True`` when later
        than :data:`LATE_AFTER`). Missed ones older than that, or for a meeting that has
        already begun, are recorded as dropped (with a log line) and never returned. When
        several leads of one meeting are due at once, only the shortest is returned; the
        others are listed in ``covers`` and recorded together with it by :meth:`mark_sent`.
        Reminders that fell due before the meeting (or its move, or the chat's settings)
        were saved are never sent.
        """
        due: list[DueReminder] = []
        dropped: list[tuple[Occurrence, int, datetime]] = []
        for chat in self._reminder_chats():
            if chat.paused or not chat.leads:
                continue
            window = _merge_same_start(
                self.occurrences(
                    chat.chat_id, now - LOOKBACK, now + timedelta(minutes=max(chat.leads) + 1)
                )
            )
            recorded = self._recorded(chat.chat_id, [o.key for o in window])
            for occ in window:
                ready: list[tuple[int, datetime]] = []
                for lead in chat.leads:
                    at = occ.start - timedelta(minutes=lead)
                    if at > now or (occ.key, lead) in recorded:
                        continue
                    armed = max(filter(None, (occ.armed_at, chat.armed_at)), default=None)
                    if armed is not None and at < armed:
                        continue  # fell due before it was set up: never armed
                    if occ.start <= now or now - at > DROP_AFTER:
                        dropped.append((occ, lead, at))
                    else:
                        ready.append((lead, at))
                if ready:
                    ready.sort()  # shortest lead first
                    lead, at = ready[0]
                    due.append(
                        DueReminder(
                            occ,
                            lead,
                            at.astimezone(UTC),
                            now - at > LATE_AFTER,
                            tuple(other for other, _ in ready[1:]),
                        )
                    )
        if dropped:
            with self._tx():
                for occ, lead, at in dropped:
                    log.info(
                        "reminder dropped: chat %s, meeting %s at %s, lead %s min, %s late",
                        occ.chat_id,
                        occ.meeting_id,
                        occ.start.isoformat(),
                        lead,
                        now - at,
                    )
                    self._record(occ.chat_id, occ.key, lead, "dropped", False, now)
        return sorted(due, key=lambda d: d.due_at)

    def next_reminder_times(self, now: datetime, until: datetime) -> dict[int, datetime]:
        """Per chat, the earliest reminder falling due in ``(now, until]`` (not yet sent)."""
        result: dict[int, datetime] = {}
        for chat in self._reminder_chats():
            if chat.paused or not chat.leads:
                continue
            window = _merge_same_start(
                self.occurrences(chat.chat_id, now, until + timedelta(minutes=max(chat.leads) + 1))
            )
            recorded = self._recorded(chat.chat_id, [o.key for o in window])
            for occ in window:
                for lead in chat.leads:
                    at = occ.start - timedelta(minutes=lead)
                    if not now < at <= until or (occ.key, lead) in recorded:
                        continue
                    armed = max(filter(None, (occ.armed_at, chat.armed_at)), default=None)
                    if armed is not None and at < armed:
                        continue
                    if chat.chat_id not in result or at < result[chat.chat_id]:
                        result[chat.chat_id] = at
        return result

    def _record(
        self, chat_id: int, key: str, lead: int, status: str, late: bool, now: datetime
    ) -> bool:
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO sent_reminders (chat_id, occurrence, lead, status, late, at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [chat_id, key, lead, status, int(late), timestamp(now)],
        )
        return cursor.rowcount == 1

    def mark_sent(self, reminder: DueReminder, now: datetime) -> bool:
        """Record a reminder Telegram accepted (and the leads it covered); False if known."""
        occ = reminder.occurrence
        with self._tx():
            fresh = self._record(occ.chat_id, occ.key, reminder.lead, "sent", reminder.late, now)
            for lead in reminder.covers:
                self._record(occ.chat_id, occ.key, lead, "covered", reminder.late, now)
        return fresh

    def sent_log(self, chat_id: int) -> list[dict]:
        return list(
            self.db.query(
                "SELECT * FROM sent_reminders WHERE chat_id = ? ORDER BY at, occurrence, lead",
                [chat_id],
            )
        )


def _merge_same_start(occurrences: list[Occurrence]) -> list[Occurrence]:
    """One occurrence per start instant: two meetings at the same moment get one reminder.

    The oldest meeting (lowest id) keeps the reminder, so the choice never changes between
    two checks; it borrows a topic and reading the other one has and it lacks.
    """
    groups: dict[datetime, list[Occurrence]] = {}
    for occ in occurrences:
        groups.setdefault(occ.start.astimezone(UTC), []).append(occ)
    merged = []
    for group in groups.values():
        group.sort(key=lambda o: o.meeting_id)
        primary = group[0]
        topic = next((o.topic for o in group if o.topic), "")
        reading = next(((o.reading, o.reading_label) for o in group if o.reading_label), None)
        changes: dict[str, str] = {"topic": topic}
        if reading is not None and not primary.reading_label:
            changes["reading"], changes["reading_label"] = reading
        merged.append(dataclasses.replace(primary, **changes))
    return sorted(merged, key=lambda o: (o.start, o.meeting_id))


# --- for other features ------------------------------------------------------------------------


def next_meeting_info(schedule: Schedule, chat_id: int, now: datetime) -> tuple[str, str] | None:
    """(topic, German sentence) of the chat's next meeting, for the protocol's closing line."""
    occ = schedule.next_meeting(chat_id, now)
    if occ is None:
        return None
    when = (
        f"{T.WEEKDAY_NAMES[occ.start.weekday()]}, {occ.start:%d.%m.%Y}, um {occ.start:%H:%M} Uhr"
    )
    text = T.NEXT_SENTENCE.format(when=when)
    if occ.topic:
        text += " " + T.NEXT_SENTENCE_TOPIC.format(topic=occ.topic)
    return occ.topic, text


# --- calendar export ---------------------------------------------------------------------------


def to_ics(
    occurrences: list[Occurrence], tz: ZoneInfo, now: datetime, name: str = "Jour fixe"
) -> bytes:
    """An iCalendar file with one event per occurrence (stable UIDs, local times + VTIMEZONE).

    ``now`` is the file's time stamp (DTSTAMP).
    """
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//jourfixe//Lesekreis-Bot//DE")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", tz.key)
    stamp = now.astimezone(UTC).replace(microsecond=0)
    for occ in occurrences:
        event = Event()
        uid_day = occ.day.isoformat()
        event.add("uid", f"{occ.chat_id}-{occ.meeting_id}-{uid_day}@jourfixe")
        summary = T.ICS_SUMMARY + (f": {occ.topic}" if occ.topic else "")
        event.add("summary", summary)
        start = occ.start.astimezone(tz)
        event.add("dtstart", start)
        event.add("dtend", start + MEETING_LENGTH)
        event.add("dtstamp", stamp)
        if occ.reading_label:
            event.add("description", f"Lektüre: {occ.reading_label}")
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


# --- protocol announcements ----------------------------------------------------------------------

_TOPIC = re.compile(
    r"\b(?:thema|lektüre|lektuere|gelesen wird|wir lesen)\b\s*(?:ist\s+dann|ist|wird\s+dann|wird|"
    r"dann|:)?\s*(?:sein\s*)?:?\s*(?P<topic>.+?)(?:\.(?=\s|$)|$)",
    re.IGNORECASE | re.DOTALL,
)
_LEADING_ARTICLE = re.compile(r"^(?:der|die|das|den)\s+", re.IGNORECASE)
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")


def _sentences(text: str) -> list[str]:
    """Sentences of a protocol text; its Markdown separators ("\\*") are no text."""
    return split_sentences(re.sub(r"\s+", " ", text.replace("\\*", " ")))


def find_announcement(text: str, written_on: date) -> Announcement | None:
    """The last announcement of a next meeting in a protocol's text (German phrasing).

    ``written_on`` (the protocol's date) resolves a day without a year. The topic comes from
    the same or the following sentence ("Thema ist dann …"); a highlighted (``**bold**``)
    title becomes the reading's label.
    """
    sentences = _sentences(text)
    for index in range(len(sentences) - 1, -1, -1):
        sentence = sentences[index]
        match = NEXT_MEETING.search(sentence)
        if not match:
            continue
        found = find_date_phrase(_BOLD.sub(r"\1\2", sentence[match.end() :]), written_on)
        if found is None or found[0] <= written_on:
            continue
        day, at = found
        topic, label = "", ""
        following = sentences[index + 1 : index + 3]
        for number, candidate in enumerate((sentence[match.end() :], *following)):
            topic_match = _TOPIC.search(candidate)
            # in a following sentence only an opening "Thema ist dann …" counts
            if topic_match and (number == 0 or topic_match.start() <= 6):
                raw = topic_match.group("topic").strip()
                bold = _BOLD.search(raw)
                label = (bold.group(1) or bold.group(2)).strip() if bold else ""
                topic = _BOLD.sub(lambda m: f"„{(m.group(1) or m.group(2)).strip()}“", raw)
                topic = _LEADING_ARTICLE.sub("", topic).strip(" :")
                topic = topic[:1].upper() + topic[1:]
                label = label or topic
                break
        return Announcement(day, at, topic[:MAX_TOPIC], label[:MAX_TOPIC], sentence)
    return None
