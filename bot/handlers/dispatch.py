"""One routing for every request, whatever adapter it came through (Telegram, console, tests).

``dispatch`` decides which handler answers: a button press goes to the handler of its callback
prefix, an edited message to the edit hooks, a command to its handler (an unknown one gets a
hint to /hilfe), and any other text first to the message hooks, then to the question search.
Whether a message is meant for the bot at all (group rules, mentions) is the adapter's call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.handlers import registry  # noqa: F401 - the handlers must be registered to route
from bot.handlers.base import CALLBACKS, COMMANDS, EDIT_HOOKS, MESSAGE_HOOKS, Reply, Request
from bot.handlers.quotes import handle_text, unknown_command

if TYPE_CHECKING:
    from bot.services import Services

# "/name", "/name@bot", then whitespace and the arguments; the console takes any name typed
_COMMAND = re.compile(r"^/([^\s@]*)(?:@(\S*))?(?:\s+(.*))?$", re.DOTALL)
_BOT_COMMAND_WORD = re.compile(r"[A-Za-z0-9_]+")


@dataclass(frozen=True)
class ParsedCommand:
    name: str  # lowercased, without "/" and "@bot"
    target: str | None  # the bot named after "@", None when none was named
    args: str  # everything after the command, stripped

    @property
    def is_bot_command(self) -> bool:
        """Whether Telegram treats it as a bot command: Latin letters, digits and "_" only."""
        return _BOT_COMMAND_WORD.fullmatch(self.name) is not None and (
            self.target is None or _BOT_COMMAND_WORD.fullmatch(self.target) is not None
        )


def parse_command(text: str) -> ParsedCommand | None:
    """``"/Zitat@jourfixe_bot Karaganow"`` -> name ``zitat``, target, args; None for no command."""
    m = _COMMAND.match(text)
    if m is None:
        return None
    return ParsedCommand(m.group(1).lower(), m.group(2), (m.group(3) or "").strip())


def dispatch(request: Request, services: Services) -> Reply | None:
    """The reply to a request; None when there is nothing to say.

    None answers an edit no hook cares about and a button no handler knows any more (the
    adapter then says in its own words that the button is stale).
    """
    if request.callback_data is not None:
        handler = CALLBACKS.get(request.callback_data.split(":", 1)[0])
        return handler(request, services) if handler is not None else None
    if request.edited:
        return _first(EDIT_HOOKS, request, services)
    if request.command is None:
        reply = _first(MESSAGE_HOOKS, request, services)
        return reply if reply is not None else handle_text(request, services)
    cmd = COMMANDS.get(request.command)
    if cmd is None:
        return unknown_command(request, services)
    return cmd.func(request, services)


def is_expensive(command: str | None) -> bool:
    """Whether a message counts against the per-user rate limit (``None``: a question)."""
    if command is None:
        return True
    cmd = COMMANDS.get(command)
    return cmd is not None and cmd.expensive


def knows_button(data: str) -> bool:
    """Whether some handler still answers buttons with this callback data."""
    return data.split(":", 1)[0] in CALLBACKS


def _first(hooks: list, request: Request, services: Services) -> Reply | None:
    for hook in list(hooks):
        reply = hook(request, services)
        if reply is not None:
            return reply
    return None
