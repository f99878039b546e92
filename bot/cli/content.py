"""``jourfixe check``: validate the written content in a scratch database."""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from bot.config import Config
from bot.core.catalog import CatalogError
from bot.core.content import ContentError, ContentStore, style_notes
from bot.core.content_checks import CheckReport, check_report
from bot.core.text import normalize, words
from bot.services import Services, build_services
from bot.texts import content as T


@contextmanager
def _scratch(config: Config) -> Iterator[Callable[[], Services]]:
    """A builder of the bot's services over a fresh index in a scratch database (the check
    and the notes skeleton never touch the bot's data); what it built is closed at the end."""
    built: list[Services] = []
    with tempfile.TemporaryDirectory(prefix="jourfixe-check-") as tmp:
        scratch = replace(config, db_path=Path(tmp) / "check.db")

        def build() -> Services:
            built.append(build_services(scratch))
            return built[-1]

        try:
            yield build
        finally:
            for services in built:
                services.store.close()


def check(config: Config) -> int:
    """`jourfixe check`: validate every content file; print German errors or an OK line."""
    with _scratch(config) as built:
        try:
            services = built()
        except ContentError as err:
            print(T.ERR_HEADER.format(dir=config.content_dir, count=len(err.errors)))
            for line in err.errors:
                print(f"  {line}")
            return 1
        except CatalogError as err:
            print(T.CHECK_SOURCES_FAILED.format(error=err))
            return 1
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


def notes_template(config: Config, slug: str) -> int:
    """`jourfixe notes SLUG`: a skeleton of content/passages/SLUG.yaml on stdout, one entry per
    paragraph with a verbatim anchor that occurs in no other paragraph; the gists are ours to
    write (an empty one fails `jourfixe check` until it is written or its entry deleted)."""
    with _scratch(config) as built:
        try:
            services = built()
        except (ContentError, CatalogError):
            print(T.NOTES_CONTENT_BROKEN)
            return 1
        source = services.catalog.get(slug)
        if source is None:
            known = ", ".join(s.slug for s in services.catalog.sources)
            print(T.NOTES_UNKNOWN_SOURCE.format(slug=slug, known=known))
            return 1
        passages = [p for p in services.search.passages_of(slug) if p.kind != "debris"]
        print(T.NOTES_TEMPLATE_HEAD.format(title=source.title, slug=slug))
        print(f"source: {slug}\npassages:")
        texts = [normalize(p.text) for p in passages]
        for p in passages:
            anchor = unique_anchor(p.text, texts)
            start = " ".join(p.text.split()[:12])
            where = T.NOTES_PARAGRAPH.format(n=p.paragraph, line=p.line_start)
            print(f"  # {where}: {start} …")
            if anchor is None:
                print(f"  # {T.NOTES_NO_ANCHOR}")
                continue
            print(f'  - anchor: {_quoted(anchor)}\n    gist:\n      - ""\n    asks: []')
        return 0


def unique_anchor(text: str, others: list[str], least: int = 6, most: int = 14) -> str | None:
    """The first run of ``least`` to ``most`` words of ``text`` that occurs (normalised) in
    exactly one of ``others`` (the normalised paragraphs of the reading, ``text``'s among them)."""
    tokens = text.split()
    for first in range(len(tokens)):
        for size in range(least, most + 1):
            piece = tokens[first : first + size]
            if len(piece) < size:
                break
            phrase = " ".join(piece)
            if len(words(phrase)) < least:
                continue
            needle = normalize(phrase)
            if sum(needle in other for other in others) == 1:
                return phrase
    return None


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def register_cli(subparsers: argparse._SubParsersAction) -> None:
    """Add ``jourfixe check`` and ``jourfixe notes`` to the command line."""
    parser = subparsers.add_parser("check", help=T.CHECK_HELP, description=T.CHECK_HELP)
    parser.set_defaults(func=lambda args, config: check(config))
    notes = subparsers.add_parser("notes", help=T.NOTES_HELP, description=T.NOTES_HELP)
    notes.add_argument("slug", help=T.NOTES_SLUG_HELP)
    notes.set_defaults(func=lambda args, config: notes_template(config, args.slug))
