"""A database made by an earlier main still opens and works.

``fixtures/compat/main-2767770.sql`` is the ``sqlite3 .dump`` of a database that the code of
main at commit 2767770 wrote: a protocol imported with ``jourfixe protocol import``, a console
session with notes (one corrected, one deleted), a meeting, a biweekly series with a topic
override, reminder settings, stored paging queries and a reading added with ``jourfixe add``
(its text file beside the dump). The test loads the dump into a fresh file and uses it with
today's code: notes, protocol, schedule and search must all see the old data.
``fixtures/compat/main-130b023.sql`` is one of the main before the inbox kept replies (schema
version 4); see the last test.
"""

from __future__ import annotations

import io
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from bot import PROJECT_ROOT
from bot.cli import main as cli_main
from bot.config import Config
from bot.console import run_console

FIXTURE = Path(__file__).parent / "fixtures" / "compat"
USER_TABLES = (
    "added_sources",
    "reading_files",
    "note_sessions",
    "notes",
    "note_settings",
    "schedule_chats",
    "schedule_meetings",
    "schedule_overrides",
)


def _columns(db: Path) -> dict[str, str]:
    """The columns each user table has now (a migration may add columns, never drop one)."""
    conn = sqlite3.connect(db)
    try:
        return {
            t: ", ".join(f'"{r[1]}"' for r in conn.execute(f"PRAGMA table_info({t})"))
            for t in USER_TABLES
        }
    finally:
        conn.close()


def _rows(db: Path, columns: dict[str, str] | None = None) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db)
    cols = columns or dict.fromkeys(USER_TABLES, "*")
    try:
        return {
            t: sorted(conn.execute(f"SELECT {cols[t]} FROM {t}").fetchall()) for t in USER_TABLES
        }
    finally:
        conn.close()


@pytest.fixture
def old_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Config:
    """The old database loaded into a fresh file, the seeds plus the added reading's file."""
    db = tmp_path / "data" / "jourfixe.db"
    db.parent.mkdir()
    conn = sqlite3.connect(db)
    conn.executescript((FIXTURE / "main-2767770.sql").read_text(encoding="utf-8"))
    conn.close()
    seeds = tmp_path / "seeds"
    shutil.copytree(PROJECT_ROOT / "seeds", seeds)
    shutil.copy(FIXTURE / "005_e0e3aadfadcbc81b.txt", seeds)
    for key, value in {
        "JOURFIXE_DB": str(db),
        "JOURFIXE_DATA_DIR": str(tmp_path / "data"),
        "JOURFIXE_SEEDS": str(seeds),
    }.items():
        monkeypatch.setenv(key, value)
    return Config(db_path=db, data_dir=tmp_path / "data", seeds_dir=seeds, rate_limit=False)


def _chat(config: Config, lines: list[str], tmp_path: Path) -> str:
    out = io.StringIO()
    code = run_console(config, io.StringIO("\n".join(lines) + "\n"), out, tmp_path)
    assert code == 0
    return out.getvalue()


def test_an_old_database_opens_without_changing_the_stored_data(
    old_db: Config, tmp_path: Path
) -> None:
    columns = _columns(old_db.db_path)
    before = _rows(old_db.db_path, columns)
    _chat(old_db, ["/quellen"], tmp_path)
    assert _rows(old_db.db_path, columns) == before  # every old column, every old value


def test_old_notes_and_protocols_are_read_and_extended(old_db: Config, tmp_path: Path) -> None:
    out = _chat(
        old_db,
        [
            "/protokoll 12.01.2026",
            "/protokoll 01.12.2026",
            "/notizen Europa",
            "/papierkorb",
            "/sitzung start Neue Runde",
            "/notiz Eine Notiz in der alten Datenbank.",
        ],
        tmp_path,
    )
    assert "Jour fixe vom 12.01.2026" in out
    assert "— Du: Trump diktiert beiden Seiten die Bedingungen." in out
    assert "Offene Fragen\n• Was heißt Multipolarität bei Putin?" in out
    assert "Die Rolle Europas" in out
    assert "Diese Notiz wird gelöscht." in out  # the deleted note waits in the trash
    assert "✓ Beitrag #69 gespeichert." in out  # numbering continues after the old notes


