"""End to end: the real `jourfixe run` process against the fake Bot API server over HTTP."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakebotapi import ApiCall, FakeBotAPI, parse_html

from bot import PROJECT_ROOT

WAIT = 30.0  # seconds; generous for a loaded CI machine, but bounded


@contextlib.contextmanager
def bot_process(
    api: FakeBotAPI, tmp_path: Path, log_name: str = "bot.log", **extra_env: str
) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    """`python -m bot run` pointed at the fake server; always terminated."""
    env = dict(os.environ)
    env.pop("JOURFIXE_WEBHOOK_URL", None)
    env.update(
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_API_BASE_URL=api.base_url,
        JOURFIXE_DB=str(tmp_path / "e2e.db"),
        JOURFIXE_DATA_DIR=str(tmp_path / "data"),
        JOURFIXE_RATE_LIMIT="0",
        PYTHONUNBUFFERED="1",
        **extra_env,
    )
    log = tmp_path / log_name
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "-v", "run"],
            cwd=PROJECT_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            yield proc, log
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=15)


@pytest.fixture
def running_bot(tmp_path: Path) -> Iterator[tuple[FakeBotAPI, subprocess.Popen[bytes], Path]]:
    """The fake server plus the bot process."""
    with FakeBotAPI() as api, bot_process(api, tmp_path) as (proc, log):
        yield api, proc, log


def _fail_with_log(exc: BaseException, api: FakeBotAPI, log: Path) -> None:
    seen = [(c.method, c.chat_id, c.error) for c in api.calls[-20:]]
    bot_log = log.read_text(errors="replace")[-4000:]
    pytest.fail(f"{exc}\n--- last calls: {seen}\n--- bot log:\n{bot_log}")


def test_the_bot_process_answers_private_group_button_and_inline(running_bot):
    api, proc, log = running_bot
    try:
        _conversation(api, proc, log)
    except (AssertionError, TimeoutError) as exc:
        _fail_with_log(exc, api, log)


def _conversation(api: FakeBotAPI, proc: subprocess.Popen[bytes], log: Path) -> None:
    api.wait_for("setMyCommands", timeout=WAIT)  # started: polling and post_init done
    assert api.webhook is None

    # a private question
    user = api.user(7001, "Clara")
    since = api.mark()
    api.inject(api.private_message("Was sagt Karaganow über Putin?", user=user))
    answer = api.wait_for("sendMessage", lambda c: c.chat_id == 7001, WAIT, since)
    assert answer.error is None
    assert "Karaganow" in parse_html(answer.text)

    # a group command addressed with @botname
    group = api.group_chat(-1009001, "Jour fixe")
    since = api.mark()
    update = api.group_message(f"/zitat@{api.username} Frieden", user=user, chat=group)
    api.inject(update)
    results = api.wait_for(
        "sendMessage", lambda c: c.chat_id == group["id"] and bool(c.buttons), WAIT, since
    )
    assert results.params["reply_parameters"]["message_id"] == update["message"]["message_id"]
    assert "Frieden" in parse_html(results.text)

    # pressing "Weiter" edits that message
    data = next(
        d
        for row in results.buttons
        for b in row
        if "Weiter" in b["text"]
        for d in [b["callback_data"]]
    )
    since = api.mark()
    api.inject(api.callback(data, results, user=user))
    api.wait_for("answerCallbackQuery", timeout=WAIT, since=since)
    edit = api.wait_for("editMessageText", timeout=WAIT, since=since)
    assert edit.error is None
    assert edit.params["message_id"] == results.result["message_id"]
    assert edit.text != results.text

    # an inline query
    since = api.mark()
    api.inject(api.inline_query("Karaganow", user=user))
    inline = api.wait_for("answerInlineQuery", timeout=WAIT, since=since)
    assert inline.error is None
    assert inline.params["results"]
    assert "Karaganow" in inline.params["results"][0]["input_message_content"]["message_text"]

    assert proc.poll() is None, "the bot died"
    proc.terminate()
    assert proc.wait(timeout=15) == 0
    output = log.read_text(errors="replace")
    assert f"Der Bot läuft als @{api.username}" in output
    assert "Der Bot ist beendet." in output
    assert api.token not in output
    assert "Traceback" not in output


def test_a_wrong_token_stops_with_a_clear_message_and_no_traceback(tmp_path):
    with FakeBotAPI() as api:
        env = dict(os.environ)
        env.update(
            TELEGRAM_BOT_TOKEN="999:FALSCH",  # the fake server answers 401 like Telegram
            TELEGRAM_API_BASE_URL=api.base_url,
            JOURFIXE_DB=str(tmp_path / "e2e.db"),
            JOURFIXE_DATA_DIR=str(tmp_path / "data"),
        )
        env.pop("JOURFIXE_WEBHOOK_URL", None)
        done = subprocess.run(
            [sys.executable, "-m", "bot", "run"],
            cwd=PROJECT_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=WAIT,
        )
    output = (done.stdout + done.stderr).decode(errors="replace")
    assert done.returncode == 1
    assert "TELEGRAM_BOT_TOKEN prüfen" in output
    assert "Traceback" not in output
    assert "FALSCH" not in output


def _next_button(call: ApiCall) -> str:
    return next(b["callback_data"] for row in call.buttons for b in row if "Weiter" in b["text"])


def test_buttons_still_work_after_a_restart(tmp_path):
    with FakeBotAPI() as api:
        user = api.user(7002, "Dora")
        with bot_process(api, tmp_path, "first.log") as (proc, log):
            try:
                api.wait_for("setMyCommands", timeout=WAIT)
                since = api.mark()
                api.inject(api.private_message("/zitat Frieden", user=user))
                results = api.wait_for("sendMessage", lambda c: bool(c.buttons), WAIT, since)
            except (AssertionError, TimeoutError) as exc:
                _fail_with_log(exc, api, log)
        assert proc.returncode == 0
        with bot_process(api, tmp_path, "second.log") as (proc, log):
            try:
                since = api.mark()
                api.inject(api.callback(_next_button(results), results, user=user))
                edit = api.wait_for("editMessageText", timeout=WAIT, since=since)
                assert edit.error is None
                assert edit.params["message_id"] == results.result["message_id"]
                assert "Frieden" in parse_html(edit.text) and edit.text != results.text
            except (AssertionError, TimeoutError) as exc:
                _fail_with_log(exc, api, log)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _post_update(url: str, update: dict, secret: str) -> int:
    """POST an update to the bot's webhook like Telegram does; retried until it listens."""
    body = json.dumps(update).encode()
    headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret}
    deadline = time.monotonic() + WAIT
    while True:
        req = urllib.request.Request(url, data=body, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=10) as res:
                return res.status
        except urllib.error.HTTPError as err:
            with err:
                return err.code
        except OSError:  # not listening yet
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_webhook_mode_registers_the_webhook_and_answers_updates(tmp_path):
    pytest.importorskip("tornado", reason="webhook mode needs python-telegram-bot[webhooks]")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/jourfixe-hook"
    with FakeBotAPI() as api:
        extra = {"JOURFIXE_WEBHOOK_URL": url, "JOURFIXE_WEBHOOK_PORT": str(port)}
        with bot_process(api, tmp_path, **extra) as (proc, log):
            try:
                api.wait_for("setWebhook", timeout=WAIT)
                assert api.webhook is not None and api.webhook["url"] == url
                secret = api.webhook["secret_token"]
                assert secret and api.token not in secret

                update = api.private_message("/hilfe", user=api.user(7003, "Emil"))
                update["update_id"] = 1
                assert _post_update(url, update, "falsch") == 403  # not from Telegram
                since = api.mark()
                update["update_id"] = 2
                assert _post_update(url, update, secret) == 200
                answer = api.wait_for("sendMessage", timeout=WAIT, since=since)
                assert answer.chat_id == 7003 and answer.error is None
                assert api.polls == 0  # a webhook bot never polls
            except (AssertionError, TimeoutError) as exc:
                _fail_with_log(exc, api, log)
        assert proc.returncode == 0


