"""A damaged database: detection at start, repair of the search index, German error texts.

The search index (``passages``, ``passages_fts`` and its shadow tables, ``words``,
``index_meta``) is derived from the stored sources and can always be rebuilt. Everything else
(notes, sessions, meetings, added readings, settings) is the users' data and is never dropped.

Repair, when the database is damaged: every table except the index is copied row by row into
a fresh file; if any of them cannot be read completely, nothing is changed and the user is
told to restore a backup. Otherwise the index is built in the fresh file, the damaged file is
kept as a copy in the backup folder, and the fresh database is written over the live one with
SQLite's backup API (same file, so a running process keeps a valid handle).
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bot.core.catalog import Catalog
from bot.core.search import SearchEngine
from bot.core.store import Store
from bot.texts import database as T

if TYPE_CHECKING:
    from bot.config import Config

log = logging.getLogger(__name__)

INDEX_TABLES = ("passages_fts", "passages", "words", "index_meta")
_INDEX_PREFIXES = ("passages_fts_",)


class DatabaseProblem(Exception):
    """A database error as one German sentence with what to do (``str(err)``)."""


@dataclass(frozen=True)
class Rebuilt:
    passages: int
    sources: int
    seconds: float
    damaged_copy: Path | None = None  # set when the database was damaged and repaired


def backups_dir(config: Config) -> Path:
    """Where the daily backups and copies of damaged databases go."""
    return Path(config.data_dir) / "backups"


def describe(exc: BaseException, config: Config) -> str:
    """One German sentence for a database error, saying what to do."""
    if isinstance(exc, DatabaseProblem):
        return str(exc)
    path, backups = Path(config.db_path), backups_dir(config)
    if isinstance(exc, sqlite3.Error):
        msg = str(exc).lower()
        for needles, template in (
            (("not a database", "encrypted"), T.NOT_A_DATABASE),
            (("malformed", "corrupt"), T.DAMAGED),
            (("readonly", "read-only", "read only"), T.READ_ONLY),
            (("unable to open",), T.CANNOT_OPEN),
            (("locked", "busy"), T.LOCKED),
            (("full",), T.DISK_FULL),
        ):
            if any(n in msg for n in needles):
                return template.format(path=path, backups=backups)
        return T.OTHER.format(path=path, backups=backups, detail=exc)
    if isinstance(exc, OSError):
        name = Path(exc.filename) if exc.filename else None
        if name is None or name in (path, path.parent) or name in path.parents:
            return T.DIR_FAILED.format(path=path.parent, detail=exc.strerror or exc)
        return T.FILE_FAILED.format(path=name, detail=exc.strerror or exc)
    return T.OTHER.format(path=path, backups=backups, detail=exc)


def quick_check(conn: sqlite3.Connection) -> list[str]:
    """``PRAGMA quick_check``: [] when the file is sound, else what SQLite found."""
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [str(r[0]) for r in rows if r[0] != "ok"]


def check_at_start(store: Store, config: Config) -> Path | None:
    """Run the quick check; repair a damaged index (see the module docstring).

    Returns the copy of the damaged file when a repair happened, else None. Raises
    :class:`DatabaseProblem` when the users' own data is damaged too.
    """
    problems = quick_check(store.conn)
    if not problems:
        return None
    log.warning("database %s failed the quick check: %s", config.db_path, "; ".join(problems[:3]))
    result = _salvage(store, config)
    log.warning(T.REPAIRED_AT_START.format(copy=result.damaged_copy))
    return result.damaged_copy


def rebuild_index(store: Store, config: Config) -> Rebuilt:
    """``jourfixe index --rebuild``: recreate the search index, repairing a damaged file."""
    t0 = time.perf_counter()
    if not quick_check(store.conn):
        try:
            passages, sources = _build(store, config)  # one transaction: the old index until then
        except sqlite3.DatabaseError as exc:
            log.warning("rebuilding in place failed (%s); copying the data instead", exc)
        else:
            if not quick_check(store.conn):
                return Rebuilt(passages, sources, time.perf_counter() - t0)
    result = _salvage(store, config)
    return Rebuilt(result.passages, result.sources, time.perf_counter() - t0, result.damaged_copy)


def _build(store: Store, config: Config) -> tuple[int, int]:
    catalog = Catalog.load(config, store)
    engine = SearchEngine(store, catalog)
    engine.ensure_index(config.seeds_dir, force=True)
    return len(engine), len(catalog.sources)


def _is_index(name: str) -> bool:
    return name in INDEX_TABLES or name.startswith(_INDEX_PREFIXES)


def _salvage(store: Store, config: Config) -> Rebuilt:
    """Copy the users' tables into a fresh file, build the index there, write it back."""
    t0 = time.perf_counter()
    path = Path(config.db_path)
    fresh = path.with_name(path.name + ".reparatur")
    _remove_db_files(fresh)
    try:
        tables = _copy_user_tables(path, fresh, config)
        new = Store.open(fresh)
        try:
            passages, sources = _build(new, config)
            if quick_check(new.conn):
                raise DatabaseProblem(T.DAMAGED.format(path=path, backups=backups_dir(config)))
            copy = _keep_damaged_copy(path, config)
            # rows written meanwhile (a running bot) are copied again right before writing back
            _recopy(new.conn, path, tables, config)
            new.conn.backup(store.conn)  # page by page over the live file
        finally:
            new.close()
    finally:
        _remove_db_files(fresh)
    return Rebuilt(passages, sources, time.perf_counter() - t0, copy)


