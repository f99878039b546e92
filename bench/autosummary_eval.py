"""ROUGE-1 recall of the automatic summary against the written summaries of the seed sources.

    .venv/bin/python bench/autosummary_eval.py [--show SLUG]

For each source with content/summaries/<slug>.yaml (field ``summary``) this prints
ROUGE-1 recall of the TextRank summary (all words, and content stems without stop words),
the same for a lead baseline (the first sentences, same count), and the share of key terms
that occur in the written summary. The index is built in a temporary database.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.config import Config  # noqa: E402
from bot.core.autosummary import AutoSummary, auto_summary, stems  # noqa: E402
from bot.core.sentences import split_sentences  # noqa: E402
from bot.core.text import words  # noqa: E402
from bot.services import build_services  # noqa: E402


def rouge1_recall(candidate: str, reference: str, content_only: bool) -> float:
    """Clipped unigram overlap divided by the reference length."""
    tok = stems if content_only else words
    cand, ref = Counter(tok(candidate)), Counter(tok(reference))
    total = sum(ref.values())
    return sum((cand & ref).values()) / total if total else 0.0


def lead_baseline(passages: list, count: int) -> list[str]:
    out: list[str] = []
    for p in passages:
        if p.kind in ("heading", "debris"):
            continue
        for s in split_sentences(p.text):
            if len(s.split()) >= 8:
                out.append(s)
            if len(out) == count:
                return out
    return out


def key_term_hits(summary: AutoSummary, reference: str) -> float:
    ref = set(stems(reference))
    terms = [t for t in summary.key_terms if stems(t)]
    return sum(1 for t in terms if stems(t)[0] in ref) / len(terms) if terms else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", help="print auto and written summary of this slug")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        services = build_services(Config(db_path=Path(tmp) / "b.db", data_dir=Path(tmp)))
        rows = []
        for source in services.catalog.sources:
            path = ROOT / "content" / "summaries" / f"{source.slug}.yaml"
            if not path.is_file():
                continue
            written = str((yaml.safe_load(path.read_text(encoding="utf-8")) or {})["summary"])
            passages = services.search.passages_of(source.slug)
            auto = auto_summary(passages)
            text = " ".join(auto.sentences)
            lead = " ".join(lead_baseline(passages, len(auto.sentences)))
            rows.append(
                (
                    source.slug,
                    len(words(text)),
                    rouge1_recall(text, written, False),
                    rouge1_recall(text, written, True),
                    rouge1_recall(lead, written, True),
                    key_term_hits(auto, written),
                )
            )
            if args.show == source.slug:
                print(f"== {source.slug}: automatic summary (automatisch erstellt)")
                for s in auto.sentences:
                    print(f"  • {s}")
                print(f"  Stichworte: {', '.join(auto.key_terms)}")
                print(f"== {source.slug}: written summary\n  {written}\n")
        services.store.close()
    header = ("source", "words", "R1 all", "R1 content", "lead R1 content", "key terms in ref")
    print(f"{header[0]:24} {header[1]:>5} {header[2]:>7} {header[3]:>10} {header[4]:>15} "
          f"{header[5]:>16}")  # fmt: skip
    for slug, n, r_all, r_content, r_lead, hits in rows:
        print(f"{slug:24} {n:5d} {r_all:7.3f} {r_content:10.3f} {r_lead:15.3f} {hits:16.2f}")
    if rows:
        mean = [sum(r[i] for r in rows) / len(rows) for i in range(2, 6)]
        print(f"{'mean':24} {'':5} {mean[0]:7.3f} {mean[1]:10.3f} {mean[2]:15.3f} {mean[3]:16.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
