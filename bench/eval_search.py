"""Search quality: hit@1, hit@3, MRR and off-topic handling, next to a BM25 baseline and an
ablation (the engine with each mechanism switched off), for all the query sets in one run.

Run: python bench/eval_search.py [--verbose] [--set FILE] [--no-ablation] [--only a,b]

Sets: devset, holdout, chatset, chat_holdout and chat_fresh are for tuning (--verbose lists
their misses); holdout, chat_holdout and chat_fresh were report-only until their figures had been
read (bench/RESULTS-search.md). A figure on unseen questions comes from a set written by a reader
who has seen neither the code nor the other sets, added after the last search change and named in
REPORT_ONLY, so that --verbose never lists its misses. The fourth pass's report-only sets
chat_unseen.yaml, chat_unseen_b.yaml (chat) and holdout2.yaml (search-box style) were run once
and are tuning sets since; so are chat_unseen_c.yaml, run once after round 5, and
chat_unseen_d.yaml, run once after round 6, and chat_unseen_e.yaml and chat_unseen_f.yaml (two new
readers), run once before and once after round 7, and chat_unseen_g.yaml, run once before and
once after round 8, chat_unseen_h.yaml, run once before and once after round 9, and
chat_unseen_i.yaml and chat_unseen_j.yaml, each run once before and once after rounds 10 and 11
(seventh pass), chat_unseen_k.yaml, run once before and once after round 12 (eighth pass), and
chat_unseen_m.yaml and chat_unseen_n.yaml, each run once before and once after rounds 14 and 15
(ninth pass), and chat_unseen_o.yaml and chat_unseen_p.yaml, each run once before and once after
rounds 16 and 17 (tenth pass), and chat_unseen_r.yaml and chat_unseen_s.yaml, each run once before
and once after round 19 and again after round 20 (twelfth pass). chat_unseen_t.yaml, written
after round 20, and chat_unseen_u.yaml, written before round 21, were run before round 21 and
after round 22 (thirteenth pass), and again after round 23, and chat_unseen_v.yaml, written during
round 23, was run before and after it (fourteenth pass), and chat_unseen_w.yaml, written after
it, was run on its start and its end and after round 24 (fifteenth pass), and chat_unseen_x.yaml,
written at the start of round 24, was run before and after it, and chat_unseen_y.yaml (round 25)
and chat_unseen_z.yaml (written at the start of round 26) and chat_unseen_aa.yaml (round 27)
and chat_unseen_ab.yaml (round 28) and chat_unseen_ac.yaml (round 29) and chat_unseen_ad.yaml
(round 30) each before and after their round, and chat_unseen_ae.yaml (written after round 30's
last change, run on its start and end, and on round 31's), and chat_unseen_af.yaml (written
during round 31, first run after its last change, on its start and end), and chat_unseen_ag.yaml
(written after round 31's last change, run on its start and end); all fourteen stay
report-only (REPORT_ONLY): their misses were never listed; --tuning leaves them out.
A set leaves REPORT_ONLY once a round has been tuned with its misses in view.

Rows: hit@1, hit@3, MRR over the on-topic messages; offtopic_empty, the share of off-topic chat
answered with nothing (as it should be); false_empty, the share of on-topic messages answered with
nothing (the other error of the same judgement); hit@1 per kind of message. --verbose names the
judgement that emptied each false empty (Answer.empty) and counts them per set.

The baseline is what the issue names: FTS5 bm25 over the same passages with German Snowball
stemming and OR-joined query terms (no compounds, synonyms, fuzzy matching or cut-off).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import Config  # noqa: E402
from bot.core.models import Passage  # noqa: E402
from bot.core.search import MECHANISMS, SERVED_KINDS, SearchEngine, SearchOptions  # noqa: E402
from bot.core.text import normalize, stem, words  # noqa: E402
from bot.services import build_services  # noqa: E402

DEVSET = ROOT / "tests" / "devset.yaml"


@dataclass
class Case:
    q: str
    kind: str
    source: str | None
    expect: str | None
    also: str | None = None


def load_devset(path: Path = DEVSET) -> list[Case]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Case(d["q"], d.get("kind", ""), d.get("source"), d.get("expect"), d.get("also"))
        for d in data
    ]


class Baseline:
    """FTS5 bm25 with Snowball stems and OR-joined terms."""

    def __init__(self, passages: list[Passage]) -> None:
        self.conn = sqlite3.connect(":memory:")
        self.conn.execute("CREATE VIRTUAL TABLE f USING fts5(terms)")
        self.passages = [p for p in passages if p.kind in SERVED_KINDS]
        self.conn.executemany(
            "INSERT INTO f(rowid, terms) VALUES (?, ?)",
            [(i, " ".join(stem(w) for w in words(p.text))) for i, p in enumerate(self.passages)],
        )

    def search(self, query: str, limit: int = 5) -> list[Passage]:
        terms = sorted({stem(w) for w in words(query)})
        if not terms:
            return []
        match = " OR ".join(f'"{t}"' for t in terms)
        rows = self.conn.execute(
            "SELECT rowid FROM f WHERE f MATCH ? ORDER BY bm25(f) LIMIT ?", [match, limit]
        ).fetchall()
        return [self.passages[r[0]] for r in rows]


def is_hit(p: Passage, case: Case, engine: SearchEngine) -> bool:
    if p.source not in (case.source, case.also):
        return False
    whole = " ".join(x.text for x in engine.paragraph(p))
    return normalize(case.expect or "") in normalize(whole)


def evaluate(
    cases: list[Case],
    run: Callable[[str], list[Passage]],
    engine: SearchEngine,
    why: Callable[[str], str] | None = None,
) -> dict[str, float]:
    """The figures of one runner over one set; ``why`` names the judgement that left a
    message without passages (for --verbose)."""
    hit1 = hit3 = mrr = 0.0
    empties = 0  # on-topic messages answered with nothing at all (false empties)
    on_topic = [c for c in cases if c.kind != "offtopic"]
    off = [c for c in cases if c.kind == "offtopic"]
    per_kind: dict[str, list[float]] = defaultdict(list)
    misses: list[str] = []
    reasons: Counter[str] = Counter()  # false empties by the judgement that emptied them
    for c in on_topic:
        results = run(c.q)
        empties += not results
        rank = next((i for i, p in enumerate(results, 1) if is_hit(p, c, engine)), None)
        hit1 += rank == 1
        hit3 += rank is not None and rank <= 3
        mrr += 1 / rank if rank else 0.0
        per_kind[c.kind].append(1.0 if rank == 1 else 0.0)
        if not results and why is not None:
            reasons[why(c.q)] += 1
        if rank != 1:
            got = results[0].id if results else "(leer)"
            if not results and why is not None:
                got = f"(leer: {why(c.q)})"
            misses.append(f"  rank={rank} [{c.kind}] {c.q!r} -> {got} (erwartet {c.source})")
    answered = [c.q for c in off if run(c.q)]
    empty = len(off) - len(answered)
    n = max(len(on_topic), 1)
    out = {
        "hit@1": hit1 / n,
        "hit@3": hit3 / n,
        "MRR": mrr / n,
        "offtopic_empty": empty / max(len(off), 1),
        "false_empty": empties / n,  # the other error of the off-topic judgement
        "n": len(on_topic),
        "n_off": len(off),
    }
    out.update({f"hit@1[{k}]": sum(v) / len(v) for k, v in sorted(per_kind.items())})
    out["_misses"] = misses  # type: ignore[assignment]
    out["_answered"] = [f"  {q!r}" for q in answered]  # type: ignore[assignment]
    out["_empty_by"] = reasons  # type: ignore[assignment]
    return out


SETS = {
    "dev": ROOT / "tests" / "devset.yaml",
    "held-out": ROOT / "tests" / "holdout.yaml",
    "chat": ROOT / "tests" / "chatset.yaml",
    "chat held-out": ROOT / "tests" / "chat_holdout.yaml",
    "chat fresh": ROOT / "tests" / "chat_fresh.yaml",
    "chat unseen A": ROOT / "tests" / "chat_unseen.yaml",
    "chat unseen B": ROOT / "tests" / "chat_unseen_b.yaml",
    "held-out 2": ROOT / "tests" / "holdout2.yaml",
    "chat unseen C": ROOT / "tests" / "chat_unseen_c.yaml",
    "chat unseen D": ROOT / "tests" / "chat_unseen_d.yaml",
    "chat unseen E": ROOT / "tests" / "chat_unseen_e.yaml",
    "chat unseen F": ROOT / "tests" / "chat_unseen_f.yaml",
    "chat unseen G": ROOT / "tests" / "chat_unseen_g.yaml",
    "chat unseen H": ROOT / "tests" / "chat_unseen_h.yaml",
    "chat unseen I": ROOT / "tests" / "chat_unseen_i.yaml",
    "chat unseen J": ROOT / "tests" / "chat_unseen_j.yaml",
    "chat unseen K": ROOT / "tests" / "chat_unseen_k.yaml",
    "chat unseen M": ROOT / "tests" / "chat_unseen_m.yaml",
    "chat unseen N": ROOT / "tests" / "chat_unseen_n.yaml",
    "chat unseen O": ROOT / "tests" / "chat_unseen_o.yaml",
    "chat unseen P": ROOT / "tests" / "chat_unseen_p.yaml",
    "chat unseen R": ROOT / "tests" / "chat_unseen_r.yaml",
    "chat unseen S": ROOT / "tests" / "chat_unseen_s.yaml",
    "chat unseen T": ROOT / "tests" / "chat_unseen_t.yaml",
    "chat unseen U": ROOT / "tests" / "chat_unseen_u.yaml",
    "chat unseen V": ROOT / "tests" / "chat_unseen_v.yaml",
    "chat unseen W": ROOT / "tests" / "chat_unseen_w.yaml",
    "chat unseen X": ROOT / "tests" / "chat_unseen_x.yaml",
    "chat unseen Y": ROOT / "tests" / "chat_unseen_y.yaml",
    "chat unseen Z": ROOT / "tests" / "chat_unseen_z.yaml",
    "chat unseen AA": ROOT / "tests" / "chat_unseen_aa.yaml",
    "chat unseen AB": ROOT / "tests" / "chat_unseen_ab.yaml",
    "chat unseen AC": ROOT / "tests" / "chat_unseen_ac.yaml",
    "chat unseen AD": ROOT / "tests" / "chat_unseen_ad.yaml",
    "chat unseen AE": ROOT / "tests" / "chat_unseen_ae.yaml",
    "chat unseen AF": ROOT / "tests" / "chat_unseen_af.yaml",
    "chat unseen AG": ROOT / "tests" / "chat_unseen_ag.yaml",
}
# never list their misses: we do not tune on them (set names, and file stems for --set).
# chat unseen A, B and held-out 2 were report-only until their figures were read (fourth pass).
# chat unseen C and D were report-only until their figures were read (after rounds 5 and 6),
# E and F until theirs were (after round 7), G, H, I, J and K until theirs were (rounds 8 to 12),
# M and N until theirs were (rounds 14 and 15), O and P until theirs were (rounds 16 and 17),
# R and S until theirs were (rounds 19 and 20; Q, of round 18, was lost before it was copied).
# T (written 2026-12-03, run once on 25f40a7) is report-only until a next round's last change.
# T and U judged rounds 21 to 23, V (written during round 23) judged round 23, W (written after
# it) judged round 24 with X (written at its start), and Y (written during round 25, before
# any of its figures was read) judged round 25 with all of them, and Z (written at the start of
# round 26 by a reader who saw nothing of it) judged round 26 with all of them, and AA (written
# at the start of round 27 by a reader who saw nothing of it) judged round 27 with all of them,
# and AB (written at the start of round 28 likewise) judged round 28 with all of them, and AC
# (written at the start of round 29 likewise) judged round 29 with all of them, and AD (written
# at the start of round 30 likewise) judged round 30 with all of them, and AE (written after
# round 30's last change) judged its start and end and round 31's, and AF (written during round
# 31, first run after its last change) and AG (written after it) judged round 31's start and
# end: none listed.
REPORT_ONLY: set[str] = {
    "chat unseen T", "chat_unseen_t", "chat unseen U", "chat_unseen_u",
    "chat unseen V", "chat_unseen_v", "chat unseen W", "chat_unseen_w",
    "chat unseen X", "chat_unseen_x", "chat unseen Y", "chat_unseen_y",
    "chat unseen Z", "chat_unseen_z", "chat unseen AA", "chat_unseen_aa",
    "chat unseen AB", "chat_unseen_ab", "chat unseen AC", "chat_unseen_ac",
    "chat unseen AD", "chat_unseen_ad", "chat unseen AE", "chat_unseen_ae",
    "chat unseen AF", "chat_unseen_af", "chat unseen AG", "chat_unseen_ag",
}  # fmt: skip
SHORT = {
    "informative_offtopic": "offtop", "keep_german_words": "german", "expansion": "expand",
    "named_source": "named", "part_focus": "parts", "synonym_credit": "syncredit",
    "known_synonyms": "knownsyn", "synonym_spread": "spread", "proximity": "prox",
    "chat_topic": "chattopic",
    "most_named": "mostnamed", "retold_credit": "retold", "rare_meeting": "raremeet",
    "part_forms": "partforms", "rare_only": "rareonly", "member_question": "memberq",
    "lacking_reason": "lackreason", "presupposed": "presup", "group_plan": "plan",
    "wish_formulas": "wishform", "calendar_time": "calendar", "amounts": "amounts",
    "persons": "persons", "typo_relatives": "typorel", "umlaut_typos": "umlaut",
    "inflected_typos": "inflect", "part_typos": "parttypo", "colloquial_forms": "colloq",
    "typo_loose": "typoloose", "verb_nouns": "verbnoun",
    "acronyms": "acronym", "adjective_nouns": "adjnoun", "no_unknown": "nounknown",
    "social_lead": "sociallead", "then_now": "thennow", "sentence_first": "sentfirst",
    "metonyms": "metonym", "ablaut_nouns": "ablaut", "roles": "roles",
    "group_voice": "voice", "voice_unaddressed": "unaddressed", "member_voice": "member",
    "voice_frame": "voiceframe", "named_topic": "namedtopic", "text_position": "position",
    "locate_forms": "locforms", "prep_question": "prepq", "then_before": "before",
    "wonder_emoji": "wonder", "text_parts": "textparts",
    "summing_phrases": "summing", "typed_idf": "typedidf", "naming_cover": "namecover",
}  # fmt: skip


def engine_runner(engine: SearchEngine, options: SearchOptions) -> Callable[[str], list]:
    def run(q: str) -> list[Passage]:
        engine.options = options
        return [h.passage for h in engine.search(q, limit=5)]

    return run


def engine_why(engine: SearchEngine) -> Callable[[str], str]:
    """The judgement that leaves a message without passages in the bot (Answer.empty)."""

    def why(q: str) -> str:
        engine.options = SearchOptions()
        return engine.answer(q, limit=5).empty

    return why


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--verbose", action="store_true", help="list the misses of the tuning sets"
    )
    parser.add_argument("--set", help="one query file instead of all the sets")
    parser.add_argument("--no-ablation", action="store_true", help="engine and baseline only")
    parser.add_argument(
        "--tuning",
        action="store_true",
        help="skip the report-only sets (REPORT_ONLY): what a round may tune on and look at",
    )
    parser.add_argument(
        "--only", help="ablate only these mechanisms (SearchOptions names, comma-separated)"
    )
    args = parser.parse_args()
    only = set(args.only.split(",")) if args.only else None
    if only and not only <= set(MECHANISMS):
        parser.error(f"unknown mechanisms: {', '.join(sorted(only - set(MECHANISMS)))}")
    sets = {Path(args.set).stem: Path(args.set)} if args.set else SETS
    if args.tuning:
        sets = {n: p for n, p in sets.items() if not REPORT_ONLY & {n, p.stem}}
    with tempfile.TemporaryDirectory() as tmp:
        services = build_services(Config(db_path=Path(tmp) / "eval.db"))
        engine = services.search
        extra = "on" if engine.semantic is not None else "not installed (words alone)"
        print(f"semantic extra: {extra}\n")
        passages = [p for s in services.catalog.sources for p in engine.passages_of(s.slug)]
        baseline = Baseline(passages)
        variants: dict[str, Callable[[str], list]] = {
            "jourfixe": engine_runner(engine, SearchOptions()),
            "BM25": lambda q: baseline.search(q, limit=5),
        }
        if not args.no_ablation:
            for name in MECHANISMS:  # each switched the other way: "-x" off, "+x" on
                if only is not None and name not in only:
                    continue
                sign = "-" if getattr(SearchOptions(), name) else "+"
                label = sign + SHORT.get(name, name)
                variants[label] = engine_runner(engine, SearchOptions().toggled(name))
        for set_name, path in sets.items():
            if not path.is_file():
                print(f"{set_name}: {path.name} fehlt\n")
                continue
            cases = load_devset(path)
            why = engine_why(engine)
            results = {
                name: evaluate(cases, run, engine, why if name == "jourfixe" else None)
                for name, run in variants.items()
            }
            print_table(set_name, path, results)
            if args.verbose:  # counts only: they name no message, unseen sets included
                by = results["jourfixe"]["_empty_by"]
                listed = ", ".join(f"{k} {n}" for k, n in by.most_common())  # type: ignore[attr-defined]
                print(f"False empties by judgement: {listed or 'none'}\n")
            if args.verbose and set_name not in REPORT_ONLY and path.stem not in REPORT_ONLY:
                print("Misses (jourfixe):")
                print("\n".join(results["jourfixe"]["_misses"]) or "  none")  # type: ignore[arg-type]
                print("Answered off-topic (jourfixe):")
                print("\n".join(results["jourfixe"]["_answered"]) or "  none")  # type: ignore[arg-type]
                print()
        engine.options = SearchOptions()
    return 0


def print_table(set_name: str, path: Path, results: dict[str, dict]) -> None:
    first = next(iter(results.values()))
    print(f"{set_name} ({path.name}): {first['n']} queries, {first['n_off']} off-topic")
    names = list(results)
    width = max(9, *(len(n) + 1 for n in names))
    print(f"{'metric':<24}" + "".join(f"{n:>{width}}" for n in names))
    keys = [k for k in first if not k.startswith("_") and k not in ("n", "n_off")]
    for key in keys:
        print(
            f"{key:<24}"
            + "".join(f"{results[n].get(key, float('nan')):>{width}.3f}" for n in names)
        )
    print()


if __name__ == "__main__":
    raise SystemExit(main())
