"""Shared fixtures: a temporary database Config, real Services, a fake Bot API server and a
python-telegram-bot Application wired to it (no network beyond 127.0.0.1).

- ``config``: a :class:`Config` whose database lives in ``tmp_path`` (no token, rate limit off).
- ``services``: :func:`build_services` on that config; the search index is built once per
  session and copied, so the fixture is cheap.
- ``fake_api``: a running :class:`fakebotapi.FakeBotAPI`: update factories, recorded calls
  (import it as ``from fakebotapi import ...``; pytest puts tests/ on sys.path).
- ``tg``: a :class:`TelegramHarness`: the real Application from ``build_application`` (started
  with ``async with``, no polling), ``await tg.process(update_dict)`` runs one update through it
  and returns the Bot API calls it caused.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

# PTB 22 emits a deprecation warning for integer time periods (e.g. RetryAfter.retry_after)
# unless this opt-in is set; warnings are errors in this test suite.
os.environ.setdefault("PTB_TIMEDELTA", "true")
# The semantic extra (bot/core/semantic.py) is off in the suite where it is installed, so that
# the handlers' tests see the words-only engine, the same on every machine; its own tests
# (test_search_semantic.py) switch it on. bench/eval_search.py measures the bot with it.
os.environ.setdefault("JOURFIXE_SEMANTIC", "0")

from fakebotapi import ApiCall, FakeBotAPI  # tests/ is on sys.path

from bot.config import Config

if TYPE_CHECKING:
    from telegram.ext import Application

    from bot.services import Services


@pytest.fixture
def config(tmp_path: Path) -> Config:
    """A Config on a fresh database file in tmp_path; no token, no rate limits."""
    return Config(
        db_path=tmp_path / "jourfixe.db",
        data_dir=tmp_path / "data",
        rate_limit=False,
    )


@pytest.fixture(scope="session")
def _indexed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the bundled sources indexed, built once per test session."""
    from bot.services import build_services

    workdir = tmp_path_factory.mktemp("template")
    services = build_services(Config(db_path=workdir / "build.db", data_dir=workdir))
    template = workdir / "template.db"
    services.store.conn.execute("VACUUM INTO ?", (str(template),))
    services.store.close()
    return template


@pytest.fixture
def services(config: Config, _indexed_db: Path) -> Iterator[Services]:
    """Real Services (store, catalog, search index over the seeds) on the tmp database."""
    from bot.services import build_services

    if not config.db_path.exists():
        config.db_path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(_indexed_db, config.db_path)
    services = build_services(config)
    yield services
    services.store.close()


@pytest.fixture
def fake_api() -> Iterator[FakeBotAPI]:
    """A fake Telegram Bot API server on 127.0.0.1 (random port)."""
    with FakeBotAPI() as api:
        yield api


@dataclass
class TelegramHarness:
    """The bot's PTB Application talking to the fake server; feed it update dicts."""

    app: Application
    api: FakeBotAPI
    config: Config

    async def process(self, update: dict[str, Any]) -> list[ApiCall]:
        """Run one update through the Application; the Bot API calls it caused, in order."""
        from telegram import Update

        since = self.api.mark()
        update = dict(update)
        update.setdefault("update_id", 1)
        await self.app.process_update(Update.de_json(update, self.app.bot))
        return self.api.calls_since(since)

    async def replies(self, update: dict[str, Any]) -> list[ApiCall]:
        """Like ``process`` but only the messages sent or edited."""
        calls = await self.process(update)
        return [
            c
            for c in calls
            if c.method in ("sendMessage", "sendDocument", "editMessageText") and c.error is None
        ]

    async def post_init(self) -> list[ApiCall]:
        """Run the start-up hook (setMyCommands, reminders) as run_polling would."""
        since = self.api.mark()
        assert self.app.post_init is not None
        await self.app.post_init(self.app)
        return self.api.calls_since(since)


@pytest.fixture
def tg_config(config: Config, fake_api: FakeBotAPI) -> Config:
    """The test Config pointed at the fake Bot API server."""
    return dataclasses.replace(
        config, token=fake_api.token, api_base_url=fake_api.base_url, rate_limit=False
    )


@pytest.fixture
async def tg(
    tg_config: Config, services: Services, fake_api: FakeBotAPI
) -> AsyncIterator[TelegramHarness]:
    """A started (not polling) Application from build_application, per-user limit off."""
    from bot.tg.app import build_application

    app = build_application(tg_config, services, user_rate_limit=None)
    async with app:
        yield TelegramHarness(app, fake_api, tg_config)
