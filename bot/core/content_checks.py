"""Two content checks for `jourfixe check`: who a protocol position speaks for, silent topics.

Both are pure functions over plain data (positions, topics, passages), so they work for every
future source and are tested with an invented protocol:

* **Attribution.** The ingestion marks each paragraph of a protocol as a participant's
  ``contribution`` (opened by "— ") or the group's ``answer`` (a plain paragraph). A position on
  a protocol may speak for the group ("Das Protokoll hält fest …", "Die Gruppe …") only when
  most of its evidence passages are answers. A position resting on contributions must say so
  ("Ein Teilnehmer wendet ein …", "Im Protokoll fragt ein Teilnehmer …"). Violations fail the
  check.
* **Silent topics.** A source without a position on a topic is shown as "äußert sich dazu
  nicht". When one of its paragraphs uses two or more different synonyms of that topic, the
  check warns and names the paragraph and its lines, so the writer decides: write a position,
  or answer the warning with a short reason under ``silent:`` in ``content/positions.yaml``.
  Warnings never fail the check.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.core.text import normalize, stem, words
from bot.texts import content as T

# How a position names its speaker, read from its opening words (after normalize()).
_GROUP_OPENING = re.compile(
    r"^(das protokoll|im protokoll haelt|die gruppe|der lesekreis|die runde|wir)\b"
)
_PARTICIPANT = re.compile(
    r"\b(teilnehmer\w*|teilnehmende\w*|beitrag|beitraegen|beitraege|einwand|einwaende|"
    r"wendet\w* .{0,40}\bein|fragt|fragen)\b"
)
ANSWER = "answer"
CONTRIBUTION = "contribution"
# compounds: a synonym of at least this many letters also matches as the head or the first
# part of a longer word ("Eskalation" in "Eskalationsstufe", "Garantien" in
# "Sicherheitsgarantien"); shorter ones ("Sieg", "Öl") only as whole words
COMPOUND_MIN = 6
MIN_SYNONYMS = 2


@dataclass(frozen=True)
class AttributionViolation:
    """A protocol position whose wording does not match who its evidence comes from."""

    topic: str
    source: str
    answers: int  # evidence passages that are the group's answers
    contributions: int  # evidence passages that are participants' contributions
    speaks_for_group: bool  # opens with "Das Protokoll …", "Die Gruppe …"


@dataclass(frozen=True)
class SilentTopicWarning:
    """A source listed as silent on a topic although one paragraph uses its synonyms."""

    topic: str
    source: str
    paragraph: int
    line_start: int
    line_end: int
    synonyms: tuple[str, ...]  # the synonyms found, as written in topics.yaml
    answer: str = ""  # the writer's reason why the source still takes no position


# --- attribution -------------------------------------------------------------------------------


def speaks_for_group(text: str) -> bool:
    """Does the position open in the group's voice ("Das Protokoll hält fest, …")?"""
    return bool(_GROUP_OPENING.match(normalize(text)))


def names_participant(text: str) -> bool:
    """Does the position say that a participant (not the group) said it?"""
    return bool(_PARTICIPANT.search(normalize(text)))


def attribution_violations(
    positions: Iterable[Any],
    source_kinds: Mapping[str, str],
    passage_kind: Callable[[str], str | None],
) -> list[AttributionViolation]:
    """Positions on protocols that speak for the group on mostly contributions, or rest on
    contributions without naming a participant.

    ``positions`` need ``topic``, ``source``, ``text`` and ``evidence`` (each with a
    ``passage_id``); ``source_kinds`` maps a slug to its kind; ``passage_kind`` gives the kind
    the ingestion stored for a passage id. Each passage counts once, however many evidence
    phrases point into it.
    """
    out: list[AttributionViolation] = []
    for position in positions:
        if source_kinds.get(position.source) != "protocol":
            continue
        kinds: dict[str, str | None] = {}
        for evidence in position.evidence:
            kinds.setdefault(evidence.passage_id, passage_kind(evidence.passage_id))
        answers = sum(1 for k in kinds.values() if k == ANSWER)
        contributions = sum(1 for k in kinds.values() if k == CONTRIBUTION)
        if answers > contributions:
            continue  # most of the evidence is the group's: any wording is fine
        if contributions == 0:
            continue  # headings only: nobody to attribute
        group = speaks_for_group(position.text)
        if group or not names_participant(position.text):
            out.append(
                AttributionViolation(
                    position.topic, position.source, answers, contributions, group
                )
            )
    return out


