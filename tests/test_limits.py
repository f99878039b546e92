"""Length limits hold after Unicode folding: one "㌖" is six letters to the search."""

from __future__ import annotations

import pytest
from helpers import html, send

from bot.cli import main
from bot.core.limits import folded_length
from bot.handlers.inline import inline_results

EXPANDING = "㌖"  # SQUARE KIROMEETORU: NFKC folds it to six characters


def test_folding_is_measured():
    assert folded_length(EXPANDING * 10) == 60


@pytest.mark.parametrize("command", ["/zitat", "/frage"])
def test_a_query_that_folds_too_long_is_refused_in_german(services, command):
    reply = html(send(f"{command} {EXPANDING * 200}", services))  # 200 typed, 1200 folded
    assert "zu lang zum Suchen (1200 Zeichen)" in reply


def test_a_notes_search_that_is_too_long_is_refused_in_german(services):
    reply = html(send("/notizen " + "Rüstung " * 40, services))
    assert "zu lang zum Suchen" in reply


def test_an_inline_query_that_folds_too_long_gets_no_results(services):
    assert inline_results(EXPANDING * 100, "", services) == ([], "")
    assert inline_results("Karaganow", "", services)[0]  # a normal one still works


def test_jourfixe_ask_refuses_an_overlong_question(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("JOURFIXE_DB", str(tmp_path / "cli.db"))
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    assert main(["ask", "Frieden " * 200]) == 2
    assert "Die Frage ist zu lang" in capsys.readouterr().err
