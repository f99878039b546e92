"""``jourfixe add FILE`` and ``jourfixe remove SLUG``: readings from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot import DATA_ROOT, INSTALLED
from bot.config import Config
from bot.core.readings import (
    AddResult,
    ReadingError,
    UnknownProtocolLayout,
    check_upload,
    parse_meta_args,
)
from bot.services import Services, build_services
from bot.texts import uploads as T


def _dest(config: Config) -> Path:
    """seeds/ in a checkout; the data directory when installed (never into site-packages)."""
    bundled = config.seeds_dir.resolve() == (DATA_ROOT / "seeds").resolve()
    if INSTALLED and bundled:
        return config.data_dir / "readings"
    return config.seeds_dir


def register_cli(subparsers: argparse._SubParsersAction) -> None:
    """Add ``add DATEI [--title …] …`` and ``remove SLUG`` to the jourfixe command line."""
    add = subparsers.add_parser("add", help=T.CLI_ADD_HELP, description=T.CLI_ADD_HELP)
    add.add_argument("file", metavar="DATEI", help=T.CLI_FILE_HELP)
    add.add_argument("--title", help=T.CLI_TITLE_HELP)
    add.add_argument("--author", help=T.CLI_AUTHOR_HELP)
    add.add_argument("--date", help=T.CLI_DATE_HELP)
    add.add_argument("--outlet", help=T.CLI_OUTLET_HELP)
    add.add_argument("--kind", help=T.CLI_KIND_HELP)
    add.add_argument("--slug", help=T.CLI_SLUG_HELP)
    add.set_defaults(func=cli_add)
    remove = subparsers.add_parser("remove", help=T.CLI_REMOVE_HELP, description=T.CLI_REMOVE_HELP)
    remove.add_argument("slug", metavar="SLUG", help=T.CLI_SLUG_ARG_HELP)
    remove.set_defaults(func=cli_remove)


def _cli_services(config: Config) -> Services | None:
    try:
        return build_services(config)
    except (ValueError, OSError) as exc:  # CatalogError is a ValueError with a German text
        print(T.CLI_SETUP_FAILED.format(detail=exc), file=sys.stderr)
        return None


def cli_add(args: argparse.Namespace, config: Config) -> int:
    """``jourfixe add DATEI``: 0 when added, 1 when refused (German reason on stderr)."""
    path = Path(args.file).expanduser()
    if not path.is_file():
        print(T.CLI_FILE_MISSING.format(path=args.file), file=sys.stderr)
        return 1
    try:
        meta = parse_meta_args(
            args.title, args.author, args.date, args.outlet, args.kind, args.slug
        )
        check_upload(path.name, path.stat().st_size)
        data = path.read_bytes()
    except ReadingError as err:
        print(err, file=sys.stderr)
        return 1
    except OSError as exc:
        print(T.CLI_FILE_UNREADABLE.format(path=args.file, detail=exc.strerror), file=sys.stderr)
        return 1
    services = _cli_services(config)
    if services is None:
        return 1
    try:
        result = services.readings.add(data, path.name, meta, _dest(config), added_by="cli")
    except ReadingError as err:
        print(err, file=sys.stderr)
        if isinstance(err, UnknownProtocolLayout):
            print(T.CLI_UNKNOWN_LAYOUT_HINT.format(path=args.file), file=sys.stderr)
        return 1
    print(format_cli_result(result))
    summary = services.summaries.of(result.source.slug)
    if summary is not None and summary.sentences:
        print()
        print(T.CLI_SUMMARY_HEAD)
        for sentence in summary.sentences:
            print(f"  • {sentence}")
        print(T.CLI_TERMS.format(terms=", ".join(summary.key_terms)))
    return 0


def format_cli_result(result: AddResult) -> str:
    s = result.source
    lines = [
        T.CLI_ADDED.format(title=s.title),
        T.CLI_FIELDS.format(
            slug=s.slug, author=s.author, date=f"{s.date:%d.%m.%Y}", outlet=s.outlet or "–",
            kind=T.KIND_LABELS.get(s.kind, s.kind), passages=result.passages, file=result.file,
        ),
    ]  # fmt: skip
    lines += [T.CLI_NOTE.format(note=note) for note in (*result.defaults, *result.warnings)]
    if result.defaults:
        lines.append(T.CLI_FIX_HINT.format(slug=s.slug))
    return "\n".join(lines)


def cli_remove(args: argparse.Namespace, config: Config) -> int:
    """``jourfixe remove SLUG``: 0 when removed, 1 otherwise."""
    services = _cli_services(config)
    if services is None:
        return 1
    slug = args.slug.strip()
    try:
        source = services.readings.remove(slug)
    except ReadingError as err:
        print(err, file=sys.stderr)
        if services.catalog.get(slug) is None:
            close = [s.slug for s in services.catalog.resolve(slug)]
            if close:
                print(T.CLI_DID_YOU_MEAN.format(slugs=", ".join(close)), file=sys.stderr)
        return 1
    path = services.catalog.path_of(source, config.seeds_dir)
    print(T.CLI_REMOVED.format(title=source.title, slug=source.slug, file=path))
    return 0