# --- silent topics -----------------------------------------------------------------------------


def _synonym_stems(synonym: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in words(synonym))


def _word_matches(syn: str, word: str) -> bool:
    if word == syn:
        return True
    if len(syn) < COMPOUND_MIN:
        return False
    return word.startswith(syn) or word.endswith(syn)


def synonyms_used(text: str, synonyms: Sequence[str]) -> tuple[str, ...]:
    """The synonyms of a topic that a text uses, each on a different word of the text.

    A word counts for one synonym only, and the same word repeated counts once: "Atomwaffen,
    Atomwaffen" uses one synonym even when both "Atomwaffe" and "Atomwaffen" are listed.
    """
    stems = [stem(w) for w in words(text)]
    taken: set[int] = set()
    seen_words: set[tuple[str, ...]] = set()
    found: set[str] = set()
    # longer synonyms first: "dritter Weltkrieg" claims its words before "Weltkrieg"
    for synonym in sorted(synonyms, key=lambda s: -len(_synonym_stems(s))):
        parts = _synonym_stems(synonym)
        n = len(parts)
        if not n:
            continue
        for i in range(len(stems) - n + 1):
            span = set(range(i, i + n))
            if span & taken:
                continue
            if n == 1:
                hit = _word_matches(parts[0], stems[i])
            else:
                hit = all(stems[i + k] == parts[k] for k in range(n))
            if hit:
                taken |= span
                matched = tuple(stems[i : i + n])
                if matched not in seen_words:  # a repeated word is not a second synonym
                    seen_words.add(matched)
                    found.add(synonym)
                break
    return tuple(s for s in dict.fromkeys(synonyms) if s in found)  # in topics.yaml order


def silent_topic_warnings(
    topics: Iterable[Any],
    positions: Iterable[Any],
    passages: Mapping[str, Sequence[Any]],
    answered: Mapping[tuple[str, str], str] | None = None,
    min_synonyms: int = MIN_SYNONYMS,
) -> list[SilentTopicWarning]:
    """Paragraphs of silent sources that use ``min_synonyms`` or more synonyms of the topic.

    ``topics`` need ``slug`` and ``synonyms``; ``passages`` maps each source with written
    content to its passages (``paragraph``, ``line_start``, ``line_end``, ``kind``, ``text``).
    ``answered`` maps (topic, source) to the writer's reason for keeping the source silent; the
    warning is still returned, with that reason, so the check can show it was decided.
    """
    answered = answered or {}
    covered = {(p.topic, p.source) for p in positions}
    out: list[SilentTopicWarning] = []
    for slug, source_passages in passages.items():
        paragraphs: dict[int, list[Any]] = {}
        for p in source_passages:
            if p.kind in ("debris", "heading"):
                continue
            paragraphs.setdefault(p.paragraph, []).append(p)
        for topic in topics:
            if (topic.slug, slug) in covered:
                continue
            for number, parts in sorted(paragraphs.items()):
                text = " ".join(p.text for p in parts)
                used = synonyms_used(text, topic.synonyms)
                if len(used) < min_synonyms:
                    continue
                out.append(
                    SilentTopicWarning(
                        topic=topic.slug,
                        source=slug,
                        paragraph=number,
                        line_start=min(p.line_start for p in parts),
                        line_end=max(p.line_end for p in parts),
                        synonyms=used,
                        answer=answered.get((topic.slug, slug), ""),
                    )
                )
    return out


