"""The Telegram adapter against a Bot API that misbehaves: German messages, no token, no
traceback for plain trouble, and an apology that says what was done (issue 13)."""

from __future__ import annotations

import dataclasses
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fakebotapi import FakeBotAPI
from telegram.error import NetworkError

import bot.handlers  # noqa: F401  (registers every command)
from bot import PROJECT_ROOT
from bot.handlers.base import COMMANDS, Command, Document, OutMessage, Reply
from bot.texts import telegram as t
from bot.tg.app import _LogHygiene, run_bot


def _two_part_reply(request, services) -> Reply:
    return Reply(messages=[
        OutMessage("Notiz gespeichert."),
        OutMessage("Das Protokoll:", document=Document("protokoll.md", b"# Protokoll\n")),
    ])  # fmt: skip


@pytest.fixture
def two_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    cmd = Command("zweiteilig", (), _two_part_reply, "Test", "Test", "/zweiteilig", "/zweiteilig")
    monkeypatch.setitem(COMMANDS, "zweiteilig", cmd)


async def test_a_half_delivered_reply_says_the_request_was_done(tg, fake_api, two_parts) -> None:
    fake_api.fail("sendDocument", 400, "Bad Request: file is broken")
    calls = await tg.process(fake_api.private_message("/zweiteilig"))
    texts = [c.params.get("text") for c in calls if c.method == "sendMessage"]
    assert texts == ["Notiz gespeichert.", t.APOLOGY_DONE]
    assert "nicht noch einmal" in t.APOLOGY_DONE


async def test_a_note_whose_confirmation_failed_is_reported_as_saved(
    tg, fake_api, services
) -> None:
    fake_api.fail("sendMessage", 400, "Bad Request: message is broken")
    calls = await tg.process(fake_api.private_message("/notiz Eine wichtige Notiz."))
    texts = [c.params.get("text") for c in calls if c.method == "sendMessage" and not c.error]
    assert texts == [t.APOLOGY_NOTE_SAVED.format(num=1)]
    assert [n.text for n in services.notes.all_notes(1001)] == ["Eine wichtige Notiz."]


async def test_a_handler_crash_still_asks_to_try_again(tg, fake_api, monkeypatch) -> None:
    def crash(request, services) -> Reply:
        raise KeyError("kaputt")

    cmd = Command("absturz", (), crash, "Test", "Test", "/absturz", "/absturz")
    monkeypatch.setitem(COMMANDS, "absturz", cmd)
    calls = await tg.process(fake_api.private_message("/absturz"))
    assert [c.params.get("text") for c in calls if c.method == "sendMessage"] == [t.APOLOGY]


async def test_a_failing_apology_never_escapes(tg, fake_api, two_parts) -> None:
    adapter = tg.app.bot_data["adapter"]

    class Context:
        error = RuntimeError("boom")

        class bot:
            @staticmethod
            async def send_message(*args: Any, **kwargs: Any) -> None:
                raise ValueError("not JSON")  # a Bot API off the spec

    from telegram import Update

    update = Update.de_json({"update_id": 5, **fake_api.private_message("/hilfe")}, tg.app.bot)
    await adapter.on_error(update, Context())  # must not raise


def _run(config, caplog) -> int:
    """run_bot in this process (only where it fails before talking to Telegram)."""
    caplog.set_level(logging.WARNING)
    return run_bot(config)


def test_start_against_a_bot_api_off_the_spec_is_one_german_line(tmp_path: Path) -> None:
    """`jourfixe run` (no -v) when getMe answers something that is not a User."""
    with FakeBotAPI() as api:
        api._api_getme = lambda p, f: {"unexpected": True}  # type: ignore[method-assign]
        env = dict(os.environ, TELEGRAM_BOT_TOKEN=api.token, TELEGRAM_API_BASE_URL=api.base_url,
                   JOURFIXE_DB=str(tmp_path / "j.db"), JOURFIXE_DATA_DIR=str(tmp_path / "d"),
                   JOURFIXE_RATE_LIMIT="0")  # fmt: skip
        env.pop("JOURFIXE_WEBHOOK_URL", None)
        proc = subprocess.run(
            [sys.executable, "-m", "bot", "run"], cwd=PROJECT_ROOT, env=env,
            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "Der Bot konnte nicht starten" in out and "antwortet anders als Telegram" in out
    assert "Traceback" not in out and api.token not in out


def test_start_with_a_broken_database_is_one_german_line(tg_config, caplog) -> None:
    tg_config.db_path.write_bytes(b"keine Datenbank" * 500)
    assert _run(tg_config, caplog) == 1
    [error] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert "Der Bot konnte nicht starten" in error.getMessage()
    assert "keine SQLite-Datenbank" in error.getMessage() and error.exc_info is None


def test_log_hygiene_covers_our_own_loggers() -> None:
    token = "123456:SECRET-token"
    hygiene = _LogHygiene(token)
    logger = logging.getLogger("bot.tg.app")
    try:
        raise NetworkError(f"connect failed for https://x/bot{token}/getMe")
    except NetworkError as exc:
        record = logger.makeRecord(
            logger.name, logging.ERROR, __file__, 1, "send failed", None, (type(exc), exc, None)
        )
    hygiene.filter(record)
    assert record.exc_info is None
    assert token not in record.getMessage() and "***" in record.getMessage()
    plain = logger.makeRecord(logger.name, logging.INFO, __file__, 1, "token %s", (token,), None)
    hygiene.filter(plain)
    assert token not in plain.getMessage()


def test_config_repr_never_shows_the_token(tg_config) -> None:
    assert tg_config.token not in repr(dataclasses.replace(tg_config))
