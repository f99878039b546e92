"""One invented text as a search engine, for the search mechanism tests (not the seeds).

``texts_engine([(source, paragraphs), …])`` indexes several invented readings alike;
``one_text_engine(paragraphs)`` indexes the paragraphs (a ``(kind, text)`` pair for a passage
of another kind than "text": a caption is "debris") as one source ("streik" unless named
otherwise), passages ``<slug>:1``, ``<slug>:2`` …, with the given options (the bot's by
default; ``SearchEngine.in_memory`` itself switches meeting chat off). ``FILLER`` adds twenty
plain paragraphs of the same text, so that the text's words have realistic weights;
``STRIKE_OPENING`` is the first four paragraphs of the strike text the gate tests share.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bot.core.models import Passage, Source
from bot.core.search import SearchEngine, SearchOptions

# the opening of the invented strike text the gate tests share; each file adds the paragraphs
# its mechanisms need
STRIKE_OPENING = [
    "Die Gewerkschaft ruft die Pflegekräfte der Kliniken zum Streik auf.",
    "Der Senat verweist auf den Haushalt und lehnt höhere Löhne ab.",
    "Am Montag begannen die Verhandlungen mit dem Senat, ohne Ergebnis.",
    "Seit 26 Monaten gilt der alte Tarifvertrag, sagt der Betriebsrat.",
]

FILLER = [
    f"Im {n}. Abschnitt geht es um {topic}."
    for n, topic in enumerate(
        ["Schichtpläne", "Überstunden", "Personalschlüssel", "Leiharbeit", "Ausbildung",
         "Nachtdienste", "Zulagen", "Krankenstand", "Fallpauschalen", "Outsourcing",
         "Reinigungskräfte", "Küchenpersonal", "Notaufnahmen", "Bettenabbau", "Privatisierung",
         "Investitionen", "Rücklagen", "Landesmittel", "Bundesmittel", "Krankenkassen"],
        start=1,
    )
]  # fmt: skip


def texts_engine(
    readings: Sequence[tuple[Source, Sequence[str | tuple[str, str]]]],
    options: SearchOptions | None = None,
) -> SearchEngine:
    """Several invented readings as one engine: each source with its paragraphs (a ``(kind,
    text)`` pair for another kind than "text"), passages ``<slug>:1``, ``<slug>:2`` …"""
    passages = []
    for src, paragraphs in readings:
        pieces = [x if isinstance(x, tuple) else ("text", x) for x in paragraphs]
        passages += [
            Passage(f"{src.slug}:{i}", src.slug, i, 0, i, i, kind, 1, x)
            for i, (kind, x) in enumerate(pieces, 1)
        ]
    engine = SearchEngine.in_memory(passages, [src for src, _ in readings])
    engine.options = options or SearchOptions()
    return engine


def one_text_engine(
    paragraphs: Sequence[str | tuple[str, str]],
    options: SearchOptions | None = None,
    *,
    slug: str = "streik",
    title: str = "Streik",
    author: str = "Autor",
    aliases: tuple[str, ...] = (),
) -> SearchEngine:
    src = Source(
        slug, title, author, "Blog", dt.date(2026, 1, 1), "article", "-", "-", aliases=aliases
    )
    return texts_engine([(src, paragraphs)], options)


def first_id(engine: SearchEngine, message: str) -> str:
    """The id of the passage the engine answers ``message`` with first (it must answer)."""
    hits = engine.search(message)
    assert hits, message
    return hits[0].passage.id
