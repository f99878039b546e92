"""The library of readings: new texts stored, registered and indexed, all or nothing."""

from __future__ import annotations

import dataclasses
import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePath

from bot.core import files as filestore
from bot.core import worker  # module, not function: worker imports this package
from bot.core.catalog import Catalog
from bot.core.ingest import segment
from bot.core.limits import MAX_PASSAGES
from bot.core.models import Source
from bot.core.readings.extract import ReadingError, UnknownProtocolLayout, sha256
from bot.core.readings.metadata import Meta, guess_metadata, unique_slug
from bot.core.search import SearchEngine
from bot.core.store import Store, timestamp
from bot.core.text import words
from bot.texts import uploads as T

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AddResult:
    source: Source
    passages: int  # passages served (text, contributions, answers)
    kinds: dict[str, int]  # passage kind -> count
    file: Path  # the stored UTF-8 text (what the index and line numbers refer to)
    original: Path | None  # the upload as sent, when it differs from the stored text
    defaults: tuple[str, ...]  # German notes on defaulted metadata
    warnings: tuple[str, ...]  # German warnings (e.g. unknown protocol layout)
    fmt: str
    encoding: str


def _shingles(text: str, n: int = 6) -> set[int]:
    ws = words(text)
    return {hash(tuple(ws[i : i + n])) for i in range(max(0, len(ws) - n + 1))}


def _next_seed_number(dest: Path) -> int:
    numbers = [int(m.group(1)) for p in dest.glob("*") if (m := re.match(r"^(\d{3})_", p.name))]
    return max(numbers, default=-1) + 1


def ex_name(file_name: str) -> str:
    return PurePath(file_name).name or "Datei"


def written_content_files(content_dir: Path, slug: str) -> list[str]:
    """Content files (relative to content/) that refer to the source ``slug``.

    Read from disk, not from the loaded content: a summary written while the bot runs counts.
    """
    pattern = re.compile(
        rf"^\s*(?:-\s*)?source:\s*[\"']?{re.escape(slug)}[\"']?\s*(?:#.*)?$", re.M
    )
    found: list[str] = []
    for path in sorted([*content_dir.glob("*.y*ml"), *content_dir.glob("summaries/*.y*ml")]):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        # a summary names its source by its file name; "source:" is optional there
        named = path.parent.name == "summaries" and path.stem == slug
        if named or pattern.search(text):
            found.append(path.relative_to(content_dir).as_posix())
    return found


