"""The registry of sources: ``content/sources.yaml`` plus readings added at run time."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from rapidfuzz import fuzz

from bot.core.models import Source
from bot.core.store import timestamp
from bot.core.text import normalize, words

if TYPE_CHECKING:
    from bot.config import Config
    from bot.core.store import Store

KINDS = ("article", "blog", "protocol")
REQUIRED = ("slug", "title", "author", "outlet", "date", "kind", "file", "sha256")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,60}$")


class CatalogError(ValueError):
    """A German message naming the file, the entry and the field."""


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _line_of(node_lines: dict[int, int], index: int) -> str:
    line = node_lines.get(index)
    return f", Zeile {line}" if line else ""


def load_sources_yaml(path: Path, seeds_dir: Path, check_hash: bool = True) -> list[Source]:
    """Parse and validate the source registry; raise CatalogError with a German message."""
    name = path.name
    try:
        raw_text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise CatalogError(f"{name}: Datei nicht gefunden ({path}).") from exc
    try:
        data = yaml.safe_load(raw_text)
        node = yaml.compose(raw_text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", Zeile {mark.line + 1}" if mark else ""
        raise CatalogError(f"{name}{where}: kein gültiges YAML ({exc}).") from exc
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise CatalogError(f"{name}: erwartet eine Liste unter dem Schlüssel 'sources'.")
    lines: dict[int, int] = {}
    if node is not None:
        for key, value in node.value:
            if key.value == "sources":
                lines = {i: item.start_mark.line + 1 for i, item in enumerate(value.value)}
    sources: list[Source] = []
    seen: set[str] = set()
    for i, entry in enumerate(data["sources"]):
        where = f"{name}{_line_of(lines, i)}, Eintrag {i + 1}"
        if not isinstance(entry, dict):
            raise CatalogError(f"{where}: Eintrag ist kein Schlüssel-Wert-Block.")
        slug = entry.get("slug")
        if slug:
            where += f" ({slug})"
        for field in REQUIRED:
            if entry.get(field) in (None, ""):
                raise CatalogError(f"{where}: Feld '{field}' fehlt.")
        if not SLUG.match(str(slug)):
            raise CatalogError(
                f"{where}: Feld 'slug' darf nur Kleinbuchstaben, Ziffern und '-' enthalten."
            )
        if slug in seen:
            raise CatalogError(f"{where}: Feld 'slug' ist doppelt vergeben.")
        seen.add(slug)
        if entry["kind"] not in KINDS:
            raise CatalogError(f"{where}: Feld 'kind' muss einer von {', '.join(KINDS)} sein.")
        date = entry["date"]
        if isinstance(date, str):
            try:
                date = dt.date.fromisoformat(date)
            except ValueError as exc:
                raise CatalogError(
                    f"{where}: Feld 'date' ist kein ISO-Datum (JJJJ-MM-TT)."
                ) from exc
        if not isinstance(date, dt.date):
            raise CatalogError(f"{where}: Feld 'date' ist kein ISO-Datum (JJJJ-MM-TT).")
        file = seeds_dir / str(entry["file"])
        if not file.is_file():
            raise CatalogError(f"{where}: Feld 'file': Datei {entry['file']} gibt es nicht.")
        if check_hash and sha256_file(file) != str(entry["sha256"]).lower():
            raise CatalogError(
                f"{where}: Feld 'sha256' passt nicht zur Datei {entry['file']} "
                "(Datei geändert? Prüfsumme neu eintragen)."
            )
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list):
            raise CatalogError(f"{where}: Feld 'aliases' muss eine Liste sein.")
        sources.append(
            Source(
                slug=str(slug),
                title=str(entry["title"]),
                author=str(entry["author"]),
                outlet=str(entry["outlet"]),
                date=date,
                kind=str(entry["kind"]),
                file=str(entry["file"]),
                sha256=str(entry["sha256"]).lower(),
                aliases=tuple(str(a) for a in aliases),
                description=str(entry.get("description") or ""),
                short=str(entry.get("short") or ""),
            )
        )
    return sources


def _to_row(source: Source) -> dict[str, str]:
    data = asdict(source)
    data["date"] = source.date.isoformat()
    data["aliases"] = list(source.aliases)
    return {"slug": source.slug, "data": json.dumps(data, ensure_ascii=False)}


def _from_row(row: dict[str, Any]) -> Source:
    data = json.loads(row["data"])
    data["date"] = dt.date.fromisoformat(data["date"])
    data["aliases"] = tuple(data.get("aliases") or ())
    return Source(**data)


class Catalog:
    """All sources: the bundled ones from sources.yaml and those added at run time."""

    def __init__(
        self,
        sources: list[Source],
        store: Store | None = None,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self.store = store
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._by_slug: dict[str, Source] = {s.slug: s for s in sources}
        self._bundled = {s.slug for s in sources}
        if store is not None:
            for row in store.db["added_sources"].rows:
                source = _from_row(row)
                self._by_slug.setdefault(source.slug, source)

    @classmethod
    def load(
        cls,
        config: Config,
        store: Store | None = None,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> Catalog:
        path = config.content_dir / "sources.yaml"
        return cls(load_sources_yaml(path, config.seeds_dir), store, clock)

    @property
    def sources(self) -> list[Source]:
        return list(self._by_slug.values())

    def get(self, slug: str) -> Source | None:
        return self._by_slug.get(slug)

    def is_bundled(self, slug: str) -> bool:
        return slug in self._bundled

    def path_of(self, source: Source, seeds_dir: Path) -> Path:
        path = Path(source.file)
        return path if path.is_absolute() else seeds_dir / path

    def add(self, source: Source) -> None:
        """Register a reading added at run time (persisted; call inside a transaction)."""
        if source.slug in self._by_slug:
            raise CatalogError(f"Eine Quelle mit dem Kürzel '{source.slug}' gibt es schon.")
        if self.store is not None:
            row = _to_row(source)
            row["added"] = timestamp(self.clock())
            self.store.db["added_sources"].insert(row)
        self._by_slug[source.slug] = source

    def update(self, source: Source) -> None:
        """Replace a run-time source's metadata (persisted; call inside a transaction).

        The in-memory entry changes only after the database write succeeded.
        """
        if source.slug not in self._by_slug or self.is_bundled(source.slug):
            raise CatalogError(f"Die Quelle '{source.slug}' kann nicht geändert werden.")
        if self.store is not None:
            row = _to_row(source)
            self.store.db["added_sources"].update(source.slug, {"data": row["data"]})
        self._by_slug[source.slug] = source

    def sync_added(self) -> bool:
        """Reload the run-time sources from the database (another process may have changed
        them, e.g. `jourfixe add` while the bot runs); True when anything changed."""
        if self.store is None:
            return False
        stored = {
            row["slug"]: _from_row(row)
            for row in self.store.db["added_sources"].rows
            if row["slug"] not in self._bundled
        }
        current = {slug: s for slug, s in self._by_slug.items() if slug not in self._bundled}
        if stored == current:
            return False
        for slug in set(current) - set(stored):
            del self._by_slug[slug]
        self._by_slug.update(stored)
        return True

    def remove(self, slug: str) -> Source | None:
        """Take a source out of the registry (a bundled one only until the next restart)."""
        source = self._by_slug.pop(slug, None)
        if source is not None and self.store is not None:
            self.store.db["added_sources"].delete_where("slug = ?", [slug])
        return source

    # -- matching what users type -------------------------------------------------------
    def names(self, source: Source) -> list[str]:
        """Everything a user might call a source: slug, title, author, aliases."""
        return [source.slug.replace("-", " "), source.title, source.author, *source.aliases]

    def resolve(self, text: str) -> list[Source]:
        """Sources matching a user's argument: [] none, [one] resolved, several ambiguous."""
        query = normalize(text).strip(" .,:;!?\"'")
        if not query:
            return []
        scored: list[tuple[float, Source]] = []
        for source in self.sources:
            best = 0.0
            for name in self.names(source):
                n = normalize(name)
                if query == n:
                    best = max(best, 100.0)
                elif len(query) >= 3 and (
                    query in words(n) or (" " in query and f" {query} " in f" {n} ")
                ):
                    best = max(best, 95.0)
                elif len(query) >= 4:
                    best = max(best, fuzz.ratio(query, n))
                    if len(n) > len(query) + 4:
                        best = max(best, fuzz.partial_ratio(query, n) - 8)
            if best >= 82:
                scored.append((best, source))
        if not scored:
            return []
        top = max(s for s, _ in scored)
        return [src for s, src in sorted(scored, key=lambda x: -x[0]) if s >= top - 2]
