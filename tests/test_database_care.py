"""A damaged database is repaired without losing user data; backup and restore (issue 13)."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
from helpers import html, send

import bot.handlers  # noqa: F401  (registers every command)
from bot.cli import main
from bot.config import Config
from bot.core import backup, repair
from bot.services import Services, build_services

INDEX = ("passages", "passages_fts_data", "passages_fts_content", "words")


def say(services: Services, line: str) -> str:
    reply = send(line, services, chat_id=-5, chat_type="supergroup", user_id=7, is_admin=True)
    return html(reply)


def user_data(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table that is not the search index."""
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            n: sorted(conn.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr)
            for n in names
            if not repair._is_index(n) and not n.startswith("sqlite_")
        }
    finally:
        conn.close()


def damage(path: Path, tables: tuple[str, ...], nbytes: int = 16384) -> None:
    """Overwrite ``nbytes`` of the file from the first page of ``tables`` on (as a disk fault).

    The same bytes every run: random ones once made a page SQLite still read (a flaky test);
    0xFF is no page type SQLite knows, so every damaged page is damaged for it."""
    conn = sqlite3.connect(path)
    pages = [r[0] for r in conn.execute(
        f"SELECT pageno FROM dbstat WHERE name IN ({','.join('?' * len(tables))}) "
        "ORDER BY pageno", tables)]  # fmt: skip
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    owned = set(pages)
    start = next(p for p in pages if all(p + i in owned for i in range(nbytes // size)))
    with open(path, "r+b") as fh:
        fh.seek((start - 1) * size)
        fh.write(b"\xff" * nbytes)


def unreadable(conn: sqlite3.Connection, tables: tuple[str, ...]) -> bool:
    """Whether reading every row of ``tables`` meets the damage in at least one of them.

    ``damage`` hits the first run of pages the tables own, and which table owns those pages
    varies with the build (once the FTS data, not ``passages``): asking only ``passages`` to
    fail made the test flaky."""
    for name in tables:
        try:
            conn.execute(f'SELECT * FROM "{name}"').fetchall()
        except sqlite3.DatabaseError:
            return True
    return False


@pytest.fixture
def filled(services: Services) -> Services:
    """Services with notes, a session and a meeting; the store is closed (WAL checkpointed)."""
    assert "Sitzung" in say(services, "/sitzung start Imperialismus")
    for i in range(30):
        say(services, f"/notiz Notiz Nummer {i} über Sanktionen und Verhandlungen")
    say(services, "/termin in 2 Wochen 19:30 Nächstes Treffen")
    services.store.close()
    return services


@pytest.fixture
def env(filled: Services, monkeypatch: pytest.MonkeyPatch) -> Config:
    config = filled.config
    monkeypatch.setenv("JOURFIXE_DB", str(config.db_path))
    monkeypatch.setenv("JOURFIXE_DATA_DIR", str(config.data_dir))
    return config


def test_rebuild_recovers_a_damaged_index_with_every_note_intact(env: Config, capsys) -> None:
    before = user_data(env.db_path)
    assert len(before["notes"]) == 30 and before["schedule_meetings"]
    damage(env.db_path, INDEX)
    conn = sqlite3.connect(env.db_path)
    assert repair.quick_check(conn)  # the damage is real
    assert unreadable(conn, INDEX)  # and a search would meet it
    conn.close()
    assert main(["index", "--rebuild"]) == 0
    out = capsys.readouterr().out
    assert "Die Datenbank war beschädigt" in out and "Index neu aufgebaut" in out
    assert user_data(env.db_path) == before
    assert repair.quick_check(sqlite3.connect(env.db_path)) == []
    assert list((env.data_dir / "backups").glob("beschaedigt-*.db"))
    services = build_services(env)
    assert services.search.search("Karaganow")
    assert "Notiz Nummer 7" in say(services, "/notizen Sanktionen")
    services.store.close()


def test_the_bot_repairs_a_damaged_index_at_start(env: Config) -> None:
    before = user_data(env.db_path)
    damage(env.db_path, INDEX)
    services = build_services(env)  # what `jourfixe run` does first
    assert services.search.search("Karaganow")
    services.store.close()
    assert user_data(env.db_path) == before


def test_damaged_notes_are_never_dropped(env: Config, capsys) -> None:
    damage(env.db_path, ("notes",), nbytes=4096)
    raw = env.db_path.read_bytes()
    assert main(["index", "--rebuild"]) == 1
    err = capsys.readouterr().err
    assert "auch die Tabelle „notes“" in err and "jourfixe restore" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert env.db_path.read_bytes() == raw  # nothing changed


def test_index_rebuild_of_a_healthy_database_keeps_everything(env: Config, capsys) -> None:
    before = user_data(env.db_path)
    conn = sqlite3.connect(env.db_path)
    assert not unreadable(conn, INDEX)
    conn.close()
    assert main(["index", "--rebuild"]) == 0
    assert "beschädigt" not in capsys.readouterr().out
    assert user_data(env.db_path) == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"Hallo, ich bin keine Datenbank." * 200, "ist keine SQLite-Datenbank"),
        (None, "beschädigt"),  # the real database, truncated
    ],
)
def test_a_broken_file_is_one_german_sentence(env: Config, capsys, content, expected) -> None:
    if content is None:
        data = env.db_path.read_bytes()
        content = data[: len(data) // 3]
    env.db_path.write_bytes(content)
    for ext in ("-wal", "-shm"):
        Path(f"{env.db_path}{ext}").unlink(missing_ok=True)
    assert main(["sources"]) == 1
    err = capsys.readouterr().err
    assert expected in err and "jourfixe restore" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_verbose_shows_the_traceback(env: Config, capsys) -> None:
    env.db_path.write_bytes(b"kaputt" * 1000)
    assert main(["-v", "sources"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err and "ist keine SQLite-Datenbank" in err


def test_database_errors_are_described_in_german(tmp_path: Path) -> None:
    config = Config(db_path=tmp_path / "j.db", data_dir=tmp_path)
    cases = {
        "attempt to write a readonly database": "schreibgeschützt",
        "unable to open database file": "lässt sich nicht öffnen",
        "database is locked": "gesperrt",
        "database or disk is full": "kein Platz",
    }
    for message, expected in cases.items():
        text = repair.describe(sqlite3.OperationalError(message), config)
        assert expected in text and str(config.db_path) in text
    denied = PermissionError(13, "Permission denied", str(tmp_path))
    assert "lässt sich nicht anlegen" in repair.describe(denied, config)


# --- backup and restore -------------------------------------------------------------------------


def test_backup_while_writing_is_consistent(services: Services, tmp_path: Path) -> None:
    """A writer keeps two tables in step; every backup taken meanwhile shows them in step."""
    store = services.store
    store.conn.execute("CREATE TABLE ledger (n INTEGER)")
    store.conn.execute("CREATE TABLE total (n INTEGER)")
    store.conn.execute("INSERT INTO total VALUES (0)")
    stop = threading.Event()

    def write() -> None:
        conn = sqlite3.connect(services.config.db_path, isolation_level=None)
        conn.execute("PRAGMA busy_timeout=5000")
        i = 0
        while not stop.is_set():
            i += 1
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO ledger VALUES (?)", [i])
            conn.execute("UPDATE total SET n = n + 1")
            conn.execute("COMMIT")
        conn.close()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        copies = [tmp_path / f"b{i}.db" for i in range(5)]
        for copy in copies:
            backup.backup(services.config.db_path, copy)
    finally:
        stop.set()
        writer.join()
    counts = []
    for copy in copies:
        conn = sqlite3.connect(copy)
        assert repair.quick_check(conn) == []
        ledger = conn.execute("SELECT COUNT(*) FROM ledger").fetchone()[0]
        assert conn.execute("SELECT n FROM total").fetchone()[0] == ledger
        counts.append(ledger)
        conn.close()
    # restore the last one over the live database: the same consistent state comes back
    backup.restore(copies[-1], services.config)
    conn = sqlite3.connect(services.config.db_path)
    assert conn.execute("SELECT COUNT(*) FROM ledger").fetchone()[0] == counts[-1]
    assert repair.quick_check(conn) == []


def test_backup_and_restore_commands(env: Config, tmp_path: Path, capsys) -> None:
    target = tmp_path / "sicherung.db"
    assert main(["backup", str(target)]) == 0
    assert "Sicherung geschrieben" in capsys.readouterr().out
    before = user_data(env.db_path)
    services = build_services(env)
    say(services, "/notiz Eine Notiz nach der Sicherung")
    services.store.close()
    assert user_data(env.db_path) != before
    assert main(["restore", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Wiederhergestellt aus" in out and "vor-wiederherstellung-" in out
    assert user_data(env.db_path) == before
    services = build_services(env)
    assert services.search.search("Karaganow")
    services.store.close()


def test_restore_refuses_what_is_not_a_backup(env: Config, tmp_path: Path, capsys) -> None:
    raw = env.db_path.read_bytes()
    junk = tmp_path / "urlaub.jpg"
    junk.write_bytes(b"\xff\xd8\xff" + b"x" * 5000)
    other = tmp_path / "fremd.db"
    sqlite3.connect(other).execute("CREATE TABLE x (y)").connection.commit()
    for path, words in ((junk, "keine lesbare"), (other, "keine Tabellen von jourfixe"),
                        (tmp_path / "fehlt.db", "gibt es nicht")):  # fmt: skip
        assert main(["restore", str(path)]) == 1
        err = capsys.readouterr().err
        assert words in err and "Traceback" not in err
    assert env.db_path.read_bytes() == raw


def test_backup_without_a_database_says_so(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("JOURFIXE_DB", str(tmp_path / "fehlt.db"))
    assert main(["backup", str(tmp_path / "b.db")]) == 1
    assert "gibt es noch keine Datenbank" in capsys.readouterr().err


def test_daily_backups_keep_the_last_seven_and_can_be_switched_off(services: Services) -> None:
    from dataclasses import replace

    config = services.config
    start = date(2026, 12, 1)
    for i in range(10):
        backup.rolling_backup(config, start + timedelta(days=i))
    assert backup.rolling_backup(config, start + timedelta(days=9)) is None  # once a day
    names = sorted(p.name for p in (config.data_dir / "backups").iterdir())
    assert names == [f"jourfixe-2026-12-{d:02d}.db" for d in range(4, 11)]
    off = replace(config, data_dir=config.data_dir / "aus", backup_days=0)
    assert backup.rolling_backup(off, start) is None
    assert not (off.data_dir / "backups").exists()
    assert Config.from_env({"JOURFIXE_BACKUP_DAYS": "0"}).backup_days == 0
    assert Config.from_env({}).backup_days == 7


def test_the_bots_daily_backup_never_stops_the_bot(services: Services, caplog) -> None:
    from dataclasses import replace

    from bot.tg.maintenance import backup_now

    backup_now(services)
    assert list((services.config.data_dir / "backups").glob("jourfixe-*.db"))
    blocked = services.config.data_dir / "gesperrt"
    blocked.write_text("eine Datei, kein Ordner")
    services.config = replace(services.config, data_dir=blocked)
    backup_now(services)  # must not raise
    assert "Die tägliche Sicherung ist fehlgeschlagen" in caplog.text


def test_a_read_only_database_is_one_german_sentence(env: Config, monkeypatch, capsys) -> None:
    from bot.core import store

    def read_only(cls, path):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(store.Store, "open", classmethod(read_only))
    assert main(["sources"]) == 1
    err = capsys.readouterr().err
    assert "schreibgeschützt" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_a_note_written_during_the_repair_is_kept(env: Config, monkeypatch) -> None:
    """The bot keeps writing while `index --rebuild` repairs: its latest rows are copied too."""
    damage(env.db_path, INDEX)
    build = repair._build

    def build_while_the_bot_writes(store, config):
        result = build(store, config)
        live = sqlite3.connect(env.db_path)
        live.execute("UPDATE notes SET text = 'während der Reparatur geändert' WHERE num = 3")
        live.commit()
        live.close()
        return result

    monkeypatch.setattr(repair, "_build", build_while_the_bot_writes)
    assert main(["index", "--rebuild"]) == 0
    conn = sqlite3.connect(env.db_path)
    texts = [r[0] for r in conn.execute("SELECT text FROM notes WHERE num = 3")]
    assert texts == ["während der Reparatur geändert"]
    assert repair.quick_check(conn) == []
