"""Written content: summaries, theses, topics, positions with verified evidence, protocol notes.

The files live in ``content/`` (see the comments at the top of each):

* ``topics.yaml`` – the topics the texts argue about, with synonyms users might type;
* ``summaries/<slug>.yaml`` – short summary, full summary and theses of one source;
* ``positions.yaml`` (or ``positions/*.yaml``) – where a source stands on a topic, with 1–3
  evidence phrases copied verbatim from the source;
* ``protocol.yaml`` – the protocol section by section and the meeting it announces.

Loading validates everything and raises :class:`ContentError` with German messages naming
file, line and entry. An evidence phrase must occur, after :func:`bot.core.text.normalize`, in
exactly one passage of its source; the passage id is kept so the bot can quote that passage.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from bot.core.search import stopwords
from bot.core.sentences import split_sentences
from bot.core.text import normalize, stem, words
from bot.texts import content as T

if TYPE_CHECKING:
    from bot.core.catalog import Catalog
    from bot.core.models import Passage
    from bot.core.search import SearchEngine

MIN_EVIDENCE_WORDS = 6
MAX_EVIDENCE = 3
MAX_NOTES = 5  # sentences of our own words per paragraph (content/passages)
MAX_ASKS = 5  # questions per paragraph that it answers (content/passages, optional)
SHORT_MAX_CHARS = 300
SUMMARY_WORDS = (150, 300)
THESES_COUNT = (5, 10)
POSITION_MAX_SENTENCES = 3
TOPIC_MIN_SCORE = 85.0  # a topic matches a user's text from this score on (0–100)
TYPO_SCORE = 85.0  # a typed word counts as a topic word from this similarity on
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# lines of a YAML file that cannot be parsed, read to name the entry an error belongs to
_TOP_KEY = re.compile(r"^([A-Za-z_]\w*)\s*:")
_ITEM = re.compile(r"^(\s*)-\s+([A-Za-z_]\w*)\s*:\s*(.*)$")
_FIELD = re.compile(r"^(\s*)([A-Za-z_]\w*)\s*:\s*(.*)$")


class ContentError(ValueError):
    """Invalid content files; ``errors`` lists one German message per problem."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


# --- data ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Evidence:
    phrase: str  # verbatim from the source
    passage_id: str  # the one passage that contains it


@dataclass(frozen=True)
class Position:
    topic: str
    source: str
    text: str  # 1–3 attributed sentences in our own words
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Summary:
    source: str
    short: str
    full: str
    theses: tuple[str, ...]


@dataclass(frozen=True)
class ProtocolSection:
    number: int  # as the ingest numbers sections: 1 before the first "\*" line
    title: str
    raised: tuple[str, ...]  # questions and objections of participants
    concluded: tuple[str, ...]  # what the group worked out


@dataclass(frozen=True)
class Meeting:
    date: dt.date
    topic: str
    text: str  # title of the text to read
    issue: str = ""  # e.g. "GS 4-25"
    evidence: Evidence | None = None  # where the protocol announces it


@dataclass(frozen=True)
class ProtocolNotes:
    source: str
    sections: tuple[ProtocolSection, ...]
    next_meeting: Meeting | None = None


@dataclass(frozen=True)
class PassageNotes:
    """What one paragraph says, in our own words: a search aid (document expansion), never
    shown. ``anchor`` is a verbatim phrase that locates the paragraph."""

    source: str
    passage_id: str
    anchor: str
    gist: tuple[str, ...]
    # questions a member could ask that this paragraph answers, in everyday words (optional)
    asks: tuple[str, ...] = ()


