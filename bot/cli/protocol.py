"""``jourfixe protocol import FILE`` and ``jourfixe protocol export CHAT DATE``."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from bot.cli.german import CHAT_ID
from bot.config import Config
from bot.core.dates import parse_past_day
from bot.core.notes import NoteBook, SessionExists
from bot.core.protocol import (
    MAX_PROTOCOL_BYTES,
    Protocol,
    ProtocolFormatError,
    build,
    parse_protocol,
    to_markdown,
)
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
    imp.add_argument("--chat", type=CHAT_ID, default=0, help=T.IMPORT_CHAT_HELP)
    imp.add_argument("--replace", action="store_true", help=T.IMPORT_REPLACE_HELP)
    imp.set_defaults(func=cli_import)
    exp = sub.add_parser("export", help=T.EXPORT_HELP, description=T.EXPORT_DESCRIPTION)
    exp.add_argument("chat", metavar="CHAT", type=CHAT_ID, help=T.EXPORT_CHAT_HELP)
    exp.add_argument("date", metavar="DATE", help=T.EXPORT_DATE_HELP)
    exp.add_argument("--output", "-o", metavar="FILE", help=T.EXPORT_OUTPUT_HELP)
    exp.add_argument("--pdf", metavar="FILE", help=T.EXPORT_PDF_HELP)
    exp.set_defaults(func=cli_export)


def _open_book(config: Config) -> NoteBook:
    return NoteBook(Store.open(config.db_path))


def cli_import(args: argparse.Namespace, config: Config) -> int:
    """``jourfixe protocol import FILE``: store a protocol as a past, closed session."""
    path = Path(args.file)
    try:
        size = path.stat().st_size
        if size > MAX_PROTOCOL_BYTES:
            limit = MAX_PROTOCOL_BYTES // 1024
            print(T.FILE_TOO_LARGE.format(path=path, size=size // 1024, limit=limit),
                  file=sys.stderr)  # fmt: skip
            return 1
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
    day = parse_past_day(args.date, datetime.now(UTC).date())
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
    if args.pdf:
        return _export_pdf(protocol, Path(args.pdf))
    text = to_markdown(protocol)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _export_pdf(protocol: Protocol, path: Path) -> int:
    """``--pdf FILE``: the protocol in the group's layout; nothing written without notes."""
    from bot.core import protocol_pdf  # fpdf2 only when asked

    try:
        data, lines = protocol_pdf.render_lines(protocol)
    except protocol_pdf.EmptyProtocol:
        print(T.EXPORT_PDF_EMPTY.format(day=protocol.day), file=sys.stderr)
        return 1
    try:
        path.write_bytes(data)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        print(T.EXPORT_PDF_WRITE_FAILED.format(path=path, reason=reason), file=sys.stderr)
        return 1
    pages = lines[-1].page
    print(T.EXPORT_PDF_WRITTEN.format(day=protocol.day, path=path, pages=pages, lines=len(lines)))
    return 0
