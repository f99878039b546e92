"""Does one chat's worst request hold up the others? Latency of other chats under attack.

    .venv/bin/python bench/bench_robust.py [--probe-seconds 10] [--rate-seconds 10]

Runs ``python -m bot run`` against the fake Bot API (tests/fakebotapi.py) with the production
settings (rate limiter ON, per-user limits ON), once with the old code path
(``JOURFIXE_CONCURRENT=0``: one update at a time, handlers on the event loop, no inbox) and
once with the new one, a fresh bot process per scenario. In every scenario one chat does its
worst while probe messages from other private chats (a new chat every 0.25 s, the questions of
bench_telegram.py) measure the reply latency of everybody else:

- ``/zitat`` with a word of 160 × "㌖" (folds to 960 letters: just under the limit of 1000
  after folding; 1000 × "㌖" is now refused at once), from a stranger;
- 40 × ``/notiz`` in one group;
- ``/protokoll`` of a session with 60 long notes (about 60 messages, paced 20/min per group);
- uploads: a zip-bomb .docx, a .docx with 40 000 paragraphs, a PDF page of 20 000 lines, a
  4.5 MB text.

Reported: probe p50/p95 (unanswered probes count as the probe window's end: "≥"), and when
the offender got its first answer. Then throughput: probes at 20 and 40 updates/s for
``--rate-seconds``: p50/p95 and answered per second. Target: p95 <= 1 s for the other chats,
the offender answered (or refused) within 10 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fakebotapi import FakeBotAPI  # noqa: E402
from fixtures.hostile import (  # noqa: E402
    big_text,
    many_lines_pdf,
    many_paragraphs_docx,
    zip_bomb_docx,
)

QUERIES = [
    "Was sagt Karaganow über Putin?",
    "/zitat Frieden",
    "/zitat Europa fazi",
    "/frage Warum lehnt Russland den Friedensplan ab?",
    "Welche Rolle spielt die Ukraine?",
    "/quellen",
    "Imperialismus",
    "/zitat Sicherheitsgarantien",
]
PDF = "application/pdf"
UPLOADERS = (66_004, 66_005, 66_006, 66_007)
PROBE_EVERY = 0.25  # seconds between probes from new chats
TARGET_P95 = 1.0
TARGET_OFFENDER = 10.0
PROTOCOL_GROUP = -100_555
NOTE_TEXT = (
    "Die Europäer rüsten auf und erklären sich selbst zur Partei im hybriden Krieg gegen "
    "Russland; der Imperialismus verlangt Kanonen, Sanktionen und eine Rüstungsindustrie. "
) * 10  # ~1700 characters: the protocol needs about one message per note


def spread(latencies: list[float], missing: int) -> dict[str, Any]:
    """p50, p95 and how many probes were still unanswered."""
    return {
        "p50": statistics.median(latencies),
        "p95": percentile(latencies, 95),
        "missing": missing,
    }


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def prepare_db(workdir: Path) -> Path:
    """An indexed database with a session of 60 long notes in PROTOCOL_GROUP."""
    from datetime import UTC, datetime

    from bot.config import Config
    from bot.services import build_services

    services = build_services(Config(db_path=workdir / "build.db", data_dir=workdir / "d"))
    now = datetime.now(UTC)
    for i in range(60):
        services.notes.add_note(
            PROTOCOL_GROUP,
            "contribution",
            f"{i + 1}. {NOTE_TEXT}",
            today=now.date(),
            now=now,
            author_id=4242,
            author_name="Bench",
            logged_by=4242,
        )
    template = workdir / "template.db"
    services.store.conn.execute("VACUUM INTO ?", (str(template),))
    services.store.close()
    return template


def start_bot(
    api: FakeBotAPI,
    workdir: Path,
    template: Path,
    concurrent: bool,
    tag: str,
    rate_limit: bool = True,
):
    db = workdir / f"{tag}.db"
    shutil.copyfile(template, db)
    env = dict(os.environ)
    env.pop("JOURFIXE_WEBHOOK_URL", None)
    env.update(
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_API_BASE_URL=api.base_url,
        JOURFIXE_DB=str(db),
        JOURFIXE_DATA_DIR=str(workdir / f"data-{tag}"),
        JOURFIXE_RATE_LIMIT="1" if rate_limit else "0",
        JOURFIXE_CONCURRENT="1" if concurrent else "0",
        JOURFIXE_EDITORS=",".join(str(u) for u in UPLOADERS),  # may add readings (/neu)
    )
    log = (workdir / f"{tag}.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env, stdout=log, stderr=log
    )
    since = api.mark()
    api.inject(api.private_message("/hilfe", user=api.user(1, "Start")))
    api.wait_for("sendMessage", lambda c: c.chat_id == 1, timeout=120, since=since)
    return proc


def peak_rss_mb(proc: subprocess.Popen[bytes]) -> float:
    """The bot process's peak resident memory so far (VmHWM), in MB."""
    try:
        for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def stop_bot(proc: subprocess.Popen[bytes]) -> None:
    proc.kill()
    proc.wait(timeout=30)