def silent_answers(data: Any) -> tuple[dict[tuple[str, str], str], list[str]]:
    """The ``silent:`` entries of a positions file: (topic, source) -> reason, and problems.

    Each entry is ``{topic: …, source: …, reason: …}``; problems are German messages.
    """
    answers: dict[tuple[str, str], str] = {}
    problems: list[str] = []
    if not isinstance(data, Mapping) or data.get("silent") is None:
        return answers, problems
    items = data["silent"]
    if not isinstance(items, list):
        return answers, [T.ERR_SILENT_NOT_LIST]
    for number, item in enumerate(items, start=1):
        fields = item if isinstance(item, Mapping) else {}
        topic, source, reason = (
            str(fields.get(key) or "").strip() for key in ("topic", "source", "reason")
        )
        if not (topic and source and reason):
            problems.append(T.ERR_SILENT_ENTRY.format(number=number))
            continue
        answers[(topic, source)] = reason
    return answers, problems


# --- the report `jourfixe check` prints ----------------------------------------------------------


@dataclass(frozen=True)
class CheckReport:
    """German lines for `jourfixe check`: errors fail it, warnings and answered ones do not."""

    errors: list[str]
    warnings: list[str]
    answered: list[str]
    violations: int
    open_warnings: int


def _lines(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}–{end}"


def read_silent_answers(content_dir: Path) -> tuple[dict[tuple[str, str], str], list[str]]:
    """The ``silent:`` entries of content/positions.yaml (and positions/*.yaml)."""
    folder = Path(content_dir)
    files = [folder / "positions.yaml", *sorted((folder / "positions").glob("*.y*ml"))]
    answers: dict[tuple[str, str], str] = {}
    problems: list[str] = []
    for path in files:
        if not path.is_file():
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue  # the content loader has already reported a broken file
        found, bad = silent_answers(data)
        answers.update(found)
        problems += [f"{path.name}: {p}" for p in bad]
    return answers, problems


def check_report(store: Any, catalog: Any, search: Any, content_dir: Path) -> CheckReport:
    """Run both checks over the loaded content and word the result in German."""
    kinds = {s.slug: s.kind for s in catalog.sources}

    def passage_kind(pid: str) -> str | None:
        passage = search.passage(pid)
        return passage.kind if passage is not None else None

    errors: list[str] = []
    violations = attribution_violations(store.positions, kinds, passage_kind)
    for v in violations:
        template = T.CHECK_ATTRIBUTION_GROUP if v.speaks_for_group else T.CHECK_ATTRIBUTION_UNNAMED
        errors.append(
            template.format(
                topic=v.topic,
                source=v.source,
                answers=v.answers,
                contributions=v.contributions,
                total=v.answers + v.contributions,
            )
        )
    answers, problems = read_silent_answers(content_dir)
    errors += problems
    with_content = {s.slug for s in catalog.sources if store.has_content(s.slug)}
    passages = {slug: search.passages_of(slug) for slug in sorted(with_content)}
    found = silent_topic_warnings(store.topics, store.positions, passages, answers)
    warnings, answered = [], []
    for w in found:
        values = {
            "topic": w.topic,
            "source": w.source,
            "paragraph": w.paragraph,
            "lines": _lines(w.line_start, w.line_end),
            "synonyms": ", ".join(f"„{s}“" for s in w.synonyms),
            "reason": w.answer,
        }
        if w.answer:
            answered.append(T.CHECK_SILENT_ANSWERED.format(**values))
        else:
            warnings.append(T.CHECK_SILENT.format(**values))
    hit = {(w.topic, w.source) for w in found}
    for topic, source in answers:
        if (topic, source) not in hit:
            warnings.append(T.CHECK_SILENT_UNUSED.format(topic=topic, source=source))
    return CheckReport(errors, warnings, answered, len(violations), len(warnings))
