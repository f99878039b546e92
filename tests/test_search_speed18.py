"""The speed pass of round 18 changes how the engine computes, never what it answers: the same
words, the same term counts, the garbage collector left as it was found."""

import gc
import re
import string
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from bot.core.search import _collector_paused, _tf
from bot.core.text import WORD, tokenize

ASCII = string.printable + "\x00\x7f"


@given(st.text(alphabet=ASCII, max_size=200))
def test_ascii_text_is_cut_into_the_words_the_regex_finds(text: str) -> None:
    # (no thousands separators here: tokenize drops the dot of "50.000" before cutting)
    text = re.sub(r"(?<=\d)\.(?=\d)", " ", text)
    assert WORD.findall(text.lower().replace("*", "")) == tokenize(text)  # ("*": emphasis)


def test_german_text_is_cut_into_its_words_as_before() -> None:
    text = "Die Präsidentenlimousine fuhr um 12:30 Uhr vor; 50.000 Zuschauer (ca.) – „na ja“!"
    assert [
        "die", "praesidentenlimousine", "fuhr", "um", "12", "30", "uhr", "vor", "50000",
        "zuschauer", "ca", "na", "ja",
    ] == tokenize(text)  # fmt: skip


def test_term_counts_are_the_counts_and_the_collector_does_not_walk_them() -> None:
    tf, stems = _tf("frieden plan frieden krieg", "plan teil frieden")
    assert Counter({"frieden": 2, "plan": 1, "krieg": 1, "\x00len": 4, "teil": 1}) == tf
    assert ("frieden", "plan", "frieden", "krieg") == stems
    assert not gc.is_tracked(tf)  # a Counter (a dict subclass) is always tracked


def test_the_collector_is_paused_inside_and_left_as_it_was_found() -> None:
    was_on = gc.isenabled()
    try:
        gc.enable()
        with _collector_paused():
            assert not gc.isenabled()
        assert gc.isenabled()
        gc.disable()
        with _collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # off stays off
    finally:
        if was_on:
            gc.enable()
        else:
            gc.disable()


def test_the_collector_comes_back_when_the_build_fails() -> None:
    assert gc.isenabled()
    try:
        with _collector_paused():
            raise ValueError("Der Text enthält keine Absätze.")
    except ValueError:
        pass
    assert gc.isenabled()
