"""The service container handed to every handler: config, store, catalog, search, content."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from bot.config import Config
from bot.core.catalog import Catalog
from bot.core.search import SearchEngine
from bot.core.store import Store
from bot.core.text import lemma_stem


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    config: Config
    store: Store
    catalog: Catalog
    search: SearchEngine
    content: Any = None  # bot.core.content.ContentStore once loaded (issue 4)
    clock: Callable[[], datetime] = _utcnow  # timezone-aware UTC "now"; tests pass a fake
    extras: dict[str, Any] = field(default_factory=dict)  # per-feature state (rate limits, ...)


def build_services(config: Config, clock: Callable[[], datetime] | None = None) -> Services:
    """Open the database, sync the sources and (re)build the index when they changed."""
    store = Store.open(config.db_path)
    catalog = Catalog.load(config, store)
    search = SearchEngine(store, catalog)
    search.ensure_index(config.seeds_dir)
    lemma_stem("Lesekreis")  # load the lemma dictionary now, not on the first question
    services = Services(config, store, catalog, search, clock=clock or _utcnow)
    try:
        from bot.core.content import ContentStore  # written by the content issue
    except ImportError:  # pragma: no cover - until the content module exists
        ContentStore = None  # noqa: N806
    if ContentStore is not None:
        services.content = ContentStore.load(config.content_dir, catalog, search)
    expand_search(services)
    return services


def expand_search(services: Services) -> None:
    """Give the search our paraphrases of passages (positions, theses, summaries, key terms)."""
    from bot.core.autosummary import auto_summary
    from bot.core.search_expand import expansion_texts

    engine = services.search

    def key_terms(slug: str) -> tuple[str, ...]:
        return auto_summary(engine.passages_of(slug)).key_terms

    engine.set_expansions(expansion_texts(services.content, engine, key_terms))