@dataclass
class ContentStore:
    """All written content, validated against the catalog and the passage index."""

    topics: list[Topic] = field(default_factory=list)
    summaries: dict[str, Summary] = field(default_factory=dict)
    positions: list[Position] = field(default_factory=list)
    protocol: ProtocolNotes | None = None
    passage_notes: list[PassageNotes] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._topics = {t.slug: t for t in self.topics}
        self._positions = {(p.topic, p.source): p for p in self.positions}
        # (topic, content words, normalized name, whole-phrase-only): a name that is mostly
        # stop words ("Was will Putin") must appear as a whole, else "Putin" alone would match
        self._candidates = [
            (topic, content_words(name), normalize(name), _phrase_only(name))
            for topic in self.topics
            for name in (topic.title, topic.slug.replace("-", " "), *topic.synonyms)
        ]

    # -- loading ------------------------------------------------------------------------------
    @classmethod
    def load(cls, content_dir: Path, catalog: Catalog, search: SearchEngine) -> ContentStore:
        """Read and validate every content file; raise ContentError listing all problems."""
        return _Loader(Path(content_dir), catalog, search).load()

    # -- lookups ------------------------------------------------------------------------------
    @property
    def empty(self) -> bool:
        return not (self.topics or self.summaries or self.positions)

    def topic(self, slug: str) -> Topic | None:
        return self._topics.get(slug)

    def summary_for(self, slug: str) -> Summary | None:
        """The written summary of a source, or None (no summary written yet)."""
        return self.summaries.get(slug)

    def position(self, topic: str, source: str) -> Position | None:
        return self._positions.get((topic, source))

    def positions_for(self, topic: str) -> list[Position]:
        return [p for p in self.positions if p.topic == topic]

    def positions_of(self, source: str) -> list[Position]:
        return [p for p in self.positions if p.source == source]

    def has_content(self, slug: str) -> bool:
        """Whether anything was written about this source (else: not yet evaluated)."""
        return slug in self.summaries or any(p.source == slug for p in self.positions)

    def status(self, slug: str) -> str:
        """German status of a source: '' when its summary exists."""
        if slug in self.summaries:
            return ""
        return T.STATUS_NO_SUMMARY

    def stats(self) -> dict[str, int]:
        return {
            "topics": len(self.topics),
            "summaries": len(self.summaries),
            "theses": sum(len(s.theses) for s in self.summaries.values()),
            "positions": len(self.positions),
            "evidence": sum(len(p.evidence) for p in self.positions),
            "sections": len(self.protocol.sections) if self.protocol else 0,
            "noted": len(self.passage_notes),
        }

    # -- topic matching -----------------------------------------------------------------------
    def match_topic(self, text: str) -> tuple[Topic, float] | None:
        """The topic a user's text names (title or synonym, typos forgiven), with its score."""
        found = self.match_topic_detail(text)
        return (found[0], found[1]) if found else None

    def match_topic_detail(self, text: str) -> tuple[Topic, float, set[int]] | None:
        """Like match_topic, plus the indices of the words of ``text`` that named the topic."""
        query = content_words(text)
        if not query:
            return None
        phrase = f" {' '.join(words(text))} "
        best: tuple[float, int, int] | None = None  # (score, name length, candidate index)
        best_used: set[int] = set()
        for index, (_topic, name_tokens, _name, phrase_only) in enumerate(self._candidates):
            if phrase_only:
                if not name_tokens or f" {' '.join(words(_name))} " not in phrase:
                    continue
                score, used = 100.0, {i for i, q in enumerate(query) if q in name_tokens}
            else:
                score, used = _match_tokens(name_tokens, query)
            if score < TOPIC_MIN_SCORE:
                continue
            key = (score, len(name_tokens), -index)
            if best is None or key > (best[0], best[1], -best[2]):
                best, best_used = (score, len(name_tokens), index), used
        if best is None:
            return None
        return self._candidates[best[2]][0], best[0], best_used

    def suggest_topics(self, text: str, limit: int = 3) -> list[Topic]:
        """Topics whose names or name words come closest to ``text`` (for "Meintest du …?")."""
        query = normalize(text)
        if not query:
            return []
        scored: dict[str, float] = {}
        for topic, name_words, name, _phrase in self._candidates:
            score = max([fuzz.ratio(query, name)] + [fuzz.ratio(query, w) for w in name_words])
            scored[topic.slug] = max(scored.get(topic.slug, 0.0), score)
        ranked = sorted(self.topics, key=lambda t: -scored.get(t.slug, 0.0))
        return [t for t in ranked if scored.get(t.slug, 0.0) >= 70][:limit]


