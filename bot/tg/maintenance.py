"""Housekeeping jobs of the running bot: the rolling daily backup of the database."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from bot.core.backup import rolling_backup
from bot.core.repair import describe

if TYPE_CHECKING:
    from telegram.ext import Application, ContextTypes

    from bot.services import Services

log = logging.getLogger(__name__)

JOB_NAME = "daily-backup"
INTERVAL = 3600.0  # look every hour; a backup is made once per calendar day


def setup_backups(application: Application, services: Services) -> None:
    """Make today's backup now and look again every hour (off with JOURFIXE_BACKUP_DAYS=0)."""
    job_queue = application.job_queue
    if job_queue is None or services.config.backup_days <= 0:
        return
    for job in job_queue.get_jobs_by_name(JOB_NAME):
        job.schedule_removal()
    job_queue.run_once(_tick, when=0, name=JOB_NAME, data=services)
    job_queue.run_repeating(_tick, interval=INTERVAL, first=INTERVAL, name=JOB_NAME, data=services)


async def _tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    assert context.job is not None
    services: Services = context.job.data  # type: ignore[assignment]
    await asyncio.to_thread(backup_now, services)


def backup_now(services: Services) -> None:
    """Today's backup (in the chat-independent local date of the server); never raises."""
    try:
        made = rolling_backup(services.config, services.clock().astimezone().date())
    except Exception as exc:  # a failed backup must not stop the bot
        log.error("Die tägliche Sicherung ist fehlgeschlagen: %s", describe(exc, services.config))
        return
    if made is not None:
        log.info("daily backup written: %s", made)
