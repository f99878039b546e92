"""``jourfixe protocol import FILE`` and ``jourfixe protocol export CHAT DATE``."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from bot.config import Config
from bot.core.notes import NoteBook, SessionExists
from bot.core.protocol import ProtocolFormatError, build, parse_date, parse_protocol, to_markdown
from bot.core.store import Store
from bot.texts import cli as T


def register_cli(subparsers: argparse._SubParsersAction) -> None:
    """Add ``protocol import FILE [--chat ID] [--replace]`` and ``protocol export CHAT DATE``."""
    parser = subparsers.add_parser(
        "protocol", help=T.PROTOCOL_HELP, description=T.PROTOCOL_DESCRIPTION
    )
    sub = parser.add_subparsers(dest="protocol_command", required=True)
    imp = sub.add_parser("import", help=T.IMPORT_HELP, description=T.IMPORT_DESCRIPTION)
    imp.add_argument("file", metavar="FILE", help=T.IMPORT_FILE_HELP)
    imp.add_argument("--chat", type=int, default=0, help=T.IMPORT_CHAT_HELP)
    imp.add_argument("--replace", action="store_true", help=T.IMPORT_REPLACE_HELP)
    imp.set_defaults(func=cli_import)
    exp = sub.add_parser("export", help=T.EXPORT_HELP, description=T.EXPORT_DESCRIPTION)
    exp.add_argument("chat", metavar="CHAT", type=int, help=T.EXPORT_CHAT_HELP)
    exp.add_argument("date", metavar="DATE", help=T.EXPORT_DATE_HELP)
    exp.add_argument("--output", "-o", metavar="FILE", help=T.EXPORT_OUTPUT_HELP)
    exp.set_defaults(func=cli_export)


def _open_book(config: Config) -> NoteBook:
    return NoteBook(Store.open(config.db_path))


def cli_import(args: argparse.Namespace, config: Config) -> int:
    """``jourfixe protocol import FILE``: store a protocol as a past, closed session."""
    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        print(T.FILE_MISSING.format(path=path), file=sys.stderr)
        return 2
    except (OSError, UnicodeDecodeError) as error:
        print(T.FILE_UNREADABLE.format(path=path, error=error), file=sys.stderr)
        return 2
    try:
        parsed = parse_protocol(text, slug="import")
    except ProtocolFormatError as error:
        print(T.FILE_NOT_A_PROTOCOL.format(path=path, error=error), file=sys.stderr)
        return 1
    book = _open_book(config)
    try:
        session = book.import_session(
            args.chat,
            parsed.day,
            parsed.topic,
            parsed.notes,
            now=datetime.now(UTC),
            next_meeting=parsed.next_meeting,
            replace=args.replace,
        )
    except SessionExists:
        print(T.IMPORT_EXISTS.format(chat=args.chat, day=parsed.day), file=sys.stderr)
        return 1
    finally:
        book.store.close()
    counts = {k: sum(1 for n in parsed.notes if n.kind == k) for k in T.KIND_NAMES}
    summary = ", ".join(f"{counts[k]} {name}" for k, name in T.KIND_NAMES.items() if counts[k])
    print(
        T.IMPORTED.format(
            day=session.day, chat=args.chat, sections=len(parsed.sections()), summary=summary
        )
        + (T.IMPORTED_NEXT_MEETING if parsed.next_meeting else "")
    )
    return 0


def cli_export(args: argparse.Namespace, config: Config) -> int:
    """``jourfixe protocol export CHAT DATE``: print a session's protocol as Markdown."""
    day = parse_date(args.date, datetime.now(UTC).date())
    if day is None:
        print(T.EXPORT_BAD_DATE.format(value=args.date), file=sys.stderr)
        return 2
    book = _open_book(config)
    try:
        session = book.session_on(args.chat, day)
        if session is None:
            print(T.EXPORT_NO_SESSION.format(chat=args.chat, day=day), file=sys.stderr)
            return 1
        protocol = build(
            session, book.notes_of(args.chat, session.id), names=book.names_enabled(args.chat)
        )
    finally:
        book.store.close()
    text = to_markdown(protocol)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
