"""Reminder delivery through PTB's JobQueue (the only schedule module importing telegram).

The schedule lives in SQLite (:mod:`bot.core.schedule`); the JobQueue only wakes us up:

- a repeating job (every :data:`INTERVAL` seconds, first run immediately at start) asks the
  core for due reminders and sends them — at start this sends reminders missed while the bot
  was down (< 2 h late, marked "verspätet"); older ones are dropped by the core;
- after every run, a one-off job named ``reminder:<chat id>`` is set for each chat whose next
  reminder falls before the next repeating run, so reminders arrive on the second.

A reminder is recorded as sent only after Telegram accepted it. A chat that blocked or
removed the bot (403 Forbidden, or "chat not found") has its reminders paused.
"""

from __future__ import annotations

import html
import logging
import re
from datetime import datetime, timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter, TelegramError
from telegram.ext import Application, ContextTypes

from bot.core.schedule import DueReminder
from bot.handlers.base import Button
from bot.handlers.schedule import reminder_message
from bot.services import Services

log = logging.getLogger(__name__)

INTERVAL = 30.0  # seconds between two checks of the database
JOB_NAME = "reminders"
CHAT_JOB = "reminder:{chat_id}"
_TAG = re.compile(r"<[^>]+>")


def setup_reminders(
    application: Application, services: Services, interval: float = INTERVAL
) -> None:
    """Start the reminder jobs (called from the adapter's post_init); idempotent."""
    job_queue = application.job_queue
    if job_queue is None:  # PTB installed without the job-queue extra
        log.warning("no JobQueue: reminders are disabled (install python-telegram-bot[job-queue])")
        return
    for job in job_queue.get_jobs_by_name(JOB_NAME):
        job.schedule_removal()
    data = {"services": services, "interval": interval}
    # first=0 would not do: APScheduler moves a start date that has just passed to the next
    # interval. A one-off job runs at once (missed reminders), the repeating one after that.
    job_queue.run_once(_tick, when=0, name=JOB_NAME, data=data)
    job_queue.run_repeating(_tick, interval=interval, first=interval, name=JOB_NAME, data=data)


async def _tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send what is due, then set precise one-off jobs for reminders due before the next run."""
    assert context.job is not None
    data: dict[str, Any] = context.job.data  # type: ignore[assignment]
    services: Services = data["services"]
    await send_due_reminders(context.bot, services)
    if context.job_queue is None:
        return
    now = services.clock()
    soon = services.schedule.next_reminder_times(now, now + timedelta(seconds=data["interval"]))
    for chat_id, at in soon.items():
        name = CHAT_JOB.format(chat_id=chat_id)
        for job in context.job_queue.get_jobs_by_name(name):
            job.schedule_removal()
        delay = max(0.0, (at - now).total_seconds()) + 0.05
        context.job_queue.run_once(
            _precise, when=delay, name=name, chat_id=chat_id, data={"services": services}
        )


async def _precise(context: ContextTypes.DEFAULT_TYPE) -> None:
    """One-off job at a reminder's exact time (the database decides what is sent)."""
    assert context.job is not None
    await send_due_reminders(context.bot, context.job.data["services"])  # type: ignore[index]


def _keyboard(buttons: list[list[Button]]) -> InlineKeyboardMarkup | None:
    rows = [
        [
            InlineKeyboardButton(b.label, url=b.url)
            if b.url
            else InlineKeyboardButton(b.label, callback_data=b.data or "-")
            for b in row
        ]
        for row in buttons
        if row
    ]
    return InlineKeyboardMarkup(rows) if rows else None


async def send_due_reminders(bot: Any, services: Services) -> int:
    """Send every due reminder once; returns how many Telegram accepted."""
    async with services.reminder_lock:
        schedule = services.schedule
        now = services.clock()
        sent = 0
        paused: set[int] = set()
        for reminder in schedule.due_reminders(now):
            if reminder.chat_id in paused:
                continue
            outcome = await _send(bot, services, reminder, now)
            if outcome == "paused":
                paused.add(reminder.chat_id)
            if outcome == "retry_later":
                break  # flood control: the next run tries again
            if outcome == "sent":
                schedule.mark_sent(reminder, services.clock())
                sent += 1
        return sent


async def _send(bot: Any, services: Services, reminder: DueReminder, now: datetime) -> str:
    """One reminder: "sent", "skipped" (left for a later run), "paused" or "retry_later"."""
    schedule = services.schedule
    message = reminder_message(reminder, now)
    chat_id = reminder.chat_id
    try:
        await bot.send_message(
            chat_id=chat_id,
            text=message.html,
            parse_mode=ParseMode.HTML,
            reply_markup=_keyboard(message.buttons),
        )
        return "sent"
    except Forbidden as exc:
        log.warning("chat %s: reminder forbidden (%s)", chat_id, exc)
        schedule.pause(chat_id, services.clock())
        return "paused"
    except ChatMigrated as exc:
        log.info("chat %s became %s: schedule moved", chat_id, exc.new_chat_id)
        schedule.migrate_chat(chat_id, int(exc.new_chat_id))
        return "skipped"  # the next run sends it to the new chat id
    except RetryAfter as exc:
        log.warning("flood control while sending reminders: %s", exc)
        return "retry_later"
    except BadRequest as exc:
        if "chat not found" in str(exc).lower():
            schedule.pause(chat_id, services.clock())
            return "paused"
        try:  # a markup problem must not cost the reminder: send it as plain text
            plain = html.unescape(_TAG.sub("", message.html))
            await bot.send_message(chat_id=chat_id, text=plain)
            return "sent"
        except TelegramError as again:
            log.warning("chat %s: reminder rejected (%s / %s)", chat_id, exc, again)
            return "skipped"
    except TelegramError as exc:  # network trouble, timeouts: the next run retries
        log.warning("chat %s: reminder not sent yet (%s)", chat_id, exc)
        return "skipped"