class Probes:
    """New private chats asking a question every ``every`` seconds in a background thread."""

    def __init__(self, api: FakeBotAPI, first_chat: int, every: float, seconds: float) -> None:
        self.api, self.every, self.seconds = api, every, seconds
        self.sent: dict[int, float] = {}
        self.next_chat = first_chat
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        end = time.perf_counter() + self.seconds
        i = 0
        while time.perf_counter() < end:
            chat = self.next_chat + i
            self.sent[chat] = time.perf_counter()
            self.api.inject(
                self.api.private_message(QUERIES[i % len(QUERIES)], user=self.api.user(chat, "P"))
            )
            i += 1
            time.sleep(max(0.0, self.every - 0.001))

    def latencies(self, deadline: float) -> tuple[list[float], int]:
        """Seconds to the first reply of every probe; unanswered ones count until deadline."""
        while time.perf_counter() < deadline:
            if self._answered().keys() >= self.sent.keys():
                break
            time.sleep(0.05)
        answered = self._answered()
        out = [answered.get(c, deadline) - t0 for c, t0 in self.sent.items()]
        return out, len(self.sent) - len(answered)

    def _answered(self) -> dict[int, float]:
        first: dict[int, float] = {}
        for call in self.api.calls_to("sendMessage"):
            if call.chat_id in self.sent and call.chat_id not in first:
                first[call.chat_id] = call.t
        return first


def offender_first_reply(api: FakeBotAPI, chat_id: int, since: int) -> tuple[float, str] | None:
    for call in api.calls_since(since):
        if call.method in ("sendMessage", "sendDocument") and call.chat_id == chat_id:
            return call.t, call.text
    return None


def offender_last_reply(api: FakeBotAPI, chat_id: int, since: int) -> tuple[float, str] | None:
    last = None
    for call in api.calls_since(since):
        if call.method in ("sendMessage", "sendDocument") and call.chat_id == chat_id:
            last = call.t, call.text
    return last


Scenario = Callable[[FakeBotAPI], int]  # injects the offence; returns the offender's chat


def long_word(api: FakeBotAPI) -> int:
    user = api.user(66_001, "Fremd")
    api.inject(api.private_message("/zitat " + "㌖" * 160, user=user))  # 960 letters folded
    return 66_001


def note_flood(api: FakeBotAPI) -> int:
    group = api.group_chat(-100_661, "Flut")
    user = api.user(66_002, "Flut")
    for i in range(40):
        api.inject(api.group_message(f"/notiz Beitrag Nummer {i} zur Flut", user=user, chat=group))
    return group["id"]


def long_protocol(api: FakeBotAPI) -> int:
    group = api.group_chat(PROTOCOL_GROUP, "Protokoll")
    api.inject(api.group_message("/protokoll", user=api.user(4242, "Bench"), chat=group))
    return PROTOCOL_GROUP


def upload(content: bytes, name: str, mime: str, user_id: int) -> Scenario:
    def scenario(api: FakeBotAPI) -> int:
        user = api.user(user_id, "Upload")
        api.inject(api.document_message(content, name, caption="/neu", mime_type=mime, user=user))
        return user_id

    return scenario


def scenarios() -> list[tuple[str, Scenario]]:
    docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return [
        ("long word /zitat 160 × ㌖ (960 folded)", long_word),
        ("40 × /notiz in one group", note_flood),
        ("/protokoll of 60 long notes", long_protocol),
        ("zip-bomb .docx (300 MB unpacked)", upload(zip_bomb_docx(300), "b.docx", docx, 66_004)),
        (".docx with 40 000 paragraphs", upload(many_paragraphs_docx(), "p.docx", docx, 66_005)),
        ("PDF page with 20 000 lines", upload(many_lines_pdf(20_000), "z.pdf", PDF, 66_006)),
        ("4.5 MB text", upload(big_text(4.5), "gross.txt", "text/plain", 66_007)),
    ]


def run_scenario(
    api: FakeBotAPI, proc_args: tuple[Path, Path, bool, str], scenario: Scenario, window: float
) -> dict[str, Any]:
    proc = start_bot(api, *proc_args)
    try:
        since = api.mark()
        t0 = time.perf_counter()
        offender = scenario(api)
        probes = Probes(api, 700_000 + since * 100, PROBE_EVERY, window)
        probes.thread.start()
        probes.thread.join()
        deadline = t0 + window + 20.0
        lat, missing = probes.latencies(deadline)
        while time.perf_counter() < deadline:
            if offender_first_reply(api, offender, since) is not None:
                break
            time.sleep(0.05)
        first = offender_first_reply(api, offender, since)
        last = offender_last_reply(api, offender, since)
        rss = peak_rss_mb(proc)
    finally:
        stop_bot(proc)
    return {
        **spread(lat, missing),
        "offender": None if first is None else first[0] - t0,
        "offender_text": "" if first is None else first[1][:70].replace("\n", " "),
        "bound": deadline - t0,
        "rss": rss,
        "last": None if last is None else last[0] - t0,
        "last_text": "" if last is None else last[1][:60].replace("\n", " "),
    }


