"""The offline console: the same handlers, driven through stdin/stdout as plain text."""

from __future__ import annotations

import io
import logging
import os
import re
from pathlib import Path

import pytest

import bot.handlers  # noqa: F401  (registers every command)
from bot.config import Config
from bot.console import run_console
from bot.handlers.base import (
    COMMANDS,
    MESSAGE_HOOKS,
    Command,
    Document,
    OutMessage,
    Reply,
    Request,
)
from bot.handlers.format import html_to_text
from bot.services import Services

TAGS = re.compile(r"</?(b|i|u|s|code|pre|a|blockquote)\b[^>]*>")


def chat(lines: str, tmp_path: Path) -> tuple[int, str]:
    out = io.StringIO()
    code = run_console(
        Config(db_path=tmp_path / "t.db"),
        stdin=io.StringIO(lines),
        stdout=out,
        download_dir=tmp_path,
    )
    return code, out.getvalue()


def fake_command(name: str, func) -> Command:
    return Command(name, (), func, "Test", "Test", f"/{name}", f"/{name}")


def test_quote_in_the_console_is_plain_text(tmp_path: Path) -> None:
    code, out = chat("/zitat Karaganow\n1\n/ende\n", tmp_path)
    assert code == 0
    assert "TELEGRAM_BOT_TOKEN" in out and "jourfixe run" in out
    assert "Zitate zu „Karaganow“" in out
    quote_lines = [line for line in out.splitlines() if line.startswith("> ")]
    # three quotes on the first page, "[1] Weiter" shows the rest (both spellings of the name)
    assert len(quote_lines) > 3 and "Treffer 1–3 von" in out and "[1] Weiter" in out
    assert "(ersetzt die vorige Antwort)" in out and "Treffer 4–" in out
    assert all("Karagano" in line for line in quote_lines)
    assert "— Jour fixe vom 12.01.2026" in out
    assert not TAGS.search(out)
    assert "&lt;" not in out and "&amp;" not in out
    assert out.rstrip().endswith("Tschüss!")


def test_typing_a_number_presses_that_button(tmp_path: Path) -> None:
    _, first = chat("/zitat Trump\n", tmp_path)
    weiter = re.findall(r"\[(\d+)\] Weiter ▶", first)
    assert len(weiter) == 1
    assert "Treffer 1–3 von" in first
    # a second session on the same database: the stored query survives the restart
    _, out = chat(f"/zitat Trump\n{weiter[0]}\n", tmp_path)
    assert "Bot: (ersetzt die vorige Antwort)\nZitate zu „Trump“" in out
    assert "Treffer 4–6 von" in out
    assert re.search(r"\[\d+\] ◀ Zurück", out)
    assert not TAGS.search(out)


def test_bot_name_after_the_command_is_ignored(tmp_path: Path) -> None:
    _, plain = chat("/zitat Karaganow\n", tmp_path)
    _, addressed = chat("/zitat@jourfixe_bot Karaganow\n", tmp_path)
    assert addressed == plain


def test_questions_usage_unknown_commands_and_bad_numbers(tmp_path: Path) -> None:
    code, out = chat(
        "Was sagt die WSWS zum Alaska-Gipfel?\n/zitat\n/quatsch\n/\n42\n/zitat Trump\n99\n",
        tmp_path,
    )
    assert code == 0
    assert "Textstellen zu deiner Frage\nWas sagt die WSWS zum Alaska-Gipfel?" in out
    assert "So geht's: /zitat STICHWORT [QUELLE]\nBeispiel: /zitat Karaganow" in out
    assert "Den Befehl /quatsch kenne ich nicht. Was ich kann, zeigt /hilfe." in out
    assert "Das habe ich nicht verstanden. Was ich kann, zeigt /hilfe." in out
    assert "Unter der letzten Antwort gibt es keine Schaltflächen." in out
    assert re.search(r"Es gibt nur die Schaltflächen 1 bis \d+\.", out)
    assert out.rstrip().endswith("Tschüss!")  # EOF without /ende ends the chat too


def test_special_characters_are_shown_as_typed(tmp_path: Path) -> None:
    _, out = chat("/zitat <b>Tom</b> & *Jerry* _x_\n", tmp_path)
    assert "„<b>Tom</b> & *Jerry* _x_“" in out
    assert "&amp;" not in out and "&lt;" not in out


def test_a_failing_handler_gets_an_apology_and_the_chat_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(request: Request, services: Services) -> Reply:
        raise RuntimeError("kaputt")

    monkeypatch.setitem(COMMANDS, "kaputt", fake_command("kaputt", broken))
    code, out = chat("/kaputt\n/quellen\n", tmp_path)
    assert code == 0
    assert "Entschuldigung, da ist bei mir etwas schiefgegangen." in out
    assert "Traceback" not in out and "RuntimeError" not in out
    assert "Die Quellen des Lesekreises" in out


