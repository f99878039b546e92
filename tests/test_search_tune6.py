"""A source the message names comes first (issue 11, sixth pass): "was schreibt der
Klinikblog zum Haushalt des Senats" is answered from the Klinikblog, even where another text
speaks of the Haushalt more closely; with named_first off, the named source is only preferred a
little and the other text's closer match comes first.

Invented texts (not the seeds): two small sources, each message run with the mechanism on (the
bot's options) and switched off.
"""

import datetime as dt

from invented import texts_engine

from bot.core.models import Source
from bot.core.search import SearchEngine, SearchOptions

BLOG = [
    "Die Gewerkschaft ruft die Pflegekräfte der Kliniken zum Streik auf.",
    "Der Senat lehnt höhere Löhne ab und verweist auf knappe Kassen im Haushalt.",
    "Am Montag begannen die Verhandlungen mit dem Senat, ohne Ergebnis.",
]
PAPER = [
    "Der Haushalt des Senats: der Senat legt den Haushalt vor, der Haushalt des Senats wächst.",
    "Die Opposition kritisiert die Schuldenbremse und fordert Investitionen in Schulen.",
    "Die Bezirke klagen über fehlendes Personal in den Bürgerämtern.",
]


def _engine(options: SearchOptions) -> SearchEngine:
    sources = [
        Source(slug, title, "Autor", "Blog", dt.date(2026, 1, 1), "article", "-", "-",
               aliases=aliases)
        for slug, title, aliases in (
            ("blog", "Streik an den Kliniken", ("Klinikblog",)),
            ("zeitung", "Der Landeshaushalt", ("Stadtanzeiger",)),
        )
    ]  # fmt: skip
    return texts_engine(list(zip(sources, (BLOG, PAPER), strict=True)), options)


def _ids(message: str, options: SearchOptions) -> list[str]:
    return [h.passage.id for h in _engine(options).search(message)]


def test_the_named_source_answers_first_though_another_text_matches_closer():
    message = "was schreibt der klinikblog zum haushalt des senats"
    assert _ids(message, SearchOptions())[0] == "blog:2"
    # off: the other text, which speaks of the Haushalt des Senats three times, comes first
    assert _ids(message, SearchOptions(named_first=False))[0] == "zeitung:1"


def test_the_other_source_is_still_offered_after_the_named_one():
    ids = _ids("was schreibt der klinikblog zum haushalt des senats", SearchOptions())
    assert "zeitung:1" in ids[1:]


def test_without_a_source_named_the_closest_match_comes_first():
    assert _ids("was steht zum haushalt des senats", SearchOptions())[0] == "zeitung:1"
    message = "was steht im stadtanzeiger zum haushalt des senats"
    assert _ids(message, SearchOptions())[0] == "zeitung:1"
