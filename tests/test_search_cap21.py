"""A photo caption in sentences is a passage like the text's own (issue 11, round 21, cap21).

- ``captions``: a debris passage (kept out of the vocabulary: a caption, a source line, a book
  promoted under the article) that is written in sentences — a photo caption saying who met
  whom, when and where — is a candidate of every search, ranked like the text's paragraphs.
  Before, it was served only to a message the off-topic judgement had emptied.

Invented text (not the seeds), each message run with the mechanism on (the bot's options) and
switched off.
"""

from __future__ import annotations

import pytest
from invented import FILLER, STRIKE_OPENING, one_text_engine

from bot.core.search import SearchEngine, SearchOptions, _in_sentences

CAPTION = (
    "Die Senatorin trifft die Streikleitung am 3. Mai 2025 im Klinikum Nord in Hamburg-Barmbek."
)
# debris that is no sentence: a byline, a source line
BYLINE = "3. Mai 2025 | Anna Autorin"
SOURCE_LINE = "Aus: Hamburger Klinikzeitung, Ausgabe Mai,"
STRIKE = [
    *STRIKE_OPENING,
    "Die Senatorin lehnt ein Treffen mit der Streikleitung zunächst ab.",
    "Später trifft die Senatorin die Streikleitung doch, ein Ergebnis gibt es nicht.",
]


def _engine(options: SearchOptions) -> SearchEngine:
    page = [("debris", CAPTION), ("debris", BYLINE), *STRIKE, *FILLER, ("debris", SOURCE_LINE)]
    return one_text_engine(page, options)


def _ids(engine: SearchEngine, message: str) -> list[str]:
    return [h.passage.id for h in engine.search(message, limit=3)]


@pytest.mark.parametrize(
    ("message", "first"),
    [
        ("wann war das treffen der senatorin mit der streikleitung", True),
        ("wo genau hat die senatorin die streikleitung getroffen", False),  # among the three
    ],
)
def test_a_caption_answers_where_and_when(message: str, first: bool) -> None:
    on = _ids(_engine(SearchOptions()), message)
    assert "streik:1" in on  # the caption: the day and the place
    assert (on[0] == "streik:1") is first
    off = _ids(_engine(SearchOptions().without("captions")), message)
    assert off and "streik:1" not in off


def test_only_debris_in_sentences_is_a_caption() -> None:
    assert _in_sentences(CAPTION)
    assert not _in_sentences(BYLINE) and not _in_sentences(SOURCE_LINE)
    assert not _in_sentences("30 Jahre Krieg: Amerikas Griff nach der Weltherrschaft 1990–2020")
