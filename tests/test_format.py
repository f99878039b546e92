"""Splitting long replies the way Telegram counts: visible text, UTF-16, valid HTML per part."""

import pytest
from fakebotapi import parse_html

from bot.handlers.format import split_message, visible_length

LONG = [
    "<blockquote>"
    + "Ein Satz über Europa &amp; die USA. " * 400
    + "</blockquote>\n— <i>Quelle</i>",
    "<i>" + "🙂 Notiz mit Emoji " * 600 + "</i>",  # emoji count twice in Telegram's limit
    "\n\n".join("<b>Absatz</b> " + "x" * 300 for _ in range(40)),
    "<blockquote><i>" + "Wort " * 3000 + "</i></blockquote>",
    "a" * 10_000,
]


@pytest.mark.parametrize("text", LONG)
def test_every_part_fits_and_is_valid_html(text):
    parts = split_message(text)
    assert len(parts) > 1
    for part in parts:
        assert visible_length(part) <= 4096 and len(part) <= 4096
        parse_html(part)  # raises like Telegram on unbalanced tags or bare '&'


def test_emoji_count_twice():
    assert visible_length("🙂") == 2
    assert visible_length("<b>a&amp;b</b>") == 3


def test_short_text_is_one_part_and_unchanged():
    assert split_message("<b>kurz</b>\n\nzweiter Absatz") == ["<b>kurz</b>\n\nzweiter Absatz"]


def test_paragraph_boundaries_are_kept():
    paras = [f"Absatz {i}: " + "Text " * 150 for i in range(20)]
    parts = split_message("\n\n".join(paras))
    assert all(p.startswith("Absatz ") for p in parts)
    assert "\n\n".join(parts).split("\n\n") == paras
