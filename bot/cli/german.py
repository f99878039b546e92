"""argparse in German: usage, help headings and every usage error a user can provoke.

argparse writes its own texts in English; this parser class (inherited by every subcommand)
translates the messages of the errors it raises and labels usage and help in German.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

# (pattern of argparse's English message, German template using the pattern's groups)
_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.S), german)
    for pattern, german in (
        (r"the following arguments are required: (.*)", "Es fehlt: {0}."),
        (r"unrecognized arguments: (.*)", "Diese Angaben kenne ich nicht: {0}"),
        (
            r"argument (.*?): invalid choice: '?(.*?)'? \(choose from (.*)\)",
            "„{1}“ gibt es nicht. Möglich sind: {2}.",
        ),
        (r"argument (.*?): invalid int value: '(.*)'", "{0}: „{1}“ ist keine ganze Zahl."),
        (r"argument (.*?): invalid float value: '(.*)'", "{0}: „{1}“ ist keine Zahl."),
        (r"argument (.*?): invalid (.*?) value: '(.*)'", "{0}: „{2}“ ist ungültig."),
        (r"argument (.*?): expected one argument", "{0} braucht einen Wert."),
        (r"argument (.*?): expected (.*?) arguments?", "{0} braucht {1} Werte."),
        (r"argument (.*?): not allowed with argument (.*)", "{0} geht nicht zusammen mit {1}."),
        (r"ambiguous option: (.*?) could match (.*)", "{0} ist nicht eindeutig: {1}?"),
        (r"one of the arguments (.*) is required", "Eine dieser Angaben fehlt: {0}."),
        (r"argument (.*?): (.*)", "{0}: {1}"),  # our own type checks (already German)
    )
)


def german_error(message: str) -> str:
    """argparse's English error message in German (unknown ones are passed through)."""
    for pattern, german in _ERRORS:
        m = pattern.fullmatch(message)
        if m:
            return german.format(*m.groups())
    return message


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, "Aufruf: " if prefix is None else prefix)


class GermanArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage, help headings and errors are German."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "Argumente"
        self._optionals.title = "Optionen"
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = "diese Hilfe zeigen und beenden"

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: Fehler: {german_error(message)}\n")


def bounded_int(low: int, high: int, what: str):  # an argparse type
    """An argparse type: a whole number between ``low`` and ``high``, German when not."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"„{text[:40]}“ ist keine {what}.") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"„{text[:40]}“ ist keine gültige {what}.")
        return value

    parse.__name__ = what
    return parse


# Telegram chat ids fit in 52 bits; SQLite integers in 64.
CHAT_ID = bounded_int(-(2**52), 2**52, "Chat-Nummer")
