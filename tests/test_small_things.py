"""The small things a German user saw (issue 13): example dates, argparse, huge numbers,
protocol imports of the year 0000 or with a 2 MB note."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import press, send

import bot.handlers  # noqa: F401  (registers every command)
from bot.cli import main
from bot.core import dates
from bot.core.dates import ParseError
from bot.handlers.base import CALLBACKS, unique_commands
from bot.services import Services

BERLIN = ZoneInfo("Europe/Berlin")
HUGE = "99999999999999999999"


# --- example dates are computed from the clock ------------------------------------------------


@pytest.mark.parametrize("text", ["", "Quatsch", "31.02.2027", "gestern 19 Uhr", "x" * 200])
def test_example_dates_in_errors_never_lie_in_the_past(text: str) -> None:
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    with pytest.raises(ParseError) as caught:
        dates.parse_datetime(text, now, BERLIN)
    message = re.split(r"Beispiel|z\. B\.", str(caught.value), maxsplit=1)[1]  # not the input
    full = [date(int(y), int(m), int(d)) for d, m, y in
            re.findall(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b", message)]  # fmt: skip
    yearless = re.findall(r"\b(\d{1,2})\.(\d{1,2})\.(?!\d)", message)
    assert full or yearless, message  # every one of these messages shows an example
    assert all(d > now.date() for d in full), message
    assert "2026-01" not in message and "26.01.2026" not in message


def test_example_dates_follow_the_clock() -> None:
    assert dates.examples(date(2026, 12, 1))["example_date"] == "29.12.2026"
    assert dates.examples(date(2030, 6, 1))["example_numeric"] == "29.6.2030"


# --- the command line speaks German -----------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["frobnicate"], "„frobnicate“ gibt es nicht"),
        (["add"], "Es fehlt: DATEI"),
        (["sources", "zuviel"], "Diese Angaben kenne ich nicht: zuviel"),
        (["ask", "--limit", "viele", "x"], "„viele“ ist keine Zahl"),
        (["protocol", "import", "p.md", "--chat", str(2**70)], "keine gültige Chat-Nummer"),
        (["protocol", "import", "p.md", "--chat", "2**70"], "keine Chat-Nummer"),
        (["protocol", "export", HUGE, "12.01.2026"], "keine gültige Chat-Nummer"),
    ],
)
def test_usage_errors_are_german(argv: list[str], expected: str, capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert expected in err and "Fehler:" in err and err.startswith("Aufruf: jourfixe")
    assert not re.search(r"usage:|error:|required|invalid|arguments", err)


def test_help_is_german(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["-h"])
    out = capsys.readouterr().out
    assert "Aufruf:" in out and "diese Hilfe zeigen und beenden" in out and "Optionen:" in out
    assert "show this help" not in out and "usage:" not in out


# --- huge numbers -----------------------------------------------------------------------------


MEMBER = {"chat_id": -5, "chat_type": "supergroup", "user_id": 7, "is_admin": True}


def test_a_huge_number_in_the_restore_button_is_a_german_toast(services: Services) -> None:
    reply = press(f"nr:{HUGE}", services, **MEMBER)
    assert reply.toast and "Notiz" in reply.toast


def test_no_button_or_command_breaks_on_huge_numbers(services: Services) -> None:
    """Every registered button and command, fed numbers beyond SQLite's 64 bits."""
    shapes = [f"{HUGE}", f"1:{HUGE}", f"{HUGE}:{HUGE}", f"x:{HUGE}", f"-{HUGE}", f"r:{HUGE}",
              f"1:1:{HUGE}"]  # fmt: skip
    for prefix in CALLBACKS:
        for shape in shapes:
            reply = press(f"{prefix}:{shape}", services, **MEMBER)
            assert reply.toast or reply.messages, f"{prefix}:{shape}"
    for cmd in unique_commands():
        for args in (HUGE, f"#{HUGE}", f"{HUGE}.{HUGE}.{HUGE}", f"in {HUGE} Wochen"):
            send(f"/{cmd.name} {args}", services, **MEMBER)  # must not raise


# --- protocol import --------------------------------------------------------------------------


def _protocol(tmp_path: Path, title_date: str, note: str) -> Path:
    path = tmp_path / "protokoll.md"
    path.write_text(f"## **Jour fixe vom {title_date} – Test**\n\n— {note}\n", encoding="utf-8")
    return path


def _import(path: Path, tmp_path: Path, monkeypatch, capsys) -> tuple[int, str]:
    monkeypatch.setenv("JOURFIXE_DATA_DIR", str(tmp_path / "daten"))
    monkeypatch.delenv("JOURFIXE_DB", raising=False)
    code = main(["protocol", "import", str(path)])
    return code, capsys.readouterr().err


def test_protocol_import_refuses_the_year_0000(tmp_path, monkeypatch, capsys) -> None:
    code, err = _import(_protocol(tmp_path, "12.01.0000", "Ein Beitrag."), tmp_path,
                        monkeypatch, capsys)  # fmt: skip
    assert code == 1 and "Ungültiges Datum in der Titelzeile" in err
    code, err = _import(_protocol(tmp_path, "12.01.26", "Ein Beitrag."), tmp_path,
                        monkeypatch, capsys)  # fmt: skip
    assert code == 0  # two digits stay this century


def test_protocol_import_refuses_a_huge_note(tmp_path, monkeypatch, capsys) -> None:
    code, err = _import(_protocol(tmp_path, "12.01.2026", "Wort " * 400_000), tmp_path,
                        monkeypatch, capsys)  # fmt: skip
    assert code == 1 and "höchstens 1024 kB" in err and "nichts importiert" in err
    code, err = _import(_protocol(tmp_path, "12.01.2026", "Wort " * 1000 + "."), tmp_path,
                        monkeypatch, capsys)  # fmt: skip
    assert code == 1 and "5001 Zeichen lang, höchstens 4000" in err
    assert not (tmp_path / "daten" / "jourfixe.db").exists() or "Traceback" not in err
