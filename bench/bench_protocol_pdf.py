"""Render time and file size of a 200-note protocol as PDF, next to the Markdown export.

    .venv/bin/python bench/bench_protocol_pdf.py [--notes 200] [--runs 5] [--out FILE]

Builds a session of N notes in memory (contributions and answers of varied length, a section
every 25 notes, two open questions, the next meeting), then measures in the same run:

- the Markdown export (``to_markdown``, what /protokoll attached so far): the baseline;
- the PDF (``protocol_pdf.render``): first call in the process (fonts loaded) and the median
  of the further runs; pages, printed lines and bytes;
- reading the PDF back as a reading (``readings.extract`` + ``ingest.segment``) next to
  segmenting the Markdown file.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.core import protocol as proto  # noqa: E402
from bot.core import protocol_pdf  # noqa: E402
from bot.core.ingest import segment  # noqa: E402
from bot.core.notes import CONCLUSION, CONTRIBUTION, QUESTION, SECTION, Note, Session  # noqa: E402
from bot.core.readings import extract  # noqa: E402

SENTENCES = [
    "Trump erkennt Putin als Staatsführer einer großen Macht an, die ihre Interessen durchsetzt.",
    "Die Europäer sprechen Putin ab, dass er ein Staatsmann ist, dem man Respekt schuldet.",
    "Der Artikel charakterisiert das mit dem Begriff „geistesverwandte Machtmenschen“ (S. 45).",
    "Die Russen merken, dass für sie nichts garantiert ist – außer sie erreichen den Sieg.",
    "Was heißt das für die Verhandlungen, die gerade stattfinden?",
]


def session_of(n: int) -> proto.Protocol:
    now = datetime.now(UTC)
    notes: list[Note] = []

    def add(kind: str, text: str) -> None:
        num = len(notes) + 1
        notes.append(
            Note(num, 1, 1, kind, text, None, "Anna", now, None, None, None, "", None, None)
        )

    for i in range(1, n + 1):
        body = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(1 + i % 6))
        add(CONCLUSION if i % 3 == 0 else CONTRIBUTION, f"({i}) {body}")
        if i % 25 == 0 and i < n:
            add(SECTION, f"Teil {i // 25 + 1}")
    add(QUESTION, "Wie verhält sich Europa dazu?")
    add(QUESTION, "Was folgt aus dem Friedensdiktat?")
    session = Session(
        1, 1, date(2026, 1, 12), "Trumps Friedensplan (GS 4-25)", now, now, False, ""
    )
    return proto.build(
        session, notes, next_meeting="Der nächste Jour fixe findet am 26.01.2026 statt."
    )


def timed(func, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", help="write the PDF here")
    args = parser.parse_args(argv)
    protocol = session_of(args.notes)

    md_time, md = timed(lambda: proto.to_markdown(protocol), args.runs)
    start = time.perf_counter()
    pdf_bytes, lines = protocol_pdf.render_lines(protocol)
    cold = time.perf_counter() - start
    pdf_time, _ = timed(lambda: protocol_pdf.render(protocol), args.runs)
    md_bytes = md.encode("utf-8")
    seg_md, md_passages = timed(lambda: segment(md, "md", "protocol"), args.runs)
    seg_pdf, pdf_passages = timed(
        lambda: segment(extract(pdf_bytes, "protokoll.pdf").text, "pdf", "protocol"), args.runs
    )
    if args.out:
        Path(args.out).write_bytes(pdf_bytes)

    print(f"Protocol of {args.notes} notes; median of {args.runs} runs (noisy shared machine)")
    print(f"{'':34} {'time':>10} {'size':>10}")
    print(f"{'Markdown export (baseline)':34} {md_time * 1000:8.1f}ms {len(md_bytes):9,d}B")
    print(f"{'PDF, first render in process':34} {cold * 1000:8.1f}ms {len(pdf_bytes):9,d}B")
    print(f"{'PDF, later renders':34} {pdf_time * 1000:8.1f}ms")
    print(f"{'  pages / printed lines':34} {lines[-1].page:>10} {len(lines):>10}")
    print(f"{'read back: Markdown -> passages':34} {seg_md * 1000:8.1f}ms {len(md_passages):>9}p")
    print(f"{'read back: PDF -> passages':34} {seg_pdf * 1000:8.1f}ms {len(pdf_passages):>9}p")
    ratio = len(pdf_bytes) / len(md_bytes)
    print(f"PDF / Markdown: {pdf_time / md_time:.0f}x time, {ratio:.1f}x size")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
