"""Length limits hold after Unicode folding: one "㌖" is six letters to the search."""

from __future__ import annotations

import time

import pytest
from fixtures.hostile import MESSAGE_PIECES, MESSAGE_PREFIXES
from helpers import html, send
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


# --- any message a chat can send, through the whole handler path (issue 12) ------------------
# Telegram delivers at most 4096 characters; the alphabet mixes letters whose folding expands,
# umlauts, FTS syntax, emoji and long compounds. A generous bound catches the quadratic
# blow-ups this guards against (60 s before); the 200 ms target is measured by
# bench/bench_inputs.py on the same inputs, next to a plain question as its baseline.
_PIECES = st.sampled_from(MESSAGE_PIECES)
_PREFIXES = st.sampled_from(MESSAGE_PREFIXES)
HANDLER_BOUND = 1.0  # seconds: generous; the target (200 ms) is the bench's


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(prefix=_PREFIXES, parts=st.lists(_PIECES, max_size=1200))
def test_any_message_up_to_telegrams_limit_gets_a_german_answer_in_bounded_time(
    services, prefix, parts
):
    text = (prefix + "".join(parts))[:4096]
    send("/zitat Frieden", services)  # dictionaries loaded before timing
    start = time.perf_counter()
    reply = send(text, services, chat_type="group", chat_id=-100_4242)
    elapsed = time.perf_counter() - start
    assert elapsed < HANDLER_BOUND, f"{elapsed:.2f} s for {text[:80]!r}"
    if prefix.startswith("/"):  # a command always answers, in German
        assert reply.messages and all(m.html or m.document for m in reply.messages)