def content_words(text: str) -> list[str]:
    """Normalized words of a text without stop words (what topic matching compares)."""
    stop = stopwords()
    return [w for w in words(text) if w not in stop]


def _phrase_only(name: str) -> bool:
    content = content_words(name)
    return len(content) <= 1 and len(content) < len(words(name))


def word_similarity(name_word: str, word: str) -> float:
    """0–100: how well a typed word matches a word of a topic name (typos, inflection)."""
    return _similar(name_word, word)


def _similar(name_word: str, word: str) -> float:
    if name_word == word:
        return 100.0
    short, long_ = sorted((name_word, word), key=len)
    if len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 3:
        return 97.0  # inflection: europa/europas, sanktion/sanktionen
    if len(short) >= 4 and stem(name_word) == stem(word):
        return 97.0
    if len(short) >= 5:
        if OSA.distance(name_word, word) <= 1:
            return 90.0  # one typo, swapped letters included: eurpoa, sanktoinen
        return fuzz.ratio(name_word, word)
    return 0.0


def _match_tokens(name: list[str], query: list[str]) -> tuple[float, set[int]]:
    """Score of a topic name within a text: every name word must be there (typos forgiven)."""
    if not name:
        return 0.0, set()
    total, used = 0.0, set()
    # neighbouring words typed apart ("Atom waffen") also count as the one word they form
    pairs = [(query[i] + query[i + 1], {i, i + 1}) for i in range(len(query) - 1)]
    for word in name:
        best, where = 0.0, set()
        for i, q in enumerate(query):
            score = _similar(word, q)
            if score > best:
                best, where = score, {i}
        for joined, both in pairs:
            score = _similar(word, joined)
            if score > best:
                best, where = score, both
        if best < 80:
            joined = "".join(name)  # "alaskagipfel" typed as one word
            if len(name) > 1 and any(fuzz.ratio(joined, q) >= 88 for q in query):
                hits = {i for i, q in enumerate(query) if fuzz.ratio(joined, q) >= 88}
                return 95.0, hits
            return 0.0, set()
        total += best
        used |= where
    return total / len(name), used


# --- loading and validation ------------------------------------------------------------------


class _Map(dict):
    """A YAML mapping that remembers the line of each entry and each value (1-based)."""

    line: int = 0
    lines: dict[Any, int]


