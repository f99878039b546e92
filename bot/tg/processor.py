"""Updates of different chats at the same time, the updates of one chat in order.

python-telegram-bot hands every update to an update processor. :class:`ChatOrderProcessor`
runs updates concurrently but keeps one lock per chat (inline queries: per user), so a chat
that floods the bot, or asks for something slow, only delays itself. The plain (synchronous)
handlers run in :class:`HandlerThreads`, off the event loop, with a wall-clock limit: a
request that runs too long is answered with a German message and its chat is free again
(the thread finishes in the background; its time still counts against the user's
:class:`CostBudget`).

With an :class:`~bot.tg.inbox.Inbox` the processor marks an update done once its handler
returned (replies sent), and during a stop it *parks* what it cannot finish in time: the
update stays pending in the inbox and is handled again on the next start.
"""

from __future__ import annotations

import asyncio
import contextvars
import html
import logging
import math
import queue
import sys
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.handlers.base import Reply, Request
from bot.texts import robust as t
from bot.tg.stored_replies import dump_reply, load_reply

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)

T = TypeVar("T")

HANDLER_TIMEOUT = 8.0  # seconds one request may compute before it is answered "zu lange"
# A request with a file stores what it read: telling the user "abgebrochen" while the thread
# goes on to commit would be false. The file's parsing has its own limit (bot.core.worker).
UPLOAD_TIMEOUT = 300.0
HANDLER_THREADS = 6  # the machine may have 2 cores: threads are for waiting, not for speed
STOP_GRACE = 7.0  # seconds a stop drains the queue; then the rest is parked for the restart
COST_WINDOW = 60.0  # seconds
COST_BUDGET = 20.0  # seconds of handler time per user and window


@dataclass
class UpdateRun:
    """The update being handled in this task (found by the request layer via a contextvar)."""

    update_id: int
    already_sent: int = 0  # replies of this update Telegram accepted in an earlier run
    already_tried: int = 0  # replies of this update whose request went out in an earlier run
    # the handler's reply from a run before the restart, and the replies counted before it
    remembered: tuple[Reply, int] | None = None
    remember: Callable[[Reply, int], None] | None = None  # keep this run's reply
    calls: int = 0  # replies attempted in this run
    parked: bool = False  # a stop interrupted it: stays pending in the inbox
    stopping: Callable[[], bool] = field(default=lambda: False)


CURRENT: contextvars.ContextVar[UpdateRun | None] = contextvars.ContextVar(
    "jourfixe_update", default=None
)


def repeats_unconfirmed_reply() -> bool:
    """Is the next reply one that went out before a crash without Telegram's confirmation?

    It may have arrived: the Bot API cannot be asked. It is sent again (never lost), and
    says why, so a second copy does not look like a second note.
    """
    run = CURRENT.get()
    return run is not None and run.already_sent <= run.calls < run.already_tried


def chat_key(update: object) -> str | None:
    """What must stay in order: a chat's updates; inline queries (no chat) per user."""
    if not isinstance(update, Update):
        return None
    chat = update.effective_chat
    if chat is not None:
        return f"c{chat.id}"
    user = update.effective_user
    return f"u{user.id}" if user is not None else None


class Inbox(Protocol):
    """What the processor needs of :class:`bot.tg.inbox.Inbox` (which imports this module)."""

    def progress(self, update_id: int) -> tuple[int, int]: ...

    def remembered(self, update_id: int) -> tuple[str, int] | None: ...

    def remember(self, update_id: int, payload: str, calls: int) -> None: ...

    def done(self, update_id: int) -> None: ...


class HandlerTimeout(Exception):
    """A request was given up after its time limit.

    ``started`` tells the two cases apart: a request that never left the queue is dropped
    (nothing of it happens); one that was already running goes on in its thread and may
    still commit what it writes, so the user must not be told it was cancelled.
    """

    def __init__(self, started: bool = False) -> None:
        super().__init__("started" if started else "not started")
        self.started = started


