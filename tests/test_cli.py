"""The command line: ask (text, JSON, JSON Lines), sources, index, help texts."""

import io
import json

import pytest

from bot.cli import build_parser, main


@pytest.fixture(autouse=True)
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("JOURFIXE_DB", str(tmp_path / "cli.db"))
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)


def test_ask_prints_source_citation_and_text(capsys):
    assert main(["ask", "Karaganow"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1. ") and "GS-Protokoll 12.01.2026, Z." in out and "Karagan" in out


def test_ask_json_has_the_documented_fields(capsys):
    assert main(["ask", "--json", "--limit", "2", "Sekundärsanktionen"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert 1 <= len(hits) <= 2
    for hit in hits:
        assert {"source", "title", "ref", "kind", "text", "score"} <= set(hit)
    assert "Sekundärsanktionen" in hits[0]["text"]


def test_ask_reads_json_lines_from_stdin(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Karaganow\nRezept für Apfelkuchen\n\n"))
    assert main(["ask"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    first, second, third = (json.loads(line) for line in lines)
    assert first and second == [] and third == []


def test_ask_corrects_a_misspelt_name(capsys):
    assert main(["ask", "Karraganoww"]) == 0
    first = capsys.readouterr().out.split("\n\n")[0]
    assert first.startswith("1. ") and "Karaganow" in first


def test_sources_lists_every_source(capsys):
    assert main(["sources"]) == 0
    out = capsys.readouterr().out
    for slug in ["frieden-von-unten", "protokoll-2026-01-12", "fazi-illusion", "wsws-alaska"]:
        assert slug in out


def test_index_rebuild(capsys):
    assert main(["index", "--rebuild"]) == 0
    assert "neu aufgebaut" in capsys.readouterr().out
    assert main(["index"]) == 0
    assert "aktuell" in capsys.readouterr().out


def test_every_subcommand_has_german_help():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, action in sub.choices.items():
        helps = [c.help for c in sub._choices_actions if c.dest == name]
        assert helps and helps[0], f"{name} has no help text"
        assert action.format_help()


def test_a_reader_that_stops_early_is_no_database_error(tmp_path) -> None:
    """`… | jourfixe ask | head -1`: the closed pipe ends the command quietly, without the
    German database advice it once printed (a closed pipe is an OSError)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "JOURFIXE_DB": str(tmp_path / "pipe.db"), "JOURFIXE_SEMANTIC": "0"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "ask"],  # JSON Lines, far more than a pipe holds
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdin and proc.stdout and proc.stderr
    proc.stdin.write(b"Russland und die Ukraine\n" * 300)
    proc.stdin.close()
    proc.stdout.read(1)  # one byte, then the reader goes away
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=120) == 0
    assert "Datenbank" not in err and "Traceback" not in err
