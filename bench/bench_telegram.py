"""Update-to-reply latency of the real bot process through the fake Bot API server.

    .venv/bin/python bench/bench_telegram.py [--updates 200] [--burst 500]

Starts ``tests/fakebotapi.py`` in this process and ``python -m bot run`` as a subprocess (rate
limiter off), injects updates one at a time and measures from injection until the first
``sendMessage`` for that chat reaches the server (p50/p95, also until the reply's last part),
then queues ``--burst`` updates at once and measures until all are answered. The same is
measured for a baseline: a minimal echo bot (raw HTTP long polling, no PTB, no handlers) in a
subprocess of its own, i.e. the cost of the fake server and polling alone. Finally the pure
handler time in this process (no Telegram at all). Target: p95 <= 100 ms per reply.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fakebotapi import FakeBotAPI  # noqa: E402

TARGET_P95_MS = 100.0
SETTLE = 0.03  # s without further messages to a chat = its reply is complete
QUERIES = [
    "Was sagt Karaganow über Putin?",
    "/zitat Frieden",
    "/zitat Europa fazi",
    "/frage Warum lehnt Russland den Friedensplan ab?",
    "Welche Rolle spielt die Ukraine?",
    "/zitat Alaska wsws",
    "/quellen",
    "Imperialismus",
    "/zitat Sicherheitsgarantien",
    "Was ist mit dem dialektischen Angebot gemeint?",
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def echo_bot(base_url: str, token: str) -> None:
    """Baseline: answer every message with a fixed text, no framework (runs as subprocess)."""
    import httpx

    offset = 0
    with httpx.Client(timeout=30) as client:
        while True:
            res = client.post(
                f"{base_url}{token}/getUpdates", data={"offset": offset, "timeout": 10}
            )
            for update in res.json().get("result", []):
                offset = update["update_id"] + 1
                msg = update.get("message")
                if msg:
                    client.post(
                        f"{base_url}{token}/sendMessage",
                        data={"chat_id": msg["chat"]["id"], "text": "Echo", "parse_mode": "HTML"},
                    )


def start_process(api: FakeBotAPI, which: str, workdir: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env.update(
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_API_BASE_URL=api.base_url,
        JOURFIXE_DB=str(workdir / f"{which}.db"),
        JOURFIXE_DATA_DIR=str(workdir / "data"),
        JOURFIXE_RATE_LIMIT="0",
    )
    if which == "bot":
        cmd = [sys.executable, "-m", "bot", "run"]
    else:
        cmd = [sys.executable, __file__, "--echo-bot", api.base_url, api.token]
    log = (workdir / f"{which}.log").open("wb")
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_ready(api: FakeBotAPI, proc: subprocess.Popen[bytes]) -> None:
    """The process answers a first message (index built, polling running)."""
    since = api.mark()
    api.inject(api.private_message("/hilfe", user=api.user(1, "Start")))
    api.wait_for("sendMessage", lambda c: c.chat_id == 1, timeout=60, since=since)
    settle(api, 1)


def settle(api: FakeBotAPI, chat_id: int) -> float:
    """Wait until ``chat_id`` got no further message for SETTLE s; time of its last message."""
    last = 0.0
    while True:
        time.sleep(SETTLE)
        calls = [c.t for c in api.calls_to("sendMessage") if c.chat_id == chat_id]
        if calls and calls[-1] == last:
            return last
        last = calls[-1] if calls else 0.0


def measure_latency(api: FakeBotAPI, n: int) -> tuple[list[float], list[float]]:
    first, complete = [], []
    for i in range(n):
        chat_id = 100_000 + i
        user = api.user(chat_id, "Bench")
        since = api.mark()
        t0 = time.perf_counter()
        api.inject(api.private_message(QUERIES[i % len(QUERIES)], user=user))
        call = api.wait_for("sendMessage", lambda c, cid=chat_id: c.chat_id == cid, 30, since)
        first.append((call.t - t0) * 1000)
        complete.append((settle(api, chat_id) - t0) * 1000)
    return first, complete


def measure_burst(api: FakeBotAPI, n: int) -> float:
    chats = set(range(500_000, 500_000 + n))
    updates = [
        api.private_message(QUERIES[i % len(QUERIES)], user=api.user(cid, "Burst"))
        for i, cid in enumerate(sorted(chats))
    ]
    since = api.mark()
    t0 = time.perf_counter()
    for u in updates:
        api.inject(u)
    deadline = time.monotonic() + 300
    answered: set[int] = set()
    while answered != chats and time.monotonic() < deadline:
        time.sleep(0.01)
        answered = {c.chat_id for c in api.calls_to("sendMessage", since)} & chats
    if answered != chats:
        raise RuntimeError(f"only {len(answered)} of {n} updates answered")
    last = max(c.t for c in api.calls_to("sendMessage", since) if c.chat_id in chats)
    return last - t0


def measure_handlers(n: int, workdir: Path) -> list[float]:
    """The plain handlers alone, through the dispatcher as the adapter calls it (no Telegram)."""
    from bot.config import Config
    from bot.handlers.base import Request
    from bot.handlers.dispatch import dispatch, parse_command
    from bot.services import build_services

    services = build_services(Config(db_path=workdir / "handlers.db", data_dir=workdir))
    times = []
    for i in range(n):
        text = QUERIES[i % len(QUERIES)]
        parsed = parse_command(text)
        req = Request(
            chat_id=200_000 + i,
            chat_type="private",
            user_id=200_000 + i,
            user_name="Bench",
            text=text,
            command=parsed.name if parsed else None,
            args=parsed.args if parsed else "",
        )
        t0 = time.perf_counter()
        dispatch(req, services)
        times.append((time.perf_counter() - t0) * 1000)
    services.store.close()
    return times


def run(which: str, updates: int, burst: int, workdir: Path) -> dict[str, Any]:
    with FakeBotAPI() as api:
        proc = start_process(api, which, workdir)
        try:
            wait_ready(api, proc)
            first, complete = measure_latency(api, updates)
            total = measure_burst(api, burst)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    return {"first": first, "complete": complete, "burst": total}


def row(label: str, values: list[float]) -> str:
    return (
        f"{label:<44} p50 {statistics.median(values):7.1f} ms   "
        f"p95 {percentile(values, 95):7.1f} ms   max {max(values):7.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=200, help="updates for the latency run")
    parser.add_argument("--burst", type=int, default=500, help="updates queued at once")
    parser.add_argument("--echo-bot", nargs=2, metavar=("BASE_URL", "TOKEN"), help="internal")
    args = parser.parse_args()
    if args.echo_bot:
        try:
            echo_bot(*args.echo_bot)
        except KeyboardInterrupt:
            pass
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        base = run("echo", args.updates, args.burst, workdir)
        bot = run("bot", args.updates, args.burst, workdir)
        handlers = measure_handlers(args.updates, workdir)

    print(f"Update-to-reply latency over {args.updates} updates (rate limiter off)")
    print(row("baseline: fake server + raw echo bot", base["first"]))
    print(row("jourfixe run: first message of the reply", bot["first"]))
    print(row("jourfixe run: whole reply (all parts)", bot["complete"]))
    print(row("handlers alone (no Telegram)", handlers))
    print(f"\n{args.burst} queued updates answered in")
    print(f"  baseline echo bot   {base['burst']:6.2f} s  ({args.burst / base['burst']:.0f}/s)")
    print(f"  jourfixe run        {bot['burst']:6.2f} s  ({args.burst / bot['burst']:.0f}/s)")
    p95 = percentile(bot["first"], 95)
    verdict = "OK" if p95 <= TARGET_P95_MS else "ZU LANGSAM"
    print(f"\nTarget p95 <= {TARGET_P95_MS:.0f} ms: {p95:.1f} ms -> {verdict}")
    return 0 if p95 <= TARGET_P95_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