class HandlerThreads:
    """Daemon worker threads for the synchronous handlers.

    Daemon threads (not ``ThreadPoolExecutor``, whose threads are joined at exit): a request
    abandoned after its time limit must not keep the process from stopping.
    """

    def __init__(self, max_threads: int = HANDLER_THREADS) -> None:
        self.max_threads = max_threads
        self._jobs: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._threads = 0
        self._idle = 0  # threads waiting for work nobody has promised them yet
        self._backlog = 0  # jobs queued while every thread was busy
        self._lock = threading.Lock()

    async def run(
        self, fn: Callable[..., T], *args: Any, timeout: float | None = HANDLER_TIMEOUT
    ) -> T:
        """``fn(*args)`` in a worker thread; HandlerTimeout after ``timeout`` seconds."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        began = asyncio.Event()
        state = {"started": False, "dropped": False}
        state_lock = threading.Lock()

        def settle(ok: bool, value: Any) -> None:
            if future.done():
                return  # abandoned after the time limit
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)

        def job() -> None:
            with state_lock:
                if state["dropped"]:
                    return  # its caller gave up while it waited in the queue
                state["started"] = True
            try:
                loop.call_soon_threadsafe(began.set)
            except RuntimeError:
                return  # the loop has ended: nobody is waiting for this any more
            try:
                outcome = (True, fn(*args))
            except BaseException as exc:  # handed to the awaiting task
                outcome = (False, exc)
            try:
                loop.call_soon_threadsafe(settle, *outcome)
            except RuntimeError:
                pass  # abandoned after its time limit, and the loop has ended since

        self._submit(job)
        if timeout is not None:
            # the time limit counts from the start of the work, not from the queue: a request
            # that waited behind others still gets its full time (and if it never started
            # within the limit, it is dropped, so "abgebrochen" is true)
            try:
                await asyncio.wait_for(began.wait(), timeout)
            except TimeoutError:
                with state_lock:
                    if not state["started"]:
                        state["dropped"] = True
                if state["dropped"]:
                    future.cancel()
                    raise HandlerTimeout(started=False) from None
        try:
            return await asyncio.wait_for(asyncio.shield(future), timeout)
        except TimeoutError:
            future.cancel()
            raise HandlerTimeout(started=True) from None

    def _submit(self, job: Callable[[], None]) -> None:
        # Every job is promised to a thread here, under the lock: an idle thread, a new one,
        # or (all busy) the next thread to finish. Counting idle threads only when they pick
        # up work let a second job wait behind a slow first one.
        with self._lock:
            spawn = False
            if self._idle > 0:
                self._idle -= 1
            elif self._threads < self.max_threads:
                self._threads += 1
                spawn = True
            else:
                self._backlog += 1
        self._jobs.put(job)
        if spawn:
            threading.Thread(target=self._work, name="jourfixe-handler", daemon=True).start()

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                job()
            except Exception:  # pragma: no cover - job() hands every error on
                log.exception("handler thread failed")
            with self._lock:
                if self._backlog > 0:
                    self._backlog -= 1  # a waiting job is this thread's next
                else:
                    self._idle += 1


class CostBudget:
    """Per user: seconds of handler time in a sliding window, running requests included.

    A request-count limit never triggers for slow requests (they run one after another, so
    few are started); counting time charges a 8-second search like 400 quick ones.
    """

    def __init__(self, budget: float = COST_BUDGET, window: float = COST_WINDOW) -> None:
        self.budget = budget
        self.window = window
        self._done: dict[int, deque[tuple[float, float]]] = {}  # user -> (end, seconds)
        self._running: dict[int, dict[int, float]] = {}  # user -> {job: start}
        self._next_job = 0
        # handler threads finish jobs while the event loop starts and checks others
        self._lock = threading.Lock()

    def _spent(self, user_id: int, now: float) -> float:
        done = self._done.get(user_id)
        while done and now - done[0][0] >= self.window:
            done.popleft()
        running = self._running.get(user_id, {})
        return sum(s for _, s in done or ()) + sum(now - t for t in running.values())

    def wait(self, user_id: int) -> float:
        """0 when the user may start a request now, else roughly how many seconds to wait."""
        with self._lock:
            now = time.monotonic()
            over = self._spent(user_id, now) - self.budget
            if over < 0:
                return 0.0
            done = self._done.get(user_id)
            # the oldest finished request leaves the window first; running ones keep counting
            return max(1.0, (done[0][0] + self.window - now) if done else self.window)

    def start(self, user_id: int) -> int:
        with self._lock:
            self._next_job += 1
            self._running.setdefault(user_id, {})[self._next_job] = time.monotonic()
            return self._next_job

    def finish(self, user_id: int, job: int) -> None:
        """Called from any thread when the request's work has really ended."""
        with self._lock:
            self._finish(user_id, job)

    def _finish(self, user_id: int, job: int) -> None:
        running = self._running.get(user_id, {})
        started = running.pop(job, None)
        if not running:
            self._running.pop(user_id, None)
        if started is not None:
            now = time.monotonic()
            self._done.setdefault(user_id, deque()).append((now, now - started))
        if len(self._done) > 10_000:
            now = time.monotonic()
            self._done = {u: d for u, d in self._done.items() if self._spent(u, now) > 0}


