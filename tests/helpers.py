"""Helpers shared by the handler tests: build requests, send them through the dispatcher, and
read replies the way a user sees them.

``send("/zitat Karaganow", services)`` and ``press(button, services)`` go through
:func:`bot.handlers.dispatch.dispatch`, exactly like the Telegram adapter and the console.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import bot.handlers  # noqa: F401  (registers every command and button)
from bot.handlers.base import Button, Reply, Request
from bot.handlers.dispatch import dispatch, parse_command

if TYPE_CHECKING:
    from bot.services import Services

CHAT = 4711
USER = 1


def request(
    text: str = "",
    *,
    chat_id: int = CHAT,
    chat_type: str = "private",
    user_id: int = USER,
    user_name: str = "Anna",
    **fields: Any,
) -> Request:
    """A message as an adapter builds it: "/cmd@bot args" fills ``command`` and ``args``."""
    parsed = parse_command(text)
    if parsed is not None:
        fields.setdefault("command", parsed.name)
        fields.setdefault("args", parsed.args)
    return Request(
        chat_id=chat_id,
        chat_type=chat_type,
        user_id=user_id,
        user_name=user_name,
        text=text,
        **fields,
    )


def send(text: str, services: Services, **fields: Any) -> Reply:
    """The bot's reply to a message (a command or a question)."""
    reply = dispatch(request(text, **fields), services)
    assert reply is not None
    return reply


def press(button: Button | str, services: Services, **fields: Any) -> Reply:
    """The bot's reply to a button press (a :class:`Button` or its callback data)."""
    data = button if isinstance(button, str) else button.data
    assert data is not None and len(data.encode()) <= 64
    reply = dispatch(request(callback_data=data, **fields), services)
    assert reply is not None
    return reply


def html(reply: Reply) -> str:
    """The HTML of every message of a reply, one blank line between messages."""
    return "\n\n".join(m.html for m in reply.messages)


def buttons(reply: Reply) -> list[Button]:
    """Every button of a reply, row by row."""
    return [b for m in reply.messages for row in m.buttons for b in row]


def pairs(reply: Reply) -> list[tuple[str, str]]:
    """Every button of a reply as (label, callback data)."""
    return [(b.label, b.data or "") for b in buttons(reply)]
