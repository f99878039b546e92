"""The services handed to every handler, one typed field each, built in :func:`build_services`."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.config import Config
from bot.core.autosummary import AutoSummaries
from bot.core.catalog import Catalog
from bot.core.content import ContentStore
from bot.core.files import clean_leftovers
from bot.core.notes import NoteBook
from bot.core.queries import StoredQueries
from bot.core.readings import ReadingLibrary
from bot.core.repair import check_at_start
from bot.core.schedule import Schedule
from bot.core.search import SearchEngine
from bot.core.search_expand import expansion_texts, paragraph_texts
from bot.core.semantic import SemanticRerank, load_embedder
from bot.core.store import Store
from bot.core.text import lemma_stem

log = logging.getLogger(__name__)


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    config: Config
    store: Store
    catalog: Catalog
    search: SearchEngine
    content: ContentStore  # summaries, theses, topics, positions (content/)
    notes: NoteBook  # sessions and notes of every chat
    schedule: Schedule  # meetings, series and reminders of every chat
    summaries: AutoSummaries  # automatic summaries of sources without written content
    queries: StoredQueries  # the searches behind paging buttons
    readings: ReadingLibrary  # readings added at run time
    clock: Callable[[], datetime] = _utcnow  # timezone-aware UTC "now"; tests pass a fake
    # the repeating and the one-off reminder jobs never send the same reminder twice
    reminder_lock: asyncio.Lock = field(default_factory=asyncio.Lock)


def build_services(config: Config, clock: Callable[[], datetime] | None = None) -> Services:
    """Open the database, sync the sources and (re)build the index when they changed."""
    now = clock or _utcnow

    def clock_now() -> datetime:
        # read through the container: a test (or the console) may swap services.clock later
        return services.clock()

    store = Store.open(config.db_path)
    check_at_start(store, config)  # quick check; a damaged index is rebuilt, user data kept
    clean_leftovers(store, config)  # files of writes a crash interrupted
    catalog = Catalog.load(config, store, clock_now)
    search = SearchEngine(store, catalog)
    embedder = load_embedder()  # the semantic extra, where installed
    if embedder is not None:
        search.semantic = SemanticRerank(embedder, store)
    search.ensure_index(config.seeds_dir)
    lemma_stem("Lesekreis")  # load the lemma dictionary now, not on the first question

    services = Services(
        config=config,
        store=store,
        catalog=catalog,
        search=search,
        content=ContentStore.load(config.content_dir, catalog, search),
        notes=NoteBook(store),
        schedule=Schedule(store.db, config.timezone, store.transaction),
        summaries=AutoSummaries(catalog, search),
        queries=StoredQueries(store, clock_now),
        readings=ReadingLibrary(
            store, catalog, search, config.seeds_dir, config.content_dir, clock_now
        ),
        clock=now,
    )
    expand_search(services)
    services.readings.on_change = lambda: readings_changed(services)
    return services


def readings_changed(services: Services) -> None:
    """A reading added or removed while the bot runs: its key terms expand the search at once,
    and the semantic extra (where installed) embeds its passages in the background."""
    expand_search(services)
    warm_semantic(services)


def warm_semantic(services: Services) -> threading.Thread | None:
    """Embed the served passages for the semantic extra in a background thread (a daemon:
    it never keeps the bot from stopping); None without the extra."""
    rerank = services.search.semantic
    if rerank is None:
        return None
    texts = services.search.texts_to_embed()
    notes = services.search.note_sentences()  # also in the model's question form

    def run() -> None:
        try:
            rerank.warm(texts, notes=notes)
        except Exception:  # the extra failing costs its speed-up, never the bot
            log.warning("semantic warm-up stopped", exc_info=True)

    thread = threading.Thread(target=run, name="semantic-warm-up", daemon=True)
    thread.start()
    return thread


def expand_search(services: Services) -> None:
    """Give the search our paraphrases of passages (positions; our notes on paragraphs; key
    terms of readings without written content)."""

    def key_terms(slug: str) -> tuple[str, ...]:
        auto = services.summaries.of(slug)
        return auto.key_terms if auto else ()

    texts = expansion_texts(services.content, services.search, key_terms)
    services.search.set_expansions(texts, *paragraph_texts(services.content))
