"""Files that belong to database rows: written under a temporary name, renamed after commit.

A reading added at run time is a text file (and the original upload) plus rows in the
database. The files are first written completely (and flushed to disk) as ``<name>.part``;
only after the database transaction has committed are they renamed to their final names.
So a crash (or a full disk) at any moment leaves either nothing or ``.part`` files, and
:func:`clean_leftovers` at start deletes those that have no committed row — or finishes the
rename for those whose row did commit (a crash between the commit and the rename).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import Config
    from bot.core.store import Store

log = logging.getLogger(__name__)

PART = ".part"


def write_part(path: Path, data: bytes) -> Path:
    """Write ``data`` completely to ``<path>.part``; the final name must not exist yet.

    On any error (e.g. a full disk) the partial file is removed and the error re-raised.
    """
    if path.exists():
        raise FileExistsError(path)  # never overwrite a seed
    part = path.with_name(path.name + PART)
    try:
        with open(part, "xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return part


def part_of(path: Path) -> Path:
    return path.with_name(path.name + PART)


def finish(paths: list[Path]) -> None:
    """After the commit: give the ``.part`` files of ``paths`` their final names."""
    for path in paths:
        os.replace(part_of(path), path)


def discard(paths: list[Path]) -> None:
    """The transaction failed: remove what was written for ``paths``."""
    for path in paths:
        part_of(path).unlink(missing_ok=True)


def _referenced(store: Store, config: Config) -> set[Path]:
    """Final paths of every file a committed row refers to (text files and originals)."""
    names = set(store.db.table_names())
    refs: set[Path] = set()
    if "added_sources" not in names:
        return refs
    texts: dict[str, Path] = {}
    for slug, data in store.db.execute("SELECT slug, data FROM added_sources"):
        try:
            file = Path(json.loads(data)["file"])
        except (ValueError, KeyError, TypeError):
            continue
        path = file if file.is_absolute() else Path(config.seeds_dir) / file
        texts[slug] = path
        refs.add(path)
    if "reading_files" in names:
        for slug, original in store.db.execute("SELECT slug, original FROM reading_files"):
            if original and slug in texts:
                refs.add(texts[slug].with_name(original))
    return refs


def clean_leftovers(store: Store, config: Config) -> list[Path]:
    """At start: finish or delete ``.part`` files of interrupted writes; returns the deleted."""
    refs = {p.resolve() for p in _referenced(store, config)}
    folders = {Path(config.seeds_dir), Path(config.data_dir) / "readings"}
    folders |= {p.parent for p in refs}
    deleted: list[Path] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for part in folder.glob(f"*{PART}"):
            final = part.with_name(part.name[: -len(PART)])
            try:
                if final.resolve() in refs and not final.exists():
                    os.replace(part, final)  # its row committed: finish the rename
                    log.warning("finished an interrupted write: %s", final)
                else:
                    part.unlink()
                    deleted.append(part)
                    log.warning("removed the leftover of an interrupted write: %s", part)
            except OSError as exc:  # a read-only seeds folder: leave it, say so
                log.warning("could not tidy %s: %s", part, exc)
    return deleted
