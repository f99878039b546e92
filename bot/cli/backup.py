"""``jourfixe backup FILE`` and ``jourfixe restore FILE`` (see :mod:`bot.core.backup`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.config import Config
from bot.core import backup as core
from bot.core.readings import human_size
from bot.texts import database as T


def register_cli(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("backup", help=T.CLI_BACKUP_HELP, description=T.CLI_BACKUP_HELP)
    p.add_argument("file", metavar="DATEI", help=T.CLI_BACKUP_FILE)
    p.set_defaults(func=cli_backup)
    p = subparsers.add_parser("restore", help=T.CLI_RESTORE_HELP, description=T.CLI_RESTORE_HELP)
    p.add_argument("file", metavar="DATEI", help=T.CLI_RESTORE_FILE)
    p.set_defaults(func=cli_restore)


def cli_backup(args: argparse.Namespace, config: Config) -> int:
    """Copy the database to FILE while the bot may be running; 0 when written."""
    target = Path(args.file).expanduser()
    if not Path(config.db_path).is_file():
        print(T.NO_DATABASE.format(path=config.db_path), file=sys.stderr)
        return 1
    try:
        size = core.backup(config.db_path, target)
    except OSError as exc:
        print(T.BACKUP_TARGET_FAILED.format(file=target, detail=exc.strerror or exc),
              file=sys.stderr)  # fmt: skip
        return 1
    print(T.BACKUP_DONE.format(file=target, size=human_size(size)))
    return 0


def cli_restore(args: argparse.Namespace, config: Config) -> int:
    """Write FILE over the database (the current one is kept in the backup folder)."""
    source = Path(args.file).expanduser()
    if not source.is_file():
        print(T.RESTORE_MISSING.format(file=source), file=sys.stderr)
        return 1
    previous = core.restore(source, config)
    from bot.services import build_services

    build_services(config).store.close()  # index matching this code and these sources
    if previous is None:
        print(T.RESTORE_DONE_NO_PREVIOUS.format(file=source))
    else:
        print(T.RESTORE_DONE.format(file=source, previous=previous))
    return 0
