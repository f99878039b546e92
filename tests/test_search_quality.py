"""Search quality on the dev set stays where it was measured (and above the BM25 baseline)."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from eval_search import Baseline, evaluate, load_devset  # noqa: E402

from bot.config import Config  # noqa: E402
from bot.services import build_services  # noqa: E402


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    services = build_services(Config(db_path=tmp_path_factory.mktemp("quality") / "q.db"))
    engine = services.search
    cases = load_devset()
    passages = [p for s in services.catalog.sources for p in engine.passages_of(s.slug)]
    baseline = Baseline(passages)
    ours = evaluate(cases, lambda q: [h.passage for h in engine.search(q, limit=5)], engine)
    base = evaluate(cases, lambda q: baseline.search(q, limit=5), engine)
    return ours, base


def test_dev_set_is_large_and_covers_every_kind():
    cases = load_devset()
    kinds = {c.kind for c in cases}
    assert len([c for c in cases if c.kind != "offtopic"]) >= 80
    assert {"inflection", "compound", "umlaut", "typo", "name", "hyphen_number", "abbrev",
            "question", "author", "offtopic"} <= kinds  # fmt: skip


def test_ranking_quality_holds(report):
    ours, _ = report
    assert ours["hit@1"] >= 0.88
    assert ours["hit@3"] >= 0.95
    assert ours["MRR"] >= 0.9


def test_every_off_topic_query_gets_an_empty_answer(report):
    ours, _ = report
    assert ours["offtopic_empty"] == 1.0


def test_clearly_better_than_bm25(report):
    ours, base = report
    assert ours["hit@1"] >= base["hit@1"] + 0.1
    assert ours["MRR"] >= base["MRR"] + 0.1
