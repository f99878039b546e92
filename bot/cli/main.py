"""Command line: run, chat, ask, sources, index, check, add, remove, protocol."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sqlite3
import sys
import traceback
from collections.abc import Sequence

from bot.cli import backup, content, protocol, readings
from bot.cli.german import GermanArgumentParser, bounded_int
from bot.config import Config
from bot.core.catalog import CatalogError
from bot.core.limits import MAX_QUERY, too_long
from bot.core.repair import DatabaseProblem
from bot.core.repair import describe as describe_db_error
from bot.texts import cli as T
from bot.texts import robust as R


def _services(config: Config):
    from bot.services import build_services

    return build_services(config)


def cmd_run(args: argparse.Namespace, config: Config) -> int:
    """Long polling with a token; without one, the offline console chat."""
    if config.token:
        from bot.tg.app import run_bot

        return run_bot(config)
    print(T.NO_TOKEN)
    return cmd_chat(args, config)  # its greeting explains how to connect to Telegram


def cmd_chat(args: argparse.Namespace, config: Config) -> int:
    from bot.console import run_console

    return run_console(config)


def _hit_json(hit) -> dict:
    return {
        "source": hit.source.slug,
        "title": hit.source.title,
        "ref": hit.ref,
        "kind": hit.passage.kind,
        "text": hit.passage.text,
        "score": hit.score,
        "id": hit.passage.id,
        "also_in": list(hit.also_in),
    }


def cmd_ask(args: argparse.Namespace, config: Config) -> int:
    services = _services(config)
    search = services.search
    if args.question is None:  # JSON Lines: one question per stdin line
        for line in sys.stdin:
            question = line.strip()
            if (length := too_long(question, MAX_QUERY)) is not None:
                print(R.ASK_TOO_LONG.format(length=length, limit=MAX_QUERY), file=sys.stderr)
                question = ""  # an empty answer keeps one output line per input line
            hits = search.search(question, limit=args.limit) if question else []
            print(json.dumps([_hit_json(h) for h in hits], ensure_ascii=False), flush=True)
        return 0
    if (length := too_long(args.question, MAX_QUERY)) is not None:
        print(R.ASK_TOO_LONG.format(length=length, limit=MAX_QUERY), file=sys.stderr)
        return 2
    hits = search.search(args.question, limit=args.limit)
    if args.json:
        print(json.dumps([_hit_json(h) for h in hits], ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print(T.NOTHING_FOUND)
        suggestions = search.suggest(args.question)
        if suggestions:
            print(T.DID_YOU_MEAN.format(words=", ".join(suggestions)))
        return 0
    for i, hit in enumerate(hits, 1):
        also = T.HIT_ALSO_IN.format(sources=", ".join(hit.also_in)) if hit.also_in else ""
        print(T.HIT.format(rank=i, title=hit.source.title, ref=hit.ref, also=also))
        print(T.HIT_TEXT.format(text=hit.passage.text))
    return 0


def cmd_sources(args: argparse.Namespace, config: Config) -> int:
    services = _services(config)
    for s in services.catalog.sources:
        n = len(services.search.passages_of(s.slug))
        byline = ", ".join(x for x in (s.author, s.outlet, f"{s.date:%d.%m.%Y}") if x)
        print(T.SOURCE.format(slug=s.slug, title=s.title, byline=byline, passages=n))
        if s.aliases:
            print(T.SOURCE_ALIASES.format(aliases=", ".join(s.aliases)))
    return 0


def cmd_index(args: argparse.Namespace, config: Config) -> int:
    import time

    from bot.core.catalog import Catalog
    from bot.core.repair import rebuild_index
    from bot.core.search import SearchEngine
    from bot.core.store import Store
    from bot.texts import database as D

    store = Store.open(config.db_path)
    if args.rebuild:  # also when the index tables are damaged: user data is kept
        result = rebuild_index(store, config)
        if result.damaged_copy is not None:
            print(D.REPAIRED.format(copy=result.damaged_copy))
        print(
            T.INDEX_REBUILT.format(
                passages=result.passages, sources=result.sources, seconds=result.seconds
            )
        )
        return 0
    catalog = Catalog.load(config, store)
    engine = SearchEngine(store, catalog)
    t0 = time.perf_counter()
    rebuilt = engine.ensure_index(config.seeds_dir)
    dt = time.perf_counter() - t0
    n = len(engine)
    state = T.INDEX_STATE_REBUILT if rebuilt else T.INDEX_STATE_CURRENT
    print(T.INDEX_STATE.format(state=state, passages=n, sources=len(catalog.sources), seconds=dt))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = GermanArgumentParser(prog="jourfixe", description=T.DESCRIPTION)
    parser.add_argument("-v", "--verbose", action="store_true", help=T.VERBOSE_HELP)
    sub = parser.add_subparsers(dest="command", title=T.COMMANDS_TITLE, metavar=T.COMMANDS_METAVAR)
    p = sub.add_parser("run", help=T.RUN_HELP)
    p.set_defaults(func=cmd_run)
    p = sub.add_parser("chat", help=T.CHAT_HELP)
    p.set_defaults(func=cmd_chat)
    p = sub.add_parser("ask", help=T.ASK_HELP)
    p.add_argument("question", nargs="?", help=T.ASK_QUESTION_HELP)
    p.add_argument("--limit", type=bounded_int(1, 100, T.ASK_LIMIT_RANGE), default=5,
                   help=T.ASK_LIMIT_HELP)  # fmt: skip
    p.add_argument("--json", action="store_true", help=T.ASK_JSON_HELP)
    p.set_defaults(func=cmd_ask)
    p = sub.add_parser("sources", help=T.SOURCES_HELP)
    p.set_defaults(func=cmd_sources)
    p = sub.add_parser("index", help=T.INDEX_HELP)
    p.add_argument("--rebuild", action="store_true", help=T.INDEX_REBUILD_HELP)
    p.set_defaults(func=cmd_index)
    content.register_cli(sub)
    readings.register_cli(sub)
    protocol.register_cli(sub)
    backup.register_cli(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its URLs contain the token
    if not getattr(args, "func", None):
        args.func = cmd_run
    config = Config.from_env()
    try:
        return int(args.func(args, config) or 0)
    except CatalogError as exc:
        print(T.SOURCES_ERROR.format(error=exc), file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader left ("jourfixe ask … | head"): nothing is wrong
        # (Python's documented way: what is still buffered goes nowhere at exit)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (sqlite3.Error, DatabaseProblem, OSError) as exc:
        # one German sentence with what to do; the traceback only with -v
        if args.verbose:
            traceback.print_exception(exc, file=sys.stderr)
        print(describe_db_error(exc, config), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