def test_neu_sends_a_local_file_as_attachment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    received: list[Request] = []

    def neu(request: Request, services: Services) -> Reply:
        received.append(request)
        if request.attachment is None:
            return Reply.text("kein Anhang")
        data = request.attachment.load()
        return Reply.text(f"erhalten: {request.attachment.file_name}, {len(data)} Bytes")

    monkeypatch.setitem(COMMANDS, "neu", fake_command("neu", neu))
    reading = tmp_path / "mein text.txt"
    reading.write_text("Ein Absatz über Karaganow.\n", encoding="utf-8")
    _, out = chat(f'/neu "{reading}" Titel: Test\n/neu /gibt/es/nicht.pdf\n', tmp_path)
    assert "erhalten: mein text.txt, 28 Bytes" in out
    assert "Die Datei /gibt/es/nicht.pdf finde ich nicht." in out
    assert len(received) == 1
    attachment = received[0].attachment
    assert attachment is not None
    assert attachment.mime_type == "text/plain"
    assert attachment.size == 28
    assert received[0].args == "Titel: Test"
    assert received[0].chat_type == "console" and received[0].is_admin


def test_documents_from_the_bot_are_saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def export(request: Request, services: Services) -> Reply:
        doc = Document("termine.ics", b"BEGIN:VCALENDAR\r\n", caption="<b>Termine</b>")
        return Reply(messages=[OutMessage(html="", document=doc)])

    monkeypatch.setitem(COMMANDS, "export", fake_command("export", export))
    (tmp_path / "termine.ics").write_bytes(b"alt")
    _, out = chat("/export\n", tmp_path)
    saved = tmp_path / "termine-1.ics"
    assert saved.read_bytes() == b"BEGIN:VCALENDAR\r\n"
    assert (tmp_path / "termine.ics").read_bytes() == b"alt"
    assert f"[Datei termine.ics, 17 Bytes – gespeichert unter {saved}]" in out
    assert "Termine\n[Datei" in out


def test_a_file_whose_text_is_its_caption_is_shown_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def export(request: Request, services: Services) -> Reply:
        doc = Document("termine.ics", b"BEGIN:VCALENDAR\r\n", caption="1 Termin &amp; mehr")
        return Reply(messages=[OutMessage(html="1 Termin &amp; mehr", document=doc)])

    monkeypatch.setitem(COMMANDS, "export", fake_command("export", export))
    _, out = chat("/export\n", tmp_path)
    assert out.count("1 Termin & mehr") == 1
    assert "[Datei termine.ics" in out


def test_html_to_text() -> None:
    html = (
        "<b>Zitate zu „a&lt;b &amp; c“</b>\nTreffer 1–1 von 1\n\n"
        "<b>1.</b> <blockquote>Erste Zeile\nzweite &gt; Zeile</blockquote>\n"
        "— <i>Titel</i>, Autor, 01.01.2025, Z. 3\n\n"
        '<a href="https://example.org/x">Quelle</a> und <code>/zitat x</code>'
    )
    assert html_to_text(html) == (
        "Zitate zu „a<b & c“\nTreffer 1–1 von 1\n\n"
        "1.\n> Erste Zeile\n> zweite > Zeile\n"
        "— Titel, Autor, 01.01.2025, Z. 3\n\n"
        "Quelle (https://example.org/x) und /zitat x"
    )


def test_message_hooks_come_before_the_question_search(tmp_path: Path) -> None:
    def hook(request: Request, services: Services) -> Reply | None:
        return Reply.text(f"Titel übernommen: {request.text}") if request.text == "Neu" else None

    MESSAGE_HOOKS.insert(0, hook)
    try:
        _, out = chat("Neu\nWas sagt Fazi?\n", tmp_path)
    finally:
        MESSAGE_HOOKS.remove(hook)
    assert "Titel übernommen: Neu" in out
    assert "Textstellen zu deiner Frage\nWas sagt Fazi?" in out


def test_start_failure_and_handler_errors_show_no_traceback_on_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import subprocess
    import sys

    blocked = tmp_path / "datei"
    blocked.write_text("kein Ordner")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "chat"],
        input="/hilfe\n",
        capture_output=True,
        text=True,
        env={**os.environ, "JOURFIXE_DB": str(blocked / "x.db"), "TELEGRAM_BOT_TOKEN": ""},
        timeout=120,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert result.returncode == 1
    assert "Der Bot konnte nicht starten" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr

    def broken(request: Request, services: Services) -> Reply:
        raise RuntimeError("kaputt")

    monkeypatch.setitem(COMMANDS, "kaputt", fake_command("kaputt", broken))
    with caplog.at_level(logging.INFO):
        _, out = chat("/kaputt\n", tmp_path)
    assert "jourfixe -v chat" in out
    shown = [r for r in caplog.records if r.levelno >= logging.WARNING and r.exc_info]
    assert shown == []  # the terminal's default level is WARNING
    assert any(r.exc_info for r in caplog.records)  # with -v the developer sees it