def test_old_schedule_is_read(old_db: Config, tmp_path: Path) -> None:
    out = _chat(old_db, ["/termine", "/erinnerung"], tmp_path)
    assert "Weltordnung" in out  # the biweekly series from the old database
    assert "1 Tag, 1 Stunde" in out


def test_search_finds_old_sources_and_the_added_reading(old_db: Config, tmp_path: Path) -> None:
    out = _chat(
        old_db, ["/zitat Pufferzone", "/frage Was sagt Karaganow über Atomwaffen?"], tmp_path
    )
    assert "Moskau will eine Pufferzone" in out
    assert "Die Rückkehr der Großmächte" in out
    assert "Textstellen zu deiner Frage" in out and "Karaganow" in out


def test_protocol_export_cli_reads_the_imported_session(
    old_db: Config, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli_main(["protocol", "export", "0", "12.01.2026"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## **Jour fixe vom 12.01.2026 – Trumps Friedensplan für die Ukraine")


def test_new_writes_use_one_timestamp_form_beside_the_old_ones(
    old_db: Config, tmp_path: Path
) -> None:
    _chat(
        old_db,
        ["/sitzung start Neue Runde", "/notiz Neu.", "/termin 24.12. 19:00 Neu"],
        tmp_path,
    )
    one_form = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$")
    conn = sqlite3.connect(old_db.db_path)
    try:
        new_note = conn.execute("SELECT created_at FROM notes WHERE id > 68").fetchone()[0]
        new_meeting = conn.execute(
            "SELECT created_at FROM schedule_meetings WHERE topic = 'Neu'"
        ).fetchone()[0]
        old_meeting = conn.execute("SELECT created_at FROM schedule_meetings WHERE id = 1")
        old_meeting = old_meeting.fetchone()[0]
    finally:
        conn.close()
    assert one_form.match(new_note) and one_form.match(new_meeting)
    assert old_meeting == "2026-12-01T15:26:06+00:00"  # written by the old code, still read


# --- a database of main 130b023 (schema version 4: the inbox without tried/reply) -----------
# ``fixtures/compat/main-130b023.sql``: written by that code through the console (a session
# with one note, a meeting) and its Inbox class: one update handled, one still pending when
# the bot stopped ("/notiz Aus dem Posteingang" from user 4242).


async def test_a_version_4_database_opens_and_its_pending_update_is_answered(tmp_path):
    import dataclasses

    from fakebotapi import FakeBotAPI

    from bot.core import schema
    from bot.services import build_services
    from bot.tg.app import build_application

    db = tmp_path / "jourfixe.db"
    conn = sqlite3.connect(db)
    conn.executescript((FIXTURE / "main-130b023.sql").read_text(encoding="utf-8"))
    conn.close()
    before = _rows(db)
    with FakeBotAPI() as api:
        config = Config(db_path=db, data_dir=tmp_path / "data", rate_limit=False)
        config = dataclasses.replace(config, token=api.token, api_base_url=api.base_url)
        services = build_services(config)
        app = build_application(config, services, user_rate_limit=None)
        async with app:
            await app.start()
            try:
                call = await api.await_call("sendMessage", timeout=20)
            finally:
                await app.stop()
        services.store.close()
    assert call.chat_id == 4242 and "gespeichert" in call.text
    assert len(api.calls_to("sendMessage")) == 1  # the handled update is not answered again
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        notes = [r[0] for r in conn.execute("SELECT text FROM notes ORDER BY id")]
        pending = conn.execute("SELECT COUNT(*) FROM inbox WHERE done_at IS NULL").fetchone()
    finally:
        conn.close()
    assert notes == ["Vor dem Update notiert.", "Aus dem Posteingang"]
    assert pending[0] == 0
    after = _rows(db)
    assert after["schedule_meetings"] == before["schedule_meetings"]
    assert set(before["note_sessions"]) <= set(after["note_sessions"])  # + the new chat's
