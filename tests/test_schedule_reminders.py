"""Reminders through the real PTB Application and the fake Bot API server (no Telegram)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.tg.reminders import CHAT_JOB, JOB_NAME, send_due_reminders

BERLIN = ZoneInfo("Europe/Berlin")
CHAT = 4711
CREATED = datetime(2026, 1, 13, 10, 0, tzinfo=BERLIN)
MEETING = datetime(2026, 1, 26, 19, 0, tzinfo=BERLIN)


def reminders_sent(api, since: int = 0) -> list:  # FakeBotAPI
    return [c for c in api.sent(since) if "Erinnerung" in c.text]


async def test_a_reminder_due_in_a_few_seconds_arrives_through_the_bot_api(tg, services) -> None:
    """End to end: build_application, its post_init, the JobQueue, the fake server."""
    schedule = services.schedule
    now = services.clock()
    schedule.set_leads(CHAT, [5], now)
    start = now + timedelta(minutes=5, seconds=2)  # the 5-minute reminder is due in 2 s
    schedule.add_meeting(CHAT, start, now, "Imperialismus", "fazi-endspiel", "Trumps Endspiel")
    await tg.app.start()
    try:
        await tg.post_init()  # what run_polling does at start: setMyCommands, setup_reminders
        assert tg.app.job_queue.get_jobs_by_name(JOB_NAME)
        # well before the 30-second repeat: the one-off job named by chat id delivers it
        call = await tg.api.await_call("sendMessage", lambda c: "Erinnerung" in c.text, timeout=20)
        assert not tg.app.job_queue.get_jobs_by_name(CHAT_JOB.format(chat_id=CHAT))
    finally:
        await tg.app.stop()
    assert CHAT == int(call.chat_id)
    assert "Jour fixe heute" in call.text or "Jour fixe morgen" in call.text
    assert "Thema: Imperialismus" in call.text and "Lektüre: Trumps Endspiel" in call.text
    assert "verspätet" not in call.text
    assert ["ss:fazi-endspiel", "sp:"] == call.callback_data
    assert ["sent"] == [r["status"] for r in schedule.sent_log(CHAT)]
    # a later check (or a restart) finds nothing more to send
    mark = tg.api.mark()
    assert 0 == await send_due_reminders(tg.app.bot, services)
    assert [] == reminders_sent(tg.api, mark)


async def test_missed_reminder_is_sent_at_start_marked_late(tg, services) -> None:
    schedule = services.schedule
    schedule.add_meeting(CHAT, MEETING, CREATED, "Imperialismus")
    services.clock = lambda: datetime(2026, 1, 25, 20, 0, tzinfo=BERLIN).astimezone(UTC)
    assert 1 == await send_due_reminders(tg.app.bot, services)  # what the first run does
    [call] = reminders_sent(tg.api)
    assert "verspätet" in call.text and "Jour fixe morgen" in call.text
    assert [(1440, "sent", 1)] == [
        (r["lead"], r["status"], r["late"]) for r in schedule.sent_log(CHAT)
    ]
    assert 0 == await send_due_reminders(tg.app.bot, services)
    assert 1 == len(reminders_sent(tg.api))


async def test_reminder_three_hours_late_is_not_sent(tg, services) -> None:
    schedule = services.schedule
    schedule.add_meeting(CHAT, MEETING, CREATED)
    services.clock = lambda: datetime(2026, 1, 25, 22, 0, tzinfo=BERLIN).astimezone(UTC)
    assert 0 == await send_due_reminders(tg.app.bot, services)
    assert [] == reminders_sent(tg.api)
    assert ["dropped"] == [r["status"] for r in schedule.sent_log(CHAT)]


async def test_blocked_chat_is_paused_not_retried(tg, services) -> None:
    schedule = services.schedule
    schedule.add_meeting(CHAT, MEETING, CREATED)
    schedule.add_meeting(CHAT + 1, MEETING, CREATED)
    services.clock = lambda: datetime(2026, 1, 25, 19, 0, tzinfo=BERLIN).astimezone(UTC)
    tg.api.fail("sendMessage", 403, "Forbidden: bot was blocked by the user", chat_id=CHAT)
    assert 1 == await send_due_reminders(tg.app.bot, services)  # the other chat still gets it
    assert schedule.settings(CHAT).paused and not schedule.settings(CHAT + 1).paused
    assert [] == schedule.sent_log(CHAT)
    mark = tg.api.mark()
    services.clock = lambda: datetime(2026, 1, 26, 18, 0, tzinfo=BERLIN).astimezone(UTC)
    assert 1 == await send_due_reminders(tg.app.bot, services)
    assert [CHAT + 1] == [int(c.chat_id) for c in tg.api.calls_to("sendMessage", mark)]


async def test_flood_control_leaves_the_reminder_for_the_next_run(tg, services) -> None:
    schedule = services.schedule
    schedule.add_meeting(CHAT, MEETING, CREATED)
    services.clock = lambda: datetime(2026, 1, 25, 19, 0, tzinfo=BERLIN).astimezone(UTC)
    tg.api.fail("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    assert 0 == await send_due_reminders(tg.app.bot, services)
    assert [] == schedule.sent_log(CHAT)
    services.clock = lambda: datetime(2026, 1, 25, 19, 1, tzinfo=BERLIN).astimezone(UTC)
    assert 1 == await send_due_reminders(tg.app.bot, services)
    assert 1 == len(reminders_sent(tg.api))


async def test_chat_not_found_pauses_and_bad_markup_falls_back_to_plain_text(
    tg,
    services,
) -> None:
    schedule = services.schedule
    schedule.add_meeting(CHAT, MEETING, CREATED, "Krieg & Frieden")
    schedule.add_meeting(CHAT + 1, MEETING, CREATED, "Krieg & Frieden")
    services.clock = lambda: datetime(2026, 1, 25, 19, 0, tzinfo=BERLIN).astimezone(UTC)
    tg.api.fail("sendMessage", 400, "Bad Request: chat not found", chat_id=CHAT)
    tg.api.fail("sendMessage", 400, "Bad Request: can't parse entities", chat_id=CHAT + 1)
    assert 1 == await send_due_reminders(tg.app.bot, services)
    assert schedule.settings(CHAT).paused
    [plain] = reminders_sent(tg.api)
    assert CHAT + 1 == int(plain.chat_id)
    assert "parse_mode" not in plain.params and "Thema: Krieg & Frieden" in plain.text
    assert ["sent"] == [r["status"] for r in schedule.sent_log(CHAT + 1)]