def run_rate(
    api: FakeBotAPI,
    proc_args: tuple[Path, Path, bool, str],
    rate: float,
    seconds: float,
    rate_limit: bool = True,
) -> dict[str, Any]:
    proc = start_bot(api, *proc_args, rate_limit=rate_limit)
    try:
        since = api.mark()
        probes = Probes(api, 900_000 + since * 100, 1.0 / rate, seconds)
        t0 = time.perf_counter()
        probes.thread.start()
        probes.thread.join()
        lat, missing = probes.latencies(t0 + seconds + 60.0)
        answered = probes._answered()
        end = max(answered.values()) if answered else time.perf_counter()
    finally:
        stop_bot(proc)
    return {
        **spread(lat, missing),
        "per_second": len(answered) / max(1e-9, end - t0),
    }


def fmt(seconds: float, missing: int = 0) -> str:
    return f"{'≥' if missing else ' '}{seconds:6.2f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--probe-seconds", type=float, default=10.0)
    parser.add_argument("--rate-seconds", type=float, default=10.0)
    parser.add_argument("--only", default="", help="scenarios whose name contains one of these")
    parser.add_argument("--no-rates", action="store_true", help="skip the throughput runs")
    parser.add_argument("--skip-before", action="store_true", help="only the new code path")
    args = parser.parse_args()
    modes = [("after", True)] if args.skip_before else [("before", False), ("after", True)]
    ok = True
    with tempfile.TemporaryDirectory() as tmp, FakeBotAPI() as api:
        workdir = Path(tmp)
        template = prepare_db(workdir)
        print("Another chat's reply latency while one chat does its worst (rate limiter on)")
        print(
            f"{'scenario':<36} {'mode':<7} {'p50':>9} {'p95':>9} {'bot RSS':>8}  "
            "offender answered after"
        )
        for name, scenario in scenarios():
            if args.only and not any(o in name for o in args.only.split(",")):
                continue
            for mode, concurrent in modes:
                tag = f"{mode}-{abs(hash(name)) % 10_000}"
                res = run_scenario(
                    api, (workdir, template, concurrent, tag), scenario, args.probe_seconds
                )
                off = res["offender"]
                off_text = (
                    f"{off:6.2f} s  {res['offender_text']}"
                    if off is not None
                    else f"none within {res['bound']:.0f} s"
                )
                if res["last"] is not None and res["last"] != off:
                    off_text += f"\n{'':<74}last reply {res['last']:6.2f} s  {res['last_text']}"
                print(
                    f"{name:<36} {mode:<7} {fmt(res['p50'], res['missing'])} "
                    f"{fmt(res['p95'], res['missing'])} {res['rss']:5.0f} MB  {off_text}",
                    flush=True,
                )
                if concurrent:
                    ok &= res["p95"] <= TARGET_P95 and off is not None and off <= TARGET_OFFENDER
        print(f"\nThroughput: new private chats at a fixed rate for {args.rate_seconds:.0f} s")
        for rate in () if args.no_rates else (20, 40):
            for mode, concurrent in modes:
                tag = f"rate{rate}-{mode}"
                res = run_rate(api, (workdir, template, concurrent, tag), rate, args.rate_seconds)
                print(
                    f"{rate} updates/s {mode:<7} p50 {fmt(res['p50'], res['missing'])}  "
                    f"p95 {fmt(res['p95'], res['missing'])}  answered {res['per_second']:5.1f}/s"
                    f"  unanswered {res['missing']}",
                    flush=True,
                )
        if not args.no_rates:
            # Telegram lets a bot send about 30 messages a second in all; AIORateLimiter keeps
            # to that, so 40 updates/s cannot all be answered at once. Without the limiter the
            # same run shows what the bot itself can do.
            tag = "rate40-after-nolimit"
            res = run_rate(api, (workdir, template, True, tag), 40, args.rate_seconds, False)
            print(
                f"40 updates/s after, limiter off (not for production): p50 {fmt(res['p50'])}  "
                f"p95 {fmt(res['p95'])}  answered {res['per_second']:5.1f}/s",
                flush=True,
            )
    print(
        f"\nTargets (new path): other chats p95 <= {TARGET_P95:.0f} s, offender answered within "
        f"{TARGET_OFFENDER:.0f} s -> {'OK' if ok else 'NICHT ERREICHT'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