def test_webhook_mode_keeps_an_update_it_answered_200_to_through_a_kill(tmp_path):
    """Telegram forgets a webhook update once it got 200: the inbox must already hold it."""
    pytest.importorskip("tornado", reason="webhook mode needs python-telegram-bot[webhooks]")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/jourfixe-hook"
    extra = {"JOURFIXE_WEBHOOK_URL": url, "JOURFIXE_WEBHOOK_PORT": str(port)}
    with FakeBotAPI() as api:
        user = api.user(7004, "Frida")
        # Telegram is unreachable for the replies: the bot keeps re-sending, and is killed
        api.fail("sendMessage", 502, "Bad Gateway", times=1000, chat_id=7004)
        with bot_process(api, tmp_path, "first.log", **extra) as (proc, log):
            try:
                api.wait_for("setWebhook", timeout=WAIT)
                secret = api.webhook["secret_token"]
                update = api.private_message("/notiz Durch den Absturz", user=user)
                update["update_id"] = 41
                assert _post_update(url, update, secret) == 200  # Telegram now forgets it
                api.wait_for("sendMessage", timeout=WAIT)  # the handler ran; the reply failed
                proc.kill()
                proc.wait(timeout=15)
            except (AssertionError, TimeoutError) as exc:
                _fail_with_log(exc, api, log)
        api.clear_failures()
        since = api.mark()
        with bot_process(api, tmp_path, "second.log", **extra) as (proc, log):
            try:
                answer = api.wait_for(
                    "sendMessage", lambda c: "gespeichert" in c.text, WAIT, since
                )
                assert answer.chat_id == 7004 and answer.error is None
            except (AssertionError, TimeoutError) as exc:
                _fail_with_log(exc, api, log)
    conn = sqlite3.connect(tmp_path / "e2e.db")
    notes = [r[0] for r in conn.execute("SELECT text FROM notes WHERE chat_id = 7004")]
    conn.close()
    assert notes == ["Durch den Absturz"]  # stored once, though handled twice