class _Seq(list):
    line: int = 0
    lines: list[int]


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # C parser when built
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _Map:
    loader.flatten_mapping(node)
    result = _Map()
    result.line = node.start_mark.line + 1
    result.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, T.ERR_DUPLICATE_KEY.format(key=key), key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = value_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> _Seq:
    result = _Seq(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.lines = [child.start_mark.line + 1 for child in node.value]
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


class _Loader:
    def __init__(self, content_dir: Path, catalog: Catalog, search: SearchEngine) -> None:
        self.dir = content_dir
        self.catalog = catalog
        self.search = search
        self.errors: list[str] = []
        self._normalized: dict[str, list[tuple[Passage, str]]] = {}

    # -- helpers ------------------------------------------------------------------------------
    def _name(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.dir.parent))
        except ValueError:
            return str(path)

    def _error(self, path: Path, line: int, problem: str, entry: str = "") -> None:
        where = T.ERR_WHERE.format(file=self._name(path), line=line)
        if entry:
            self.errors.append(T.ERR_ENTRY.format(where=where, entry=entry, problem=problem))
        else:
            self.errors.append(f"{where}: {problem}")

    def _read(self, path: Path) -> Any:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            self._error(path, 1, T.ERR_READ.format(problem=err))
            return None
        try:
            return yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass
        except yaml.MarkedYAMLError as err:
            mark = err.problem_mark or err.context_mark
            line = mark.line + 1 if mark is not None else 1
            problem = err.problem or err.context or "?"
            message = T.ERR_YAML.format(problem=problem)
            start = line
            if err.context_mark is not None and err.context_mark.line + 1 < line:
                start = err.context_mark.line + 1
                message += T.ERR_YAML_CONTEXT.format(line=start)
            self._error(path, line, message, self._entry_near(path, text, start))
        except yaml.YAMLError as err:
            self._error(path, 1, T.ERR_YAML_NO_MARK.format(problem=err))
        return None

    def _entry_near(self, path: Path, text: str, line: int) -> str:
        """The entry a broken line belongs to ("Position europa-ukraine/fazi-illusion")."""
        if path.parent.name == "summaries":
            return f"Zusammenfassung {path.stem}"
        lines = text.splitlines()[:line]
        fields: dict[str, str] = {}
        for number in range(len(lines) - 1, -1, -1):
            raw = lines[number]
            top = _TOP_KEY.match(raw)
            if top:  # left the list without finding an entry
                return T.ENTRY_NEXT_MEETING if top.group(1) == "next_meeting" else ""
            item = _ITEM.match(raw)
            if not item:
                continue
            indent = len(item.group(1)) + 2
            fields[item.group(2)] = item.group(3)
            for following in text.splitlines()[number + 1 :]:
                if following.strip() and len(following) - len(following.lstrip()) < indent:
                    break
                field = _FIELD.match(following)
                if field and len(field.group(1)) == indent:
                    fields.setdefault(field.group(2), field.group(3))
            break
        clean = {k: v.strip().strip("\"'") or "?" for k, v in fields.items()}
        if "topic" in clean or "source" in clean:
            return f"Position {clean.get('topic', '?')}/{clean.get('source', '?')}"
        if "slug" in clean:
            return f"Thema {clean['slug']}"
        if "section" in clean:
            return f"Abschnitt {clean['section']}"
        return ""

    def _list(self, path: Path, data: Any, key: str) -> list[tuple[_Map, int]]:
        """The entries under ``key`` of a file's top-level mapping, with their lines."""
        if not isinstance(data, dict) or key not in data:
            line = getattr(data, "line", 1) or 1
            self._error(path, line, T.ERR_NOT_MAPPING.format(key=key))
            return []
        items = data[key]
        if not isinstance(items, list):
            self._error(path, data.lines.get(key, 1), T.ERR_NOT_LIST.format(key=key))
            return []
        return list(zip(items, getattr(items, "lines", [data.line] * len(items)), strict=True))

    def _text(
        self, path: Path, entry: _Map, key: str, label: str, required: bool = True
    ) -> str | None:
        if key not in entry:
            if required:
                self._error(path, entry.line, T.ERR_MISSING.format(field=key), label)
            return None
        value = entry[key]
        line = entry.lines.get(key, entry.line)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self._error(path, line, T.ERR_NOT_TEXT.format(field=key), label)
            return None
        value = value.strip()
        if not value and required:
            self._error(path, line, T.ERR_EMPTY.format(field=key), label)
            return None
        return value

    def _texts(
        self, path: Path, entry: _Map, key: str, label: str, required: bool = True
    ) -> list[tuple[str, int]] | None:
        if key not in entry:
            if not required:  # an optional list left out is an empty one
                return []
            self._error(path, entry.line, T.ERR_MISSING.format(field=key), label)
            return None
        value = entry[key]
        line = entry.lines.get(key, entry.line)
        if value is None and not required:
            return []
        if not isinstance(value, list) or not all(
            isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value
        ):
            self._error(path, line, T.ERR_NOT_TEXT_LIST.format(field=key), label)
            return None
        lines = getattr(value, "lines", [line] * len(value))
        out = [(str(v).strip(), ln) for v, ln in zip(value, lines, strict=True)]
        empty = [ln for v, ln in out if not v]
        if empty:
            self._error(path, empty[0], T.ERR_EMPTY.format(field=key), label)
            return None
        if required and not out:
            self._error(path, line, T.ERR_EMPTY.format(field=key), label)
            return None
        return out

    def _unknown_fields(self, path: Path, entry: _Map, allowed: Iterable[str], label: str) -> None:
        allowed = tuple(allowed)
        for key in entry:
            if key not in allowed:
                self._error(
                    path,
                    entry.lines.get(key, entry.line),
                    T.ERR_UNKNOWN_FIELD.format(field=key, allowed=", ".join(allowed)),
                    label,
                )

    def _source(self, path: Path, line: int, slug: str, label: str) -> bool:
        if self.catalog.get(slug) is None:
            known = ", ".join(s.slug for s in self.catalog.sources)
            self._error(path, line, T.ERR_UNKNOWN_SOURCE.format(slug=slug, known=known), label)
            return False
        return True

    def _passages(self, slug: str) -> list[tuple[Passage, str]]:
        if slug not in self._normalized:
            self._normalized[slug] = [
                (p, normalize(p.text)) for p in self.search.passages_of(slug) if p.kind != "debris"
            ]
        return self._normalized[slug]

    def _evidence(
        self, path: Path, line: int, slug: str, phrase: str, label: str
    ) -> Evidence | None:
        count = len(words(phrase))
        if count < MIN_EVIDENCE_WORDS:
            problem = T.ERR_EVIDENCE_SHORT.format(
                phrase=phrase, words=count, least=MIN_EVIDENCE_WORDS
            )
            self._error(path, line, problem, label)
            return None
        passages = self._passages(slug)
        if not passages:
            self._error(path, line, T.ERR_NO_PASSAGES.format(slug=slug), label)
            return None
        needle = normalize(phrase)
        found = [p for p, text in passages if needle in text]
        if not found:
            self._error(path, line, T.ERR_EVIDENCE_MISSING.format(phrase=phrase, slug=slug), label)
            return None
        if len(found) > 1:
            where = ", ".join(f"Z. {p.line_start}" for p in found[:5])
            problem = T.ERR_EVIDENCE_AMBIGUOUS.format(
                phrase=phrase, slug=slug, count=len(found), where=where
            )
            self._error(path, line, problem, label)
            return None
        return Evidence(phrase=phrase, passage_id=found[0].id)

    # -- files --------------------------------------------------------------------------------
    def load(self) -> ContentStore:
        before = len(self.errors)
        topics = self._load_topics()
        # a broken topics file is reported once, not again for every position that uses it
        topics_ok = len(self.errors) == before
        summaries = self._load_summaries()
        positions = self._load_positions({t.slug for t in topics}, check_topics=topics_ok)
        protocol = self._load_protocol()
        notes = self._load_passage_notes()
        if self.errors:
            raise ContentError(self.errors)
        return ContentStore(topics, summaries, positions, protocol, notes)

    def _load_topics(self) -> list[Topic]:
        path = self.dir / "topics.yaml"
        if not path.exists():
            return []
        data = self._read(path)
        if data is None:
            return []
        topics: list[Topic] = []
        first: dict[str, int] = {}
        for entry, line in self._list(path, data, "topics"):
            if not isinstance(entry, _Map):
                keys = "slug, title, synonyms"
                self._error(path, line, T.ERR_ENTRY_NOT_MAPPING.format(keys=keys))
                continue
            label = f"Thema {entry.get('slug', '?')}"
            self._unknown_fields(path, entry, ("slug", "title", "synonyms"), label)
            slug = self._text(path, entry, "slug", label)
            title = self._text(path, entry, "title", label)
            synonyms = self._texts(path, entry, "synonyms", label, required=False)
            if slug is None or title is None or synonyms is None:
                continue
            if not _SLUG.match(slug):
                self._error(path, entry.lines["slug"], T.ERR_BAD_SLUG.format(slug=slug), label)
                continue
            if slug in first:
                problem = T.ERR_DUPLICATE_TOPIC.format(slug=slug, first=first[slug])
                self._error(path, entry.line, problem, label)
                continue
            first[slug] = entry.line
            topics.append(Topic(slug, title, tuple(s for s, _ in synonyms)))
        return topics

    def _reading_files(
        self, folder: str, key: str, kind: str, allowed: tuple[str, ...]
    ) -> Iterator[tuple[Path, _Map, str, str]]:
        """content/<folder>/<slug>.yaml, one file per reading: each file whose top level is a
        mapping (of ``allowed`` fields; else an error naming ``key``) for a known reading, the
        one its name gives (a ``source:`` field must agree), with its slug and the label of
        its errors ("<kind> <slug>")."""
        base = self.dir / folder
        if not base.is_dir():
            return
        for path in sorted(base.glob("*.y*ml")):
            data = self._read(path)
            if data is None:
                continue
            if not isinstance(data, _Map):
                self._error(path, 1, T.ERR_NOT_MAPPING.format(key=key))
                continue
            slug = path.stem
            label = f"{kind} {slug}"
            self._unknown_fields(path, data, allowed, label)
            named = self._text(path, data, "source", label, required=False)
            if named is not None and named != slug:
                line = data.lines.get("source", 1)
                self._error(path, line, T.ERR_SOURCE_MISMATCH.format(stem=slug, slug=named))
                continue
            if not self._source(path, data.lines.get("source", 1), slug, label):
                continue
            yield path, data, slug, label

    def _load_summaries(self) -> dict[str, Summary]:
        summaries: dict[str, Summary] = {}
        first: dict[str, str] = {}
        allowed = ("source", "summary_short", "summary", "theses")
        for path, data, slug, label in self._reading_files(
            "summaries", "summary", "Zusammenfassung", allowed
        ):
            short = self._text(path, data, "summary_short", label)
            full = self._text(path, data, "summary", label)
            theses = self._texts(path, data, "theses", label)
            if short is None or full is None or theses is None:
                continue
            if slug in first:
                problem = T.ERR_DUPLICATE_SUMMARY.format(slug=slug, first=first[slug])
                self._error(path, 1, problem, label)
                continue
            first[slug] = self._name(path)
            summaries[slug] = Summary(slug, short, full, tuple(t for t, _ in theses))
        return summaries

    def _position_files(self) -> list[Path]:
        files = []
        single = self.dir / "positions.yaml"
        if single.exists():
            files.append(single)
        folder = self.dir / "positions"
        if folder.is_dir():
            files += sorted(folder.glob("*.y*ml"))
        return files

    def _load_positions(self, topic_slugs: set[str], check_topics: bool = True) -> list[Position]:
        positions: list[Position] = []
        first: dict[tuple[str, str], str] = {}
        known_topics = ", ".join(sorted(topic_slugs)) or "–"
        for path in self._position_files():
            data = self._read(path)
            if data is None:
                continue
            for entry, line in self._list(path, data, "positions"):
                if not isinstance(entry, _Map):
                    keys = "topic, source, position, evidence"
                    self._error(path, line, T.ERR_ENTRY_NOT_MAPPING.format(keys=keys))
                    continue
                label = f"Position {entry.get('topic', '?')}/{entry.get('source', '?')}"
                allowed = ("topic", "source", "position", "evidence")
                self._unknown_fields(path, entry, allowed, label)
                topic = self._text(path, entry, "topic", label)
                source = self._text(path, entry, "source", label)
                text = self._text(path, entry, "position", label)
                phrases = self._texts(path, entry, "evidence", label)
                if topic is not None and topic not in topic_slugs:
                    if check_topics:
                        problem = T.ERR_UNKNOWN_TOPIC.format(slug=topic, known=known_topics)
                        self._error(path, entry.lines["topic"], problem, label)
                    topic = None
                if source is not None and not self._source(
                    path, entry.lines["source"], source, label
                ):
                    source = None
                if None in (topic, source, text, phrases):
                    continue
                assert topic and source and text and phrases is not None
                if not 1 <= len(phrases) <= MAX_EVIDENCE:
                    problem = T.ERR_EVIDENCE_COUNT.format(most=MAX_EVIDENCE, count=len(phrases))
                    self._error(path, entry.lines["evidence"], problem, label)
                    continue
                key = (topic, source)
                here = f"{self._name(path)}:{entry.line}"
                if key in first:
                    problem = T.ERR_DUPLICATE_POSITION.format(
                        topic=topic, source=source, first=first[key]
                    )
                    self._error(path, entry.line, problem, label)
                    continue
                first[key] = here
                evidence = [self._evidence(path, ln, source, ph, label) for ph, ln in phrases]
                if any(e is None for e in evidence):
                    continue
                positions.append(Position(topic, source, text, tuple(evidence)))  # type: ignore[arg-type]
        return positions

    def _load_passage_notes(self) -> list[PassageNotes]:
        """content/passages/<slug>.yaml: per paragraph of a reading an anchor (verbatim, as
        evidence is) and a few sentences in our own words of what it says."""
        notes: list[PassageNotes] = []
        for path, data, slug, label in self._reading_files(
            "passages", "passages", "Absatznotizen", ("source", "passages")
        ):
            first: dict[str, int] = {}
            for entry, line in self._list(path, data, "passages"):
                if not isinstance(entry, _Map):
                    keys = "anchor, gist, asks"
                    self._error(path, line, T.ERR_ENTRY_NOT_MAPPING.format(keys=keys))
                    continue
                self._unknown_fields(path, entry, ("anchor", "gist", "asks"), label)
                anchor = self._text(path, entry, "anchor", label)
                gist = self._texts(path, entry, "gist", label)
                asks = self._texts(path, entry, "asks", label, required=False)
                if anchor is None or gist is None or asks is None:
                    continue
                if not 1 <= len(gist) <= MAX_NOTES:
                    problem = T.ERR_NOTES_COUNT.format(most=MAX_NOTES, count=len(gist))
                    self._error(path, entry.lines["gist"], problem, label)
                    continue
                if len(asks) > MAX_ASKS:
                    problem = T.ERR_ASKS_COUNT.format(most=MAX_ASKS, count=len(asks))
                    self._error(path, entry.lines["asks"], problem, label)
                    continue
                found = self._evidence(path, entry.lines["anchor"], slug, anchor, label)
                if found is None:
                    continue
                if found.passage_id in first:
                    problem = T.ERR_DUPLICATE_NOTES.format(
                        slug=slug, first=first[found.passage_id]
                    )
                    self._error(path, entry.line, problem, label)
                    continue
                first[found.passage_id] = entry.line
                sentences = tuple(t for t, _ in gist)
                questions = tuple(t for t, _ in asks)
                notes.append(PassageNotes(slug, found.passage_id, anchor, sentences, questions))
        return notes

    def _load_protocol(self) -> ProtocolNotes | None:
        path = self.dir / "protocol.yaml"
        if not path.exists():
            return None
        data = self._read(path)
        if data is None:
            return None
        if not isinstance(data, _Map):
            self._error(path, 1, T.ERR_NOT_MAPPING.format(key="sections"))
            return None
        label = "Protokoll"
        self._unknown_fields(path, data, ("source", "sections", "next_meeting"), label)
        slug = self._text(path, data, "source", label)
        if slug is None or not self._source(path, data.lines.get("source", 1), slug, label):
            return None
        section_count = max((p.section for p, _ in self._passages(slug)), default=0)
        sections: list[ProtocolSection] = []
        for entry, line in self._list(path, data, "sections"):
            if not isinstance(entry, _Map):
                keys = "section, title, raised, concluded"
                self._error(path, line, T.ERR_ENTRY_NOT_MAPPING.format(keys=keys))
                continue
            entry_label = f"Abschnitt {entry.get('section', '?')}"
            allowed = ("section", "title", "raised", "concluded")
            self._unknown_fields(path, entry, allowed, entry_label)
            if "section" not in entry:
                self._error(path, entry.line, T.ERR_MISSING.format(field="section"), entry_label)
                continue
            number = entry["section"]
            if not isinstance(number, int) or isinstance(number, bool) or number < 1:
                problem = T.ERR_BAD_SECTION.format(value=number)
                self._error(path, entry.lines["section"], problem, entry_label)
                continue
            if section_count and number > section_count:
                problem = T.ERR_UNKNOWN_SECTION.format(
                    slug=slug, number=number, most=section_count
                )
                self._error(path, entry.lines["section"], problem, entry_label)
                continue
            title = self._text(path, entry, "title", entry_label)
            raised = self._texts(path, entry, "raised", entry_label, required=False)
            concluded = self._texts(path, entry, "concluded", entry_label)
            if title is None or raised is None or concluded is None:
                continue
            sections.append(
                ProtocolSection(
                    number, title, tuple(t for t, _ in raised), tuple(t for t, _ in concluded)
                )
            )
        meeting = self._meeting(path, data, slug) if "next_meeting" in data else None
        return ProtocolNotes(slug, tuple(sections), meeting)

    def _meeting(self, path: Path, data: _Map, slug: str) -> Meeting | None:
        entry = data["next_meeting"]
        label = T.ENTRY_NEXT_MEETING
        if not isinstance(entry, _Map):
            keys = "date, topic, text, issue"
            self._error(
                path, data.lines["next_meeting"], T.ERR_ENTRY_NOT_MAPPING.format(keys=keys)
            )
            return None
        self._unknown_fields(path, entry, ("date", "topic", "text", "issue", "evidence"), label)
        if "date" not in entry:
            self._error(path, entry.line, T.ERR_MISSING.format(field="date"), label)
            return None
        value = entry["date"]
        day: dt.date | None = None
        if isinstance(value, dt.datetime):
            day = value.date()
        elif isinstance(value, dt.date):
            day = value
        elif isinstance(value, str):
            try:
                day = dt.date.fromisoformat(value.strip())
            except ValueError:
                day = None
        if day is None:
            self._error(path, entry.lines["date"], T.ERR_BAD_DATE.format(value=value), label)
            return None
        topic = self._text(path, entry, "topic", label)
        text = self._text(path, entry, "text", label)
        issue = self._text(path, entry, "issue", label, required=False) or ""
        phrase = self._text(path, entry, "evidence", label, required=False)
        if topic is None or text is None:
            return None
        evidence = None
        if phrase:
            evidence = self._evidence(path, entry.lines["evidence"], slug, phrase, label)
            if evidence is None:
                return None
        return Meeting(day, topic, text, issue, evidence)