def _recopy(conn: sqlite3.Connection, source: Path, tables: list[str], config: Config) -> None:
    """Replace the rows of the users' (plain) tables with the live file's current ones."""
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("ATTACH DATABASE ? AS old", (str(source),))
    sequence = (
        conn.execute(
            "SELECT COUNT(*) FROM main.sqlite_master WHERE name = 'sqlite_sequence'"
        ).fetchone()[0]
        and conn.execute(
            "SELECT COUNT(*) FROM old.sqlite_master WHERE name = 'sqlite_sequence'"
        ).fetchone()[0]
    )
    try:
        conn.execute("BEGIN")
        for name in [*tables, *(["sqlite_sequence"] if sequence else [])]:
            try:
                conn.execute(f'DELETE FROM main."{name}"')
                conn.execute(f'INSERT INTO main."{name}" SELECT * FROM old."{name}"')
            except sqlite3.DatabaseError as exc:
                conn.execute("ROLLBACK")
                problem = T.USER_TABLE_DAMAGED.format(
                    path=source, table=name, backups=backups_dir(config)
                )
                raise DatabaseProblem(problem) from exc
        conn.execute("COMMIT")
    finally:
        conn.execute("DETACH DATABASE old")
        conn.execute("PRAGMA foreign_keys=ON")


def _copy_user_tables(source: Path, target: Path, config: Config) -> list[str]:
    """Create every table but the index in ``target`` and copy its rows; the plain tables."""
    conn = sqlite3.connect(str(target), isolation_level=None)
    try:
        conn.execute("ATTACH DATABASE ? AS old", (str(source),))
        try:
            page_size = conn.execute("PRAGMA old.page_size").fetchone()[0]
            conn.execute(f"PRAGMA main.page_size = {int(page_size)}")  # the backup needs it
            objects = conn.execute(
                "SELECT type, name, tbl_name, sql FROM old.sqlite_master ORDER BY rowid"
            ).fetchall()
            user_version = conn.execute("PRAGMA old.user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise DatabaseProblem(
                T.NOT_A_DATABASE.format(path=source, backups=backups_dir(config))
            ) from exc
        virtual = {
            name for kind, name, _tbl, sql in objects
            if kind == "table" and (sql or "").upper().startswith("CREATE VIRTUAL")
        }  # fmt: skip

        def skipped(name: str) -> bool:
            shadow = any(name.startswith(f"{v}_") for v in virtual)
            return name.startswith("sqlite_") or _is_index(name) or shadow

        conn.execute("BEGIN")
        plain: list[str] = []
        for kind, name, _tbl, sql in objects:
            if kind != "table" or skipped(name) or not sql:
                continue
            if name not in virtual:
                plain.append(name)
            try:
                conn.execute(sql)
                if name in virtual:
                    cols = ", ".join(
                        f'"{r[1]}"' for r in conn.execute(f'PRAGMA main.table_info("{name}")')
                    )
                    conn.execute(
                        f'INSERT INTO main."{name}"(rowid, {cols}) '
                        f'SELECT rowid, {cols} FROM old."{name}"'
                    )
                else:
                    conn.execute(f'INSERT INTO main."{name}" SELECT * FROM old."{name}"')
            except sqlite3.DatabaseError as exc:
                conn.execute("ROLLBACK")
                log.error("table %s cannot be copied: %s", name, exc)
                raise DatabaseProblem(
                    T.USER_TABLE_DAMAGED.format(
                        path=source, table=name, backups=backups_dir(config)
                    )
                ) from exc
        for kind, _name, tbl, sql in objects:
            if kind in ("index", "trigger", "view") and sql and not skipped(tbl):
                conn.execute(sql)
        has_sequence = conn.execute(
            "SELECT 1 FROM main.sqlite_master WHERE name = 'sqlite_sequence'"
        ).fetchone()
        if has_sequence and any(name == "sqlite_sequence" for _k, name, _t, _s in objects):
            conn.execute("DELETE FROM main.sqlite_sequence")
            conn.execute("INSERT INTO main.sqlite_sequence SELECT * FROM old.sqlite_sequence")
        conn.execute(f"PRAGMA main.user_version = {int(user_version)}")
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE old")
    finally:
        conn.close()
    return plain


def _keep_damaged_copy(path: Path, config: Config) -> Path:
    """The damaged file (and its write-ahead log) as they were, in the backup folder."""
    folder = backups_dir(config)
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / f"beschaedigt-{datetime.now():%Y-%m-%d-%H%M%S}.db"
    shutil.copyfile(path, copy)
    wal = path.with_name(path.name + "-wal")
    if wal.is_file():
        shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
    return copy


def _remove_db_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