class ChatOrderProcessor(BaseUpdateProcessor):
    """Concurrent across chats, in order within a chat; parks updates during a stop."""

    def __init__(self, inbox: Inbox | None = None, max_concurrent_updates: int = 100_000):
        # PTB's semaphore is taken before our chat lock: make it large so a chat that
        # floods the bot waits on its own lock and never takes the other chats' places.
        super().__init__(max_concurrent_updates)
        self.inbox = inbox
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}
        self._deadline: float | None = None

    async def initialize(self) -> None:
        """Nothing to set up: locks are made per chat on demand."""

    async def shutdown(self) -> None:
        """Nothing to free."""

    def begin_stop(self, grace: float = STOP_GRACE) -> None:
        """From now on finish what fits into ``grace`` seconds and park the rest."""
        self._deadline = time.monotonic() + grace

    def stopping(self) -> bool:
        return self._deadline is not None and time.monotonic() >= self._deadline

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for the chat's earlier updates, then handle this one."""
        key = chat_key(update)
        if key is None:
            await coroutine
            return
        lock, users = self._locks.get(key) or (asyncio.Lock(), 0)
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                await self._handle(update, coroutine)
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    async def _handle(self, update: object, coroutine: Awaitable[Any]) -> None:
        assert isinstance(update, Update)
        if self.stopping():
            coroutine.close()  # type: ignore[attr-defined]
            log.info("update %s parked for the next start", update.update_id)
            return
        inbox = self.inbox
        sent, tried = inbox.progress(update.update_id) if inbox else (0, 0)
        run = UpdateRun(
            update.update_id, already_sent=sent, already_tried=tried, stopping=self.stopping
        )
        if inbox is not None:
            uid = update.update_id
            kept = inbox.remembered(uid)
            reply = load_reply(kept[0]) if kept else None
            if kept and reply is not None:
                run.remembered = (reply, kept[1])

            def remember(reply: Reply, calls: int) -> None:
                payload = dump_reply(reply)
                if payload is not None:
                    inbox.remember(uid, payload, calls)

            run.remember = remember
        token = CURRENT.set(run)
        try:
            if self._deadline is None:
                await coroutine
            else:
                remaining = max(0.1, self._deadline - time.monotonic())
                try:
                    await asyncio.wait_for(coroutine, remaining)
                except TimeoutError:
                    run.parked = True
        finally:
            CURRENT.reset(token)
        if run.parked:
            log.info("update %s parked for the next start", update.update_id)
        elif inbox is not None:
            inbox.done(update.update_id)


PROGRESS_AFTER = 5.0  # seconds: then a request with a file says that it is still at work

_THREADS: HandlerThreads | None = None
# How long a thread may hold the interpreter lock before another one gets it (Python's
# default: 5 ms). A handler doing SQLite queries gives the lock up at every query and waits
# up to this long to get it back while another thread indexes a new reading: with 5 ms a
# /zitat took 0.47 s during the add of a 4.5 MB text, with 0.5 ms 0.036 s (the add itself
# no slower).
SWITCH_INTERVAL = 0.0005


def _shared_threads() -> HandlerThreads:
    """One set of handler threads per process (an application built again reuses them)."""
    global _THREADS
    if _THREADS is None:
        sys.setswitchinterval(SWITCH_INTERVAL)
        _THREADS = HandlerThreads()
    return _THREADS