# --- style notes (not errors: `jourfixe check` shows them, the tests enforce them) -----------


def style_notes(store: ContentStore, bundled: Iterable[str] = ()) -> list[str]:
    """Length rules of the written content and gaps (a source without summary, a lone topic)."""
    notes: list[str] = []
    for slug, s in store.summaries.items():
        if len(s.short) > SHORT_MAX_CHARS:
            notes.append(
                T.NOTE_SHORT_TOO_LONG.format(slug=slug, chars=len(s.short), most=SHORT_MAX_CHARS)
            )
        count = len(s.full.split())
        if not SUMMARY_WORDS[0] <= count <= SUMMARY_WORDS[1]:
            notes.append(
                T.NOTE_SUMMARY_WORDS.format(
                    slug=slug, words=count, least=SUMMARY_WORDS[0], most=SUMMARY_WORDS[1]
                )
            )
        if not THESES_COUNT[0] <= len(s.theses) <= THESES_COUNT[1]:
            notes.append(
                T.NOTE_THESES_COUNT.format(
                    slug=slug, count=len(s.theses), least=THESES_COUNT[0], most=THESES_COUNT[1]
                )
            )
    for p in store.positions:
        count = len(split_sentences(p.text))
        if count > POSITION_MAX_SENTENCES:
            notes.append(
                T.NOTE_POSITION_SENTENCES.format(
                    topic=p.topic, source=p.source, count=count, most=POSITION_MAX_SENTENCES
                )
            )
    for slug in bundled:
        if slug not in store.summaries:
            notes.append(T.NOTE_NO_SUMMARY.format(slug=slug))
    used = {p.topic for p in store.positions}
    notes += [T.NOTE_TOPIC_UNUSED.format(slug=t.slug) for t in store.topics if t.slug not in used]
    return notes
