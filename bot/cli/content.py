"""``jourfixe check``: validate the written content in a scratch database."""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import replace
from pathlib import Path

from bot.config import Config
from bot.core.catalog import CatalogError
from bot.core.content import ContentError, ContentStore, style_notes
from bot.core.content_checks import CheckReport, check_report
from bot.services import build_services
from bot.texts import content as T


def check(config: Config) -> int:
    """`jourfixe check`: validate every content file; print German errors or an OK line."""
    with tempfile.TemporaryDirectory(prefix="jourfixe-check-") as tmp:
        # a fresh index in a scratch database: the check never touches the bot's data
        scratch = replace(config, db_path=Path(tmp) / "check.db")
        try:
            services = build_services(scratch)
        except ContentError as err:
            print(T.ERR_HEADER.format(dir=config.content_dir, count=len(err.errors)))
            for line in err.errors:
                print(f"  {line}")
            return 1
        except CatalogError as err:
            print(T.CHECK_SOURCES_FAILED.format(error=err))
            return 1
        try:
            store: ContentStore | None = services.content
            if store is None or store.empty:
                print(T.CHECK_NO_CONTENT.format(dir=config.content_dir))
                return 1
            report = check_report(store, services.catalog, services.search, config.content_dir)
            if report.errors:  # a protocol position speaking for the wrong side fails the check
                return _print_report(report)
            bundled = [s.slug for s in services.catalog.sources]
            notes = style_notes(store, bundled)
            print(T.CHECK_OK.format(**store.stats()))
            if notes:
                print(T.CHECK_NOTES_HEADER.format(count=len(notes)))
                for note in notes:
                    print("  " + T.CHECK_NOTE.format(note=note))
            return _print_report(report)
        finally:
            services.store.close()


def _print_report(report: CheckReport) -> int:
    """Attribution errors (exit 1), then silent-topic warnings and the answered ones."""
    for header, lines in (
        (T.CHECK_ATTRIBUTION_HEADER, report.errors),
        (T.CHECK_SILENT_HEADER, report.warnings),
        (T.CHECK_SILENT_ANSWERED_HEADER, report.answered),
    ):
        if lines:
            print(header.format(count=len(lines)))
            for line in lines:
                print("  " + line)
    return 1 if report.errors else 0


def register_cli(subparsers: argparse._SubParsersAction) -> None:
    """Add ``jourfixe check`` to the command line."""
    parser = subparsers.add_parser("check", help=T.CHECK_HELP, description=T.CHECK_HELP)
    parser.set_defaults(func=lambda args, config: check(config))
