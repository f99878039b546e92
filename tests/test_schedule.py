"""The schedule core on a real SQLite file: recurrences across DST, overrides, limits,
reminders across restarts (simulated clock), the missed-reminder policy, calendar export and
protocol announcements."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlite_utils
from icalendar import Calendar

from bot import PROJECT_ROOT
from bot.core import schema
from bot.core.schedule import (
    MAX_MEETINGS,
    NotFound,
    Schedule,
    ScheduleError,
    find_announcement,
    to_ics,
)

BERLIN = ZoneInfo("Europe/Berlin")
CHAT = -100123
NOW = datetime(2026, 1, 13, 10, 0, tzinfo=BERLIN)


def berlin(y: int, mo: int, d: int, h: int = 19, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=BERLIN)


def open_schedule(path: Path) -> Schedule:
    db = sqlite_utils.Database(path)
    schema.create(db)
    return Schedule(db)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "schedule.db"


@pytest.fixture
def schedule(db_path: Path) -> Schedule:
    return open_schedule(db_path)


# --- recurrences ----------


def test_biweekly_monday_series_in_one_call(schedule: Schedule) -> None:
    schedule.add_series(CHAT, 0, time(19), NOW, every_weeks=2, start_day=date(2026, 1, 26))
    starts = [o.start for o in schedule.upcoming(CHAT, NOW, 4)]
    assert [berlin(2026, 1, 26), berlin(2026, 2, 9), berlin(2026, 2, 23), berlin(2026, 3, 9)] == (
        starts
    )


@pytest.mark.parametrize(
    ("first", "before", "after", "hours_between"),
    [
        (date(2026, 3, 23), "+01:00", "+02:00", 167),  # spring forward, Sunday 29 March 2026
        (date(2026, 10, 19), "+02:00", "+01:00", 169),  # fall back, Sunday 25 October 2026
    ],
)
def test_weekly_series_keeps_19_oclock_across_the_clock_change(
    schedule: Schedule, first: date, before: str, after: str, hours_between: int
) -> None:
    now = datetime.combine(first - timedelta(days=3), time(12), BERLIN)
    schedule.add_series(CHAT, 0, time(19), now, start_day=first)
    two = schedule.upcoming(CHAT, now, 2)
    assert [first, first + timedelta(days=7)] == [o.start.date() for o in two]
    assert [(19, 0), (19, 0)] == [(o.start.hour, o.start.minute) for o in two]
    assert [before, after] == [o.start.isoformat()[-6:] for o in two]
    gap = two[1].start.astimezone(UTC) - two[0].start.astimezone(UTC)
    assert timedelta(hours=hours_between) == gap


def test_reminders_follow_the_local_time_across_the_march_change(schedule: Schedule) -> None:
    """The 1 h reminder of the Monday after the change comes at 18:00 summer time."""
    now = berlin(2026, 3, 27, 12)
    schedule.add_series(CHAT, 0, time(19), now, start_day=date(2026, 3, 30))
    schedule.set_leads(CHAT, [60], now)
    assert [] == schedule.due_reminders(berlin(2026, 3, 30, 17, 59))
    due = schedule.due_reminders(berlin(2026, 3, 30, 18, 0))
    assert 1 == len(due)
    assert datetime(2026, 3, 30, 16, 0, tzinfo=UTC) == due[0].due_at


def test_series_and_single_meetings_merge_in_time_order(schedule: Schedule) -> None:
    schedule.add_series(CHAT, 0, time(19), NOW, every_weeks=2, start_day=date(2026, 1, 26))
    schedule.add_meeting(CHAT, berlin(2026, 2, 1, 15), NOW, topic="Sondertermin")
    upcoming = schedule.upcoming(CHAT, NOW, 3)
    assert [date(2026, 1, 26), date(2026, 2, 1), date(2026, 2, 9)] == [
        o.start.date() for o in upcoming
    ]
    assert [True, False, True] == [o.series for o in upcoming]


def test_series_on_today_after_its_time_starts_next_period(schedule: Schedule) -> None:
    schedule.add_series(CHAT, 1, time(9), NOW)  # Tuesday 9:00, it is Tuesday 10:00
    assert berlin(2026, 1, 20, 9) == schedule.next_meeting(CHAT, NOW).start


def test_a_changed_time_zone_keeps_the_wall_clock_time(schedule: Schedule) -> None:
    schedule.add_meeting(CHAT, berlin(2026, 1, 26), NOW)
    schedule.set_timezone(CHAT, "america/new_york", NOW)
    start = schedule.next_meeting(CHAT, NOW).start
    assert (19, 0, "America/New_York") == (start.hour, start.minute, start.tzinfo.key)


def test_unknown_time_zones_are_refused(schedule: Schedule) -> None:
    for bad in ("Mars/Olympus", "", "Europe/Berlin; DROP TABLE", "x" * 300):
        with pytest.raises(ScheduleError, match="Zeitzone"):
            schedule.set_timezone(CHAT, bad, NOW)
    assert "Europe/Berlin" == schedule.settings(CHAT).tz.key


# --- single occurrences ----------


def test_cancel_move_and_topic_of_one_occurrence(schedule: Schedule) -> None:
    schedule.add_series(CHAT, 0, time(19), NOW, every_weeks=2, start_day=date(2026, 1, 26))
    schedule.cancel(CHAT, date(2026, 2, 9), NOW)
    old, new = schedule.move(CHAT, date(2026, 2, 23), berlin(2026, 2, 24, 18), NOW)
    assert berlin(2026, 2, 23) == old.start and berlin(2026, 2, 24, 18) == new.start
    schedule.set_topic(CHAT, date(2026, 1, 26), "Imperialismus", NOW, "fazi-endspiel", "Fazi")
    upcoming = schedule.upcoming(CHAT, NOW, 3)
    assert [berlin(2026, 1, 26), berlin(2026, 2, 24, 18), berlin(2026, 3, 9)] == [
        o.start for o in upcoming
    ]
    assert ("Imperialismus", "fazi-endspiel") == (upcoming[0].topic, upcoming[0].reading)
    assert upcoming[1].moved and not upcoming[2].moved
    assert "" == upcoming[2].topic  # the topic belongs to one date only


def test_a_moved_meeting_can_be_found_by_its_new_and_its_old_day(schedule: Schedule) -> None:
    schedule.add_meeting(CHAT, berlin(2026, 1, 26), NOW)
    schedule.move(CHAT, date(2026, 1, 26), berlin(2026, 3, 2, 18), NOW)
    assert [berlin(2026, 3, 2, 18)] == [o.start for o in schedule.on_day(CHAT, date(2026, 3, 2))]
    assert [berlin(2026, 3, 2, 18)] == [o.start for o in schedule.on_day(CHAT, date(2026, 1, 26))]
    schedule.cancel(CHAT, date(2026, 3, 2), NOW)
    assert schedule.next_meeting(CHAT, NOW) is None


def test_changing_a_day_without_a_meeting_raises_not_found(schedule: Schedule) -> None:
    schedule.add_meeting(CHAT, berlin(2026, 1, 26), NOW)
    with pytest.raises(NotFound):
        schedule.cancel(CHAT, date(2026, 1, 27), NOW)
    with pytest.raises(NotFound):
        schedule.set_topic(CHAT, date(2026, 1, 12), "x", NOW)  # past meetings are history


def test_ending_a_series_keeps_single_meetings(schedule: Schedule) -> None:
    schedule.add_series(CHAT, 0, time(19), NOW, start_day=date(2026, 1, 19))
    schedule.add_meeting(CHAT, berlin(2026, 2, 1, 15), NOW)
    assert 1 == schedule.end_series(CHAT, NOW)
    assert [berlin(2026, 2, 1, 15)] == [o.start for o in schedule.upcoming(CHAT, NOW, 5)]


def test_chats_do_not_see_each_others_meetings(schedule: Schedule) -> None:
    schedule.add_meeting(CHAT, berlin(2026, 1, 26), NOW)
    assert schedule.next_meeting(CHAT + 1, NOW) is None


# --- limits ----------


def test_at_most_20_scheduled_meetings_per_chat(schedule: Schedule) -> None:
    for i in range(MAX_MEETINGS - 1):
        schedule.add_meeting(CHAT, berlin(2026, 2, 1) + timedelta(days=i), NOW)
    schedule.add_series(CHAT, 0, time(19), NOW)
    with pytest.raises(ScheduleError, match="20"):
        schedule.add_meeting(CHAT, berlin(2026, 6, 1), NOW)
    with pytest.raises(ScheduleError, match="20"):
        schedule.add_series(CHAT, 2, time(19), NOW)
    assert MAX_MEETINGS == schedule.count_scheduled(CHAT, NOW)
    schedule.cancel(CHAT, date(2026, 2, 1), NOW)  # a cancellation frees a place
    schedule.add_meeting(CHAT, berlin(2026, 6, 2), NOW)  # (not on the series' Monday 1 June)
    assert schedule.add_meeting(CHAT + 1, berlin(2026, 6, 1), NOW)  # other chats unaffected


def test_no_recurrence_shorter_than_a_week_and_at_most_5_leads(schedule: Schedule) -> None:
    for weeks in (0, -1, 53):
        with pytest.raises(ScheduleError, match="Reihe"):
            schedule.add_series(CHAT, 0, time(19), NOW, every_weeks=weeks)
    with pytest.raises(ScheduleError, match="Höchstens 5"):
        schedule.set_leads(CHAT, [10, 20, 30, 40, 50, 60], NOW)
    with pytest.raises(ScheduleError, match="frühestens"):
        schedule.set_leads(CHAT, [1], NOW)
    with pytest.raises(ScheduleError, match="frühestens"):
        schedule.set_leads(CHAT, [30 * 1440], NOW)
    assert (1440, 60) == schedule.settings(CHAT).leads
    assert (2880, 60, 30, 10, 5) == schedule.set_leads(CHAT, [5, 10, 30, 60, 2880], NOW)


def test_the_same_meeting_twice_is_refused_and_saved_once(schedule: Schedule) -> None:
    schedule.add_meeting(CHAT, berlin(2026, 1, 26), NOW, topic="Imperialismus")
    with pytest.raises(ScheduleError, match="schon ein Termin.*/thema 26.01."):
        schedule.add_meeting(CHAT, berlin(2026, 1, 26), NOW, topic="Nochmal")
    schedule.add_series(CHAT, 0, time(19), NOW, every_weeks=2, start_day=date(2026, 2, 9))
    with pytest.raises(ScheduleError, match="schon ein Termin"):
        schedule.add_meeting(CHAT, berlin(2026, 2, 23), NOW)  # a day of the series
    with pytest.raises(ScheduleError, match="Reihe gibt es schon"):
        schedule.add_series(CHAT, 0, time(19), NOW, every_weeks=1, start_day=date(2026, 2, 2))
    assert 2 == len(schedule.meetings(CHAT))
    # a different time, another rhythm or another chat is fine
    schedule.add_meeting(CHAT, berlin(2026, 1, 26, 20), NOW)
    schedule.add_series(CHAT, 0, time(19), NOW, every_weeks=2, start_day=date(2026, 2, 16))
    schedule.add_meeting(CHAT + 1, berlin(2026, 1, 26), NOW)
    assert 4 == len(schedule.meetings(CHAT))


def test_an_ended_series_can_be_set_up_again_in_its_old_rhythm(schedule: Schedule) -> None:
    schedule.add_series(CHAT, 0, time(19), NOW, every_weeks=2, start_day=date(2026, 1, 26))
    later = berlin(2026, 11, 21, 6)
    schedule.end_series(CHAT, later)
    schedule.add_series(CHAT, 0, time(19), later, every_weeks=2, start_day=date(2026, 1, 26))
    with pytest.raises(ScheduleError, match="Reihe gibt es schon"):
        schedule.add_series(CHAT, 0, time(19), later, every_weeks=2, start_day=date(2026, 2, 9))
    assert [berlin(2026, 11, 30)] == [o.start for o in schedule.upcoming(CHAT, later, 1)]


def test_two_meetings_at_the_same_moment_give_one_reminder(schedule: Schedule) -> None:
    """A single meeting set before a series that falls on it: one reminder, with its topic."""
    schedule.add_meeting(CHAT, berlin(2026, 1, 26), NOW, "Imperialismus", "fazi-endspiel", "FE")
    schedule.add_series(CHAT, 0, time(19), NOW, every_weeks=2, start_day=date(2026, 1, 26))
    assert 2 == len(schedule.on_day(CHAT, date(2026, 1, 26)))
    [due] = schedule.due_reminders(berlin(2026, 1, 25, 19, 0))
    assert ("Imperialismus", "fazi-endspiel") == (due.occurrence.topic, due.occurrence.reading)
    schedule.mark_sent(due, berlin(2026, 1, 25, 19, 0))
    assert [] == schedule.due_reminders(berlin(2026, 1, 25, 19, 1))
    assert [60] == [d.lead for d in schedule.due_reminders(berlin(2026, 1, 26, 18, 0))]


def test_overlong_topics_are_refused_and_nothing_is_saved(schedule: Schedule) -> None:
    with pytest.raises(ScheduleError, match="zu lang"):
        schedule.add_meeting(CHAT, berlin(2026, 1, 26), NOW, topic="x" * 10_000)
    assert schedule.next_meeting(CHAT, NOW) is None


# --- reminders ----------


def send_all(schedule: Schedule, now: datetime) -> list[tuple[str, int, bool]]:
    """What a reminder job would send at ``now`` (each recorded as sent)."""
    sent = []
    for reminder in schedule.due_reminders(now):
        assert schedule.mark_sent(reminder, now)
        sent.append(
            (reminder.occurrence.start.strftime("%d.%m. %H:%M"), reminder.lead, reminder.late)
        )
    return sent


def test_one_day_and_one_hour_reminders_by_default(schedule: Schedule) -> None:
    schedule.add_meeting(CHAT, berlin(2026, 1, 26), NOW, topic="Imperialismus")
    assert [] == send_all(schedule, berlin(2026, 1, 25, 18, 59))
    assert [("26.01. 19:00", 1440, False)] == send_all(schedule, berlin(2026, 1, 25, 19, 0))
    assert [] == send_all(schedule, berlin(2026, 1, 26, 17, 59))
    assert [("26.01. 19:00", 60, False)] == send_all(schedule, berlin(2026, 1, 26, 18, 0))
    assert [] == send_all(schedule, berlin(2026, 1, 26, 18, 30))


def test_restart_sends_no_reminder_twice(db_path: Path) -> None:
    """Simulated clock: send, close the database, reopen it, ask again."""
    first = open_schedule(db_path)
    first.add_series(CHAT, 0, time(19), NOW, every_weeks=2, start_day=date(2026, 1, 26))
    assert [("26.01. 19:00", 1440, False)] == send_all(first, berlin(2026, 1, 25, 19, 0))
    first.db.close()

    second = open_schedule(db_path)  # the bot restarted a minute later
    assert [] == second.due_reminders(berlin(2026, 1, 25, 19, 1))
    # a due reminder that was not confirmed by Telegram is still due after the restart
    pending = second.due_reminders(berlin(2026, 1, 26, 18, 0))
    assert [60] == [r.lead for r in pending]
    second.db.close()

    third = open_schedule(db_path)
    assert [("26.01. 19:00", 60, False)] == send_all(third, berlin(2026, 1, 26, 18, 1))
    third.db.close()

    fourth = open_schedule(db_path)
    assert [] == fourth.due_reminders(berlin(2026, 1, 26, 18, 45))
    assert [("09.02. 19:00", 1440, False)] == send_all(fourth, berlin(2026, 2, 8, 19, 0))
    statuses = [(r["lead"], r["status"]) for r in fourth.sent_log(CHAT)]
    assert [(1440, "sent"), (60, "sent"), (1440, "sent")] == statuses


def test_mark_sent_twice_records_once(schedule: Schedule) -> None:
    schedule.add_meeting(CHAT, berlin(2026, 1, 26), NOW)
    [reminder] = schedule.due_reminders(berlin(2026, 1, 25, 19, 0))
    assert schedule.mark_sent(reminder, berlin(2026, 1, 25, 19, 0))
    assert not schedule.mark_sent(reminder, berlin(2026, 1, 25, 19, 1))
    assert 1 == len(schedule.sent_log(CHAT))


def test_a_reminder_one_hour_late_is_sent_marked_late(schedule: Schedule) -> None:
    schedule.add_meeting(CHAT, berlin(2026, 1, 26), NOW)
    # the bot was down from Sunday 18:00 until 20:00: the 1-day reminder is an hour late
    assert [("26.01. 19:00", 1440, True)] == send_all(schedule, berlin(2026, 1, 25, 20, 0))
    assert [(1440, "sent", 1)] == [
        (r["lead"], r["status"], r["late"]) for r in schedule.sent_log(CHAT)
    ]


def test_a_reminder_three_hours_late_is_dropped_with_a_log_line(
    schedule: Schedule, caplog: pytest.LogCaptureFixture
) -> None:
    schedule.add_meeting(CHAT, berlin(2026, 1, 26), NOW)
    with caplog.at_level(logging.INFO, logger="bot.core.schedule"):
        assert [] == send_all(schedule, berlin(2026, 1, 25, 22, 0))
    assert ["reminder dropped"] == [r.getMessage()[:16] for r in caplog.records]
    assert [(1440, "dropped")] == [(r["lead"], r["status"]) for r in schedule.sent_log(CHAT)]
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="bot.core.schedule"):
        assert [] == send_all(schedule, berlin(2026, 1, 25, 22, 1))  # logged only once
    assert [] == caplog.records
    # the 1-hour reminder still comes on time
    assert [("26.01. 19:00", 60, False)] == send_all(schedule, berlin(2026, 1, 26, 18, 0))


def test_a_reminder_for_a_meeting_that_has_begun_is_dropped(schedule: Schedule) -> None:
    schedule.add_meeting(CHAT, berlin(2026, 1, 26), NOW)
    schedule.set_leads(CHAT, [90], NOW)
    assert [] == send_all(schedule, berlin(2026, 1, 26, 19, 5))  # 95 min late, meeting started
    assert ["dropped"] == [r["status"] for r in schedule.sent_log(CHAT)]


def test_several_missed_leads_of_one_meeting_give_one_reminder(schedule: Schedule) -> None:
    schedule.add_meeting(CHAT, berlin(2026, 1, 26), NOW)
    schedule.set_leads(CHAT, [120, 60], NOW)
    [reminder] = schedule.due_reminders(berlin(2026, 1, 26, 18, 10))
    assert (60, (120,), True) == (reminder.lead, reminder.covers, reminder.late)
    schedule.mark_sent(reminder, berlin(2026, 1, 26, 18, 10))
    assert [] == schedule.due_reminders(berlin(2026, 1, 26, 18, 20))


def test_no_late_reminder_for_a_meeting_set_up_after_its_reminder_time(
    schedule: Schedule,
) -> None:
    now = berlin(2026, 1, 26, 18, 30)
    schedule.add_meeting(CHAT, berlin(2026, 1, 26), now)  # 30 minutes before it starts
    assert [] == send_all(schedule, berlin(2026, 1, 26, 18, 31))
    assert [] == schedule.sent_log(CHAT)


def test_a_moved_meeting_gets_fresh_reminders(schedule: Schedule) -> None:
    schedule.add_meeting(CHAT, berlin(2026, 1, 26), NOW)
    assert 1 == len(send_all(schedule, berlin(2026, 1, 25, 19, 0)))
    schedule.move(CHAT, date(2026, 1, 26), berlin(2026, 1, 27), berlin(2026, 1, 25, 20, 0))
    assert [("27.01. 19:00", 1440, False)] == send_all(schedule, berlin(2026, 1, 26, 19, 0))


def test_no_reminders_when_off_cancelled_or_paused(schedule: Schedule) -> None:
    schedule.add_meeting(CHAT, berlin(2026, 1, 26), NOW)
    schedule.add_meeting(CHAT + 1, berlin(2026, 1, 26), NOW)
    schedule.add_meeting(CHAT + 2, berlin(2026, 1, 26), NOW)
    schedule.set_leads(CHAT, [], NOW)
    schedule.cancel(CHAT + 1, date(2026, 1, 26), NOW)
    schedule.pause(CHAT + 2, NOW)
    assert [] == schedule.due_reminders(berlin(2026, 1, 25, 19, 0))
    assert schedule.resume(CHAT + 2, berlin(2026, 1, 26, 17, 0))
    assert [CHAT + 2] == [r.chat_id for r in schedule.due_reminders(berlin(2026, 1, 26, 18, 0))]


def test_next_reminder_times_per_chat(schedule: Schedule) -> None:
    schedule.add_meeting(CHAT, berlin(2026, 1, 26), NOW)
    schedule.add_meeting(CHAT + 1, berlin(2026, 1, 26, 20), NOW)
    found = schedule.next_reminder_times(berlin(2026, 1, 25, 18, 0), berlin(2026, 1, 25, 19, 30))
    assert {CHAT: berlin(2026, 1, 25, 19, 0)} == found


def test_migrated_group_keeps_its_schedule(schedule: Schedule) -> None:
    schedule.add_meeting(CHAT, berlin(2026, 1, 26), NOW)
    schedule.set_leads(CHAT, [60], NOW)
    schedule.migrate_chat(CHAT, -100999)
    assert schedule.next_meeting(CHAT, NOW) is None
    assert berlin(2026, 1, 26) == schedule.next_meeting(-100999, NOW).start
    assert (60,) == schedule.settings(-100999).leads


def test_schema_is_idempotent(db_path: Path) -> None:
    db = sqlite_utils.Database(db_path)
    schema.create(db)
    schema.create(db)
    assert {"schedule_chats", "schedule_meetings", "schedule_overrides", "sent_reminders"} <= set(
        db.table_names()
    )


# --- calendar ----------


def test_ics_round_trip_with_local_times(schedule: Schedule) -> None:
    schedule.add_series(CHAT, 0, time(19), NOW, every_weeks=2, start_day=date(2026, 3, 23))
    schedule.set_topic(CHAT, date(2026, 3, 23), "Europa & „Imperialismus“", NOW, "", "GS 4-25")
    occurrences = schedule.upcoming(CHAT, NOW, 3)
    cal = Calendar.from_ical(to_ics(occurrences, BERLIN, NOW))
    events = list(cal.walk("VEVENT"))
    assert 3 == len(events)
    starts = [e.decoded("dtstart") for e in events]
    assert [berlin(2026, 3, 23), berlin(2026, 4, 6), berlin(2026, 4, 20)] == starts
    assert ["+01:00", "+02:00", "+02:00"] == [s.isoformat()[-6:] for s in starts]
    assert "Europe/Berlin" == str(events[0]["dtstart"].params["TZID"])
    assert "Jour fixe: Europa & „Imperialismus“" == str(events[0]["summary"])
    assert "Lektüre: GS 4-25" == str(events[0]["description"])
    assert timedelta(hours=2) == events[0].decoded("dtend") - starts[0]
    assert 3 == len({str(e["uid"]) for e in events})
    assert [c.name for c in cal.walk("VTIMEZONE")] == ["VTIMEZONE"]


# --- protocol announcements ----------


def test_the_seed_protocol_announces_26_january() -> None:
    text = next((PROJECT_ROOT / "seeds").glob("001_*")).read_text(encoding="utf-8")
    found = find_announcement(text, date(2026, 1, 12))
    assert found is not None
    assert (date(2026, 1, 26), None) == (found.day, found.at)
    assert "Europa im hybriden Krieg für einen emanzipierten Imperialismus" == found.reading_label
    assert found.topic.startswith("Artikel „Europa im hybriden Krieg")


@pytest.mark.parametrize(
    ("text", "day", "at", "topic"),
    [
        (
            "Viel gelesen. Nächster Termin: 9.2.2026 um 18:30 Uhr. Thema: Fazis Endspiel.",
            date(2026, 2, 9),
            time(18, 30),
            "Fazis Endspiel",
        ),
        (
            "Die nächste Sitzung ist am Montag, 23. Februar. Wir lesen dann den WSWS-Artikel.",
            date(2026, 2, 23),
            None,
            "WSWS-Artikel",
        ),
        ("Das kommende Treffen findet am 2.3. statt.", date(2026, 3, 2), None, ""),
        (
            "Der nächste Jour fixe ist am 26.01. Thema ist dann der Artikel zur Lage.",
            date(2026, 1, 26),
            None,
            "Artikel zur Lage",
        ),
    ],
)
def test_announcements_in_other_phrasings(
    text: str, day: date, at: time | None, topic: str
) -> None:
    found = find_announcement(text, date(2026, 1, 12))
    assert found is not None
    assert (day, at, topic) == (found.day, found.at, found.topic)


def test_texts_without_an_announcement() -> None:
    written = date(2026, 1, 12)
    assert find_announcement("Am 26. Januar sprach Trump über Frieden.", written) is None
    assert find_announcement("Der nächste Termin steht noch nicht fest.", written) is None
    # "thematisiert" is no topic, and a later sentence counts only if it opens with it
    found = find_announcement(
        "Der nächste Jour fixe ist am 26.01. Das wurde lange thematisiert. "
        "Später hieß es, das Thema sei offen.",
        written,
    )
    assert found is not None and "" == found.topic
    # a "next meeting" before the protocol's own date is no announcement
    assert find_announcement("Der nächste Jour fixe war am 5.1.2026.", written) is None
