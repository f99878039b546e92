"""One chat's slow request does not hold up the others; each chat keeps its order; the inbox
replays what a crash interrupted without answering twice; a failed confirmation is re-sent."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import time
from collections.abc import AsyncIterator

import pytest
from telegram import Update
from telegram.ext import Application

from bot.core.notes import NoteBook
from bot.handlers.base import COMMANDS, Command, Reply
from bot.texts import robust as robust_texts
from bot.tg.app import build_application
from bot.tg.inbox import Inbox
from bot.tg.processor import (
    ChatOrderProcessor,
    CostBudget,
    HandlerRunner,
    HandlerThreads,
    HandlerTimeout,
)

WAIT = 20.0


@pytest.fixture
def register(monkeypatch: pytest.MonkeyPatch):
    """Register a throw-away command for one test."""

    def add(name: str, func) -> None:
        cmd = Command(name, (), func, "Test", "Test", f"/{name}", f"/{name}", False, False)
        monkeypatch.setitem(COMMANDS, name, cmd)

    return add


@contextlib.asynccontextmanager
async def _started(app: Application) -> AsyncIterator[Application]:
    async with app:
        await app.start()
        try:
            yield app
        finally:
            await app.stop()


_next_id = iter(range(10_000, 1_000_000))


async def _feed(app: Application, update: dict) -> int:
    update = dict(update, update_id=next(_next_id))
    await app.update_queue.put(Update.de_json(update, app.bot))
    return update["update_id"]


async def _until(predicate, timeout: float = WAIT) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.02)


def _texts(api, chat_id: int, since: int = 0) -> list[str]:
    return [c.text for c in api.calls_to("sendMessage", since) if c.chat_id == chat_id]


async def test_a_slow_chat_does_not_hold_up_another_and_keeps_its_order(
    tg_config, services, fake_api, register
):
    def slow(request, services):
        time.sleep(1.0)
        return Reply.text("langsam fertig")

    register("langsam", slow)
    register("schnell", lambda request, services: Reply.text(f"schnell {request.args}"))
    app = build_application(tg_config, services, user_rate_limit=None)
    async with _started(app) as running:
        a, b = fake_api.user(801, "A"), fake_api.user(802, "B")
        await _feed(running, fake_api.private_message("/langsam", user=a))
        await _feed(running, fake_api.private_message("/schnell 1", user=a))
        await _feed(running, fake_api.private_message("/schnell 2", user=b))
        await _until(lambda: len(_texts(fake_api, 801)) == 2)
    calls = fake_api.calls_to("sendMessage")
    order = [(c.chat_id, c.text) for c in calls if c.chat_id in (801, 802)]
    # chat B was answered while chat A's slow request was still running
    assert order.index((802, "schnell 2")) < order.index((801, "langsam fertig"))
    # chat A's own messages were answered in the order they were sent
    assert _texts(fake_api, 801) == ["langsam fertig", "schnell 1"]


async def test_processor_runs_one_chat_in_order_and_chats_side_by_side():
    processor = ChatOrderProcessor()
    done: list[str] = []

    async def work(name: str, seconds: float) -> None:
        await asyncio.sleep(seconds)
        done.append(name)

    def update(chat_id: int, uid: int) -> Update:
        return Update.de_json(
            {
                "update_id": uid,
                "message": {
                    "message_id": uid,
                    "date": 0,
                    "chat": {"id": chat_id, "type": "private"},
                    "text": "x",
                },
            },
            None,
        )

    await asyncio.gather(
        processor.process_update(update(1, 1), work("a1", 0.3)),
        processor.process_update(update(1, 2), work("a2", 0.0)),
        processor.process_update(update(2, 3), work("b1", 0.0)),
    )
    assert done == ["b1", "a1", "a2"]


async def test_a_request_over_the_time_limit_gets_a_german_answer_and_frees_the_chat(
    tg_config, services, fake_api, register
):
    register("ewig", lambda request, services: time.sleep(3) or Reply.text("zu spät"))
    register("echo", lambda request, services: Reply.text("da"))
    app = build_application(tg_config, services, user_rate_limit=None)
    app.bot_data["adapter"].runner.timeout = 0.5
    async with _started(app) as running:
        user = fake_api.user(803, "C")
        started = time.monotonic()
        await _feed(running, fake_api.private_message("/ewig", user=user))
        await _feed(running, fake_api.private_message("/echo", user=user))
        await _until(lambda: len(_texts(fake_api, 803)) == 2)
        elapsed = time.monotonic() - started
    first, second = _texts(fake_api, 803)
    assert "dauert mir zu lange" in first
    assert second == "da"
    assert elapsed < 2.5


async def test_a_request_given_up_in_the_queue_never_runs_one_already_running_is_not_cancelled():
    """'abgebrochen' is only said of a request that never ran; a running one still commits."""
    threads = HandlerThreads(max_threads=1)
    stored: list[str] = []
    busy = asyncio.ensure_future(threads.run(time.sleep, 0.6, timeout=5))
    await asyncio.sleep(0.05)
    with pytest.raises(HandlerTimeout) as queued:
        await threads.run(stored.append, "notiz in der Warteschlange", timeout=0.2)
    assert queued.value.started is False
    await busy
    await asyncio.sleep(0.2)
    assert stored == []  # dropped: the user was told so, and nothing happened

    with pytest.raises(HandlerTimeout) as running:
        await threads.run(lambda: time.sleep(0.4) or stored.append("langsame Notiz"), timeout=0.1)
    assert running.value.started is True
    await asyncio.sleep(0.6)
    assert stored == ["langsame Notiz"]  # it went on and committed: never say "abgebrochen"
    assert "abgebrochen" not in robust_texts.TOO_SLOW_RUNNING
    assert "abgebrochen" in robust_texts.TOO_SLOW


def test_the_cost_budget_counts_seconds_not_requests():
    budget = CostBudget(budget=1.0, window=60.0)
    for _ in range(50):  # many quick requests stay within the budget
        budget.finish(7, budget.start(7))
    assert budget.wait(7) == 0
    job = budget.start(7)
    budget._running[7][job] -= 2.0
    assert budget.wait(7) > 0
    assert budget.wait(8) == 0  # another user is not affected


def _notes(services, chat_id: int) -> list[str]:
    return [n.text for n in NoteBook(services.store).all_notes(chat_id)]


async def test_an_update_interrupted_by_a_crash_is_handled_after_the_restart(
    tg_config, services, fake_api
):
    # received (stored in the inbox) but the process died before handling it
    user = fake_api.user(804, "D")
    inbox = Inbox(tg_config.db_path)
    app = build_application(tg_config, services, user_rate_limit=None)
    async with app:
        update = Update.de_json(
            dict(fake_api.private_message("/notiz Vor dem Absturz", user=user), update_id=5),
            app.bot,
        )
    assert inbox.accept(update)
    inbox.close()

    app = build_application(tg_config, services, user_rate_limit=None)
    async with _started(app) as running:
        await _until(lambda: len(_texts(fake_api, 804)) == 1)
        await _until(lambda: running.update_queue.inbox.counts()[0] == 0)
    assert "gespeichert" in _texts(fake_api, 804)[0]
    assert _notes(services, 804) == ["Vor dem Absturz"]


async def _answered_then_killed(tg_config, services, fake_api, user, text, kill_sql) -> None:
    """Handle ``text`` once, then make its inbox row look like a kill cut the run short
    (``kill_sql``: the columns as the kill left them), and start the bot again."""
    app = build_application(tg_config, services, user_rate_limit=None)
    async with _started(app) as running:
        uid = await _feed(running, fake_api.private_message(text, user=user))
        await _until(lambda: running.update_queue.inbox.counts() == (0, 1))
    conn = sqlite3.connect(tg_config.db_path)
    with conn:
        conn.execute(f"UPDATE inbox SET done_at = NULL, {kill_sql} WHERE update_id = ?", (uid,))
    conn.close()
    app = build_application(tg_config, services, user_rate_limit=None)
    async with _started(app) as running:
        await _until(lambda: running.update_queue.inbox.counts()[0] == 0)


# killed after Telegram confirmed the reply, before the update was marked done
CONFIRMED = "sent = 1"
# killed after the reply's request went out, before Telegram's answer was recorded
UNCONFIRMED = "sent = 0, tried = 1"


async def test_a_replayed_update_whose_reply_was_sent_is_not_answered_or_stored_again(
    tg_config, services, fake_api
):
    user = fake_api.user(805, "E")
    await _answered_then_killed(
        tg_config, services, fake_api, user, "/notiz Nur einmal", CONFIRMED
    )
    assert len(_texts(fake_api, 805)) == 1
    assert _notes(services, 805) == ["Nur einmal"]


async def test_a_reply_that_went_out_unconfirmed_before_a_crash_comes_again_and_says_why(
    tg_config, services, fake_api
):
    user = fake_api.user(808, "H")
    await _answered_then_killed(
        tg_config, services, fake_api, user, "/notiz Vielleicht doppelt", UNCONFIRMED
    )
    first, again = _texts(fake_api, 808)  # never lost: it may not have arrived
    assert "gespeichert" in first and "Noch einmal gesendet" not in first
    assert "gespeichert" in again
    assert "Noch einmal gesendet" in again and "nur einmal" in again
    assert _notes(services, 808) == ["Vielleicht doppelt"]


async def test_a_replayed_command_says_what_it_said_before_the_crash_not_that_it_exists(
    tg_config, services, fake_api
):
    user = fake_api.user(809, "I")
    text = "/termin 24.12.2026 19:30 Imperialismus"
    await _answered_then_killed(tg_config, services, fake_api, user, text, UNCONFIRMED)
    first, again = _texts(fake_api, 809)
    assert "Imperialismus" in first
    assert again.startswith(first)  # the same confirmation, not "ist schon eingetragen"
    assert "schon ein Termin" not in again
    assert "Noch einmal gesendet" in again
    meetings = services.store.db["schedule_meetings"].rows_where("chat_id = ?", [809])
    assert len(list(meetings)) == 1


def test_an_inbox_from_before_the_tried_column_opens_and_keeps_its_updates(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE inbox (update_id INTEGER PRIMARY KEY, payload TEXT NOT NULL, "
        "received_at REAL NOT NULL, sent INTEGER NOT NULL DEFAULT 0, done_at REAL);"
        "INSERT INTO inbox VALUES (7, '{\"update_id\": 7}', 1.0, 1, NULL);"
    )
    conn.close()
    inbox = Inbox(path)
    assert inbox.progress(7) == (1, 0)
    assert [u["update_id"] for u in inbox.pending()] == [7]
    inbox.close()


async def test_a_confirmation_that_failed_to_send_is_sent_again_not_an_apology(
    tg_config, services, fake_api
):
    user = fake_api.user(806, "F")
    fake_api.fail("sendMessage", 502, "Bad Gateway", chat_id=806)
    app = build_application(tg_config, services, user_rate_limit=None)
    async with _started(app) as running:
        await _feed(running, fake_api.private_message("/notiz Trotz Netzproblem", user=user))
        await _until(lambda: any("gespeichert" in t for t in _texts(fake_api, 806)))
    texts = _texts(fake_api, 806)
    assert not any("Entschuldigung" in t for t in texts)
    assert _notes(services, 806) == ["Trotz Netzproblem"]


async def test_the_same_note_again_within_a_minute_is_a_retry_not_a_second_note(tg):
    user = tg.api.user(807, "G")
    first = await tg.replies(tg.api.private_message("/notiz Die Rüstung ist Politik", user=user))
    again = await tg.replies(tg.api.private_message("/notiz Die Rüstung ist Politik", user=user))
    assert "#1 gespeichert" in first[0].text
    assert "#1 gespeichert" in again[0].text  # the same note confirmed again, not a #2
    other = await tg.replies(tg.api.private_message("/notiz Noch ein Gedanke", user=user))
    assert "#2 gespeichert" in other[0].text


async def test_over_the_budget_the_user_is_told_once_to_wait(services):
    from helpers import request

    runner = HandlerRunner(budget=CostBudget(budget=0.0, window=60.0))
    first = await runner.reply(lambda r, s: Reply.text("nie"), request("/zitat Frieden"), services)
    again = await runner.reply(lambda r, s: Reply.text("nie"), request("/zitat Krieg"), services)
    assert "Rechenzeit" in first.messages[0].html
    assert again.messages == []  # no second message during the same wait


async def test_a_long_upload_says_it_is_still_at_work_then_answers(
    tg_config, services, fake_api, register, monkeypatch
):
    import bot.tg.processor as processor

    monkeypatch.setattr(processor, "PROGRESS_AFTER", 0.2)
    register("langsam", lambda request, services: time.sleep(1.0) or Reply.text("gespeichert"))
    app = build_application(tg_config, services, user_rate_limit=None)
    async with _started(app) as running:
        user = fake_api.user(808, "H")
        update = fake_api.document_message(b"Text", "gross<1>.txt", caption="/langsam", user=user)
        await _feed(running, update)
        await _until(lambda: len(_texts(fake_api, 808)) == 2)
    first, second = _texts(fake_api, 808)
    assert "Ich lese „gross&lt;1&gt;.txt“ noch" in first  # the file name escaped
    assert second == "gespeichert"


def test_a_kept_reply_comes_back_with_its_buttons_and_one_with_a_document_is_not_kept():
    from bot.handlers.base import Button, Document, OutMessage, Reply
    from bot.tg.stored_replies import dump_reply, load_reply

    reply = Reply(
        messages=[
            OutMessage("<b>Zitat</b> „Frieden“ &amp; mehr", [[Button("Weiter ▶", "zq:12:2")]]),
            OutMessage("Quelle", [[Button("Link", url="https://example.org")]]),
        ],
        edit=True,
        toast="Seite 2",
        note_ref=("note", 7),
    )
    payload = dump_reply(reply)
    assert payload is not None
    assert load_reply(payload) == reply
    with_pdf = Reply(messages=[OutMessage("Protokoll", document=Document("p.pdf", b"%PDF"))])
    assert dump_reply(with_pdf) is None
    assert load_reply("{kaputt") is None