class ReadingLibrary:
    """The readings added at run time: add, remove, rename, and pick up other processes' changes.

    Files go to the seeds directory, the registry entry to the catalog, the passages to the
    index — all committed together or not at all.
    """

    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        search: SearchEngine,
        seeds_dir: Path,
        content_dir: Path,
        clock: Callable[[], datetime],
    ) -> None:
        self.store = store
        self.catalog = catalog
        self.search = search
        self.seeds_dir = seeds_dir
        self.content_dir = content_dir
        self.clock = clock
        # add, remove, update and sync change registry and index together; a sync from
        # another chat's question must not run between an add's write and its commit
        self._changing = threading.RLock()
        # told after a reading came or went (committed): the services refresh what they derive
        # from the whole library, such as the search's key-term expansion (bot.services)
        self.on_change: Callable[[], None] | None = None

    def _changed(self) -> None:
        if self.on_change is None:
            return
        try:
            self.on_change()
        except Exception:  # the change is committed; a stale extra must not undo its answer
            log.exception("refreshing after a change of the readings failed")

    def add(
        self,
        data: bytes,
        file_name: str,
        meta: Meta | None = None,
        dest_dir: Path | None = None,
        added_by: str = "",
    ) -> AddResult:
        """Extract, describe, store and index a new reading — all or nothing.

        The UTF-8 text goes to ``dest_dir`` (default: the seeds directory) as ``NNN_<hash>.txt``,
        the upload beside it when it differs. Source and passages are committed in one
        transaction; on any error the files are deleted again and registry and index are as
        before. Raises ReadingError (German message) when the reading is refused.
        """
        dest = Path(dest_dir) if dest_dir is not None else self.seeds_dir
        ex = worker.extract_isolated(data, file_name)  # a child process with time/memory limits
        today = self.clock().date()
        guessed = guess_metadata(ex, file_name, today, meta)
        m = guessed.meta
        taken = {s.slug for s in self.catalog.sources}
        if meta is not None and meta.slug:
            if meta.slug in taken:
                raise ReadingError(T.SLUG_TAKEN.format(slug=meta.slug))
            slug = meta.slug
        else:
            slug = unique_slug(m.slug or "text", taken)
        duplicate = self.find_duplicate(data, ex.text)
        if duplicate is not None:
            source, exact = duplicate
            template = T.DUPLICATE if exact else T.DUPLICATE_NEAR
            raise ReadingError(template.format(title=source.title, slug=source.slug))
        kind = m.kind or "article"
        warnings_: list[str] = []
        passages = segment(ex.text, slug, kind)
        # a protocol PDF with numbered lines is a known layout even when nobody contributed
        known = ex.numbered or any(p.kind == "contribution" for p in passages)
        if kind == "protocol" and not known:
            if meta is None or meta.kind != "protocol":
                # refuse, so nothing lands half-understood in the index
                raise UnknownProtocolLayout(
                    T.PROTOCOL_UNKNOWN_LAYOUT.format(name=ex_name(file_name))
                )
            # the user (or the session notes) said "protocol" explicitly: take it, with a warning
            warnings_.append(T.PROTOCOL_FORCED_UNKNOWN_LAYOUT)
        served = [p for p in passages if p.kind not in ("heading", "debris")]
        if not served:
            raise ReadingError(T.NO_PASSAGES.format(name=PurePath(file_name).name))
        if len(passages) > MAX_PASSAGES:
            raise ReadingError(
                T.TOO_MANY_PASSAGES.format(
                    name=PurePath(file_name).name,
                    count=f"{len(passages):,}".replace(",", "."),
                    limit=f"{MAX_PASSAGES:,}".replace(",", "."),
                )
            )

        text_bytes = ex.text.encode("utf-8")
        text_hash = sha256(text_bytes)
        in_seeds = dest.resolve() == self.seeds_dir.resolve()
        written: list[Path] = []
        source: Source | None = None
        try:
            dest.mkdir(parents=True, exist_ok=True)
            stem = f"{_next_seed_number(dest):03d}_{text_hash[:16]}"
            text_path = dest / f"{stem}.txt"
            original_path = None
            if text_bytes != data:
                original_path = dest / f"{stem}.orig{PurePath(file_name).suffix.lower()}"
            source = Source(
                slug=slug,
                title=m.title or T.UNTITLED,
                author=m.author or T.UNKNOWN_AUTHOR,
                outlet=m.outlet or "",
                date=m.date or today,
                kind=kind,
                file=text_path.name if in_seeds else str(text_path.resolve()),
                sha256=text_hash,
            )
            # complete files under a temporary name, renamed only after the commit
            written.append(text_path)
            filestore.write_part(text_path, text_bytes)
            if original_path is not None:
                written.append(original_path)
                filestore.write_part(original_path, data)
            # the expensive analysis runs before the write lock is taken (other chats write)
            prepared = self.search.prepare_source(source, ex.text, passages)
            with self._changing:
                with self.store.transaction() as db:
                    self.catalog.add(source)
                    indexed = self.search.store_prepared(prepared, reload=False)
                    db["reading_files"].insert(
                        {"slug": slug, "file_sha256": sha256(data), "text_sha256": text_hash,
                         "original": str(original_path.name) if original_path else "",
                         "fmt": ex.fmt, "added_by": added_by,
                         "added_at": timestamp(self.clock())},
                    )  # fmt: skip
                self.search.reload()  # after the commit: the write lock is free again
        except Exception as exc:
            if source is not None:
                self._compensate(source)
            filestore.discard(written)
            if isinstance(exc, ReadingError):
                raise
            failed = isinstance(exc, OSError) and exc.strerror
            detail = exc.strerror if failed else type(exc).__name__
            raise ReadingError(T.STORE_FAILED.format(detail=detail)) from exc
        try:
            filestore.finish(written)
        except OSError as exc:  # committed: the next start finishes the rename (clean_leftovers)
            log.error("could not rename the files of %s: %s", slug, exc)
        self._changed()
        kinds: dict[str, int] = {}
        for p in indexed:
            kinds[p.kind] = kinds.get(p.kind, 0) + 1
        return AddResult(
            source=source,
            passages=sum(1 for p in indexed if p.kind not in ("heading", "debris")),
            kinds=kinds,
            file=text_path,
            original=original_path,
            defaults=guessed.defaults,
            warnings=tuple(warnings_),
            fmt=ex.fmt,
            encoding=ex.encoding,
        )

    def find_duplicate(self, data: bytes, text: str) -> tuple[Source, bool] | None:
        """An existing source with the same bytes or text (exact) or nearly the same words.

        Returns (source, exact) or None. Near copies (a PDF of a text already there as .txt)
        are found by 6-word shingles: 80 % of the shingles of both texts shared.
        """
        file_hash, text_hash = sha256(data), sha256(text.encode())
        by_slug = {s.slug: s for s in self.catalog.sources}
        for s in by_slug.values():
            if s.sha256 in (file_hash, text_hash):
                return s, True
        for row in self.store.db["reading_files"].rows:  # uploads: original and stored text
            known = (row["file_sha256"], row["text_sha256"])
            if (file_hash in known or text_hash in known) and row["slug"] in by_slug:
                return by_slug[row["slug"]], True
        # 80 % of the shingles of both texts shared needs texts of similar length: compare
        # only those (a rough word count, with a wide margin), and shingle nothing otherwise
        size = len(text.split())
        candidates = []
        for s in by_slug.values():
            old_text = "\n".join(p.text for p in self.search.passages_of(s.slug))
            old_size = len(old_text.split())
            if old_size and min(size, old_size) >= 0.6 * max(size, old_size):
                candidates.append((s, old_text))
        if not candidates:
            return None
        new = _shingles(text)
        if len(new) < 20:
            return None
        for s, old_text in candidates:
            old = _shingles(old_text)
            if old and len(new & old) >= 0.8 * max(len(new), len(old)):
                return s, False
        return None

    def _compensate(self, source: Source) -> None:
        """After a rolled-back add: drop what the in-memory catalog and index still hold."""
        if self.catalog.get(source.slug) is not source:
            return  # never registered (or the slug belongs to another source: leave it alone)
        self.catalog.remove(source.slug)
        try:
            self.search.remove_source(source.slug)  # reloads the index from the database
        except Exception:  # the database is already as before
            pass

    def remove(self, slug: str) -> Source:
        """Take a reading out of the registry and the index; its files stay on disk."""
        source = self.catalog.get(slug)
        if source is None:
            raise ReadingError(T.NOT_FOUND.format(slug=slug))
        if self.catalog.is_bundled(slug):
            raise ReadingError(T.BUNDLED.format(slug=slug, title=source.title))
        files = written_content_files(self.content_dir, slug)
        if files:
            # the content files would name a source that no longer exists: the bot would not start
            raise ReadingError(
                T.HAS_WRITTEN_CONTENT.format(title=source.title, slug=slug, files=", ".join(files))
            )
        with self._changing, self.store.transaction() as db:
            self.catalog.remove(slug)
            self.search.remove_source(slug)
            db["reading_files"].delete_where("slug = ?", [slug])
        self._changed()
        return source

    def update(self, slug: str, **changes: str) -> Source:
        """Change title or author of a reading added at run time (committed before returning)."""
        old = self.catalog.get(slug)
        if old is None:
            raise ReadingError(T.NOT_FOUND.format(slug=slug))
        if self.catalog.is_bundled(slug):
            raise ReadingError(T.BUNDLED.format(slug=slug, title=old.title))
        new = dataclasses.replace(old, **changes)
        try:
            with self._changing, self.store.transaction():
                self.catalog.update(new)
        except Exception as exc:  # rolled back; the in-memory entry changes only after the write
            raise ReadingError(T.STORE_FAILED.format(detail=type(exc).__name__)) from exc
        return new

    def sync(self) -> bool:
        """Pick up readings that another process (``jourfixe add``/``remove``) changed.

        The running bot keeps the registry and the index in memory; the CLI writes to the same
        database. One small query compares the run-time sources in the database with those in
        memory; only when they differ is the index reloaded too. True if anything changed.
        """
        with self._changing:
            if not self.catalog.sync_added():
                return False
            self.search.reload()
        self._changed()
        return True