class HandlerRunner:
    """How the adapter calls a plain handler: inline (the old path) or in a worker thread
    with a time limit and, when rate limits are on, a per-user budget of handler time."""

    def __init__(
        self,
        threaded: bool = True,
        budget: CostBudget | None = None,
        timeout: float = HANDLER_TIMEOUT,
        threads: HandlerThreads | None = None,
    ) -> None:
        self.threaded = threaded
        self.budget = budget
        self.timeout = timeout
        self.threads = threads or _shared_threads()
        self._warned: dict[int, float] = {}  # user -> until when "please wait" was said

    def refusal(self, user_id: int | None) -> str | None:
        """The German "please wait" when the user's budget is used up, else None."""
        if self.budget is None or user_id is None:
            return None
        wait = self.budget.wait(user_id)
        return t.COST_LIMITED.format(wait=math.ceil(wait)) if wait else None

    async def run(
        self,
        fn: Callable[..., T],
        *args: Any,
        user_id: int | None = None,
        timeout: float | None = None,
    ) -> T:
        """``fn(*args)``; HandlerTimeout when it takes longer than the limit."""
        if not self.threaded:
            return fn(*args)
        budget = self.budget if user_id is not None else None
        job = budget.start(user_id) if budget is not None else 0

        def work() -> T:
            try:
                return fn(*args)
            finally:
                if budget is not None:
                    budget.finish(user_id, job)  # type: ignore[arg-type]

        try:
            return await self.threads.run(work, timeout=timeout or self.timeout)
        except HandlerTimeout as exc:
            if not exc.started and budget is not None:
                budget.finish(user_id, job)  # type: ignore[arg-type]  # never ran: costs nothing
            raise

    async def reply(
        self,
        func: Callable[[Request, Services], Reply | None],
        request: Request,
        services: Services,
        progress: Callable[[Reply], Awaitable[None]] | None = None,
    ) -> Reply | None:
        """A handler's reply, or a German message when it is refused or ran too long."""
        refusal = self.refusal(request.user_id)
        if refusal is not None:
            # said once per wait: answering every further request would flood the chat
            if self._warned.get(request.user_id, 0.0) > time.monotonic():
                return Reply(toast=t.COST_LIMITED_SHORT)
            if len(self._warned) > 10_000:
                self._warned.clear()
            self._warned[request.user_id] = time.monotonic() + 10.0
            return Reply(messages=Reply.text(refusal).messages, toast=t.COST_LIMITED_SHORT)
        run = CURRENT.get()
        if run is not None and run.remembered is not None:
            # handled before a crash, its reply not (fully) sent: say the same again, do
            # not run the handler a second time ("gibt es schon" instead of the confirmation)
            reply, run.calls = run.remembered
            log.info("update %s: its reply from before the restart is sent", run.update_id)
            return reply
        timeout = self.timeout if request.attachment is None else UPLOAD_TIMEOUT
        work = self.run(func, request, services, user_id=request.user_id, timeout=timeout)
        try:
            if request.attachment is None or progress is None or not self.threaded:
                reply = await work
            else:
                reply = await self._with_progress(work, request, progress)
            if run is not None and run.remember is not None and reply is not None:
                run.remember(reply, run.calls)
            return reply
        except HandlerTimeout as exc:
            log.warning(
                "a request in chat %s ran longer than %.0f s", request.chat_id, self.timeout
            )
            text = t.TOO_SLOW_RUNNING if exc.started else t.TOO_SLOW
            return Reply.text(text.format(seconds=round(self.timeout)))

    @staticmethod
    async def _with_progress(
        work: Awaitable[T], request: Request, progress: Callable[[Reply], Awaitable[None]]
    ) -> T:
        """Await ``work``; if it takes long, tell the user once that the file is being read."""
        task = asyncio.ensure_future(work)
        done, _ = await asyncio.wait({task}, timeout=PROGRESS_AFTER)
        if not done:
            name = html.escape(request.attachment.file_name if request.attachment else "")
            token = CURRENT.set(None)  # not one of the update's counted replies (bot.tg.inbox)
            try:
                await progress(Reply.text(t.STILL_WORKING.format(name=name)))
            except Exception:  # the final answer matters, not this one
                log.warning("could not send the progress message", exc_info=True)
            finally:
                CURRENT.reset(token)
        return await task
