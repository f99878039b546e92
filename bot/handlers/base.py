"""The handler contract shared by the Telegram and the console adapter.

A handler is a plain function ``(Request, Services) -> Reply``. It never imports
``telegram``: adapters turn updates into a :class:`Request` and a :class:`Reply` into
messages. Feature modules describe their commands with :func:`command` and their button
handlers with :func:`callback`; :mod:`bot.handlers.registry` lists which of them the bot
serves, in one place, and :func:`bot.handlers.dispatch.dispatch` routes every request.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from bot.core import permissions

if TYPE_CHECKING:
    from bot.services import Services

MAX_CALLBACK_BYTES = 64


@dataclass(frozen=True)
class MessageRef:
    """A message the user replied to (or a forwarded original)."""

    message_id: int
    text: str  # text or caption, "" when none
    author_id: int | None
    author_name: str  # first name (or forward origin name)
    date: datetime
    from_this_bot: bool = False


@dataclass(frozen=True)
class Attachment:
    """A document sent with the message; ``load()`` fetches its bytes."""

    file_name: str
    size: int
    mime_type: str | None
    load: Callable[[], bytes]


@dataclass(frozen=True)
class Request:
    chat_id: int
    chat_type: str  # private | group | supergroup | channel | console
    user_id: int
    user_name: str  # first name of the sender
    text: str  # the whole text (or caption) of the message
    command: str | None = None  # lowercased, without "/" and "@botname"
    args: str = ""  # everything after the command, stripped
    message_id: int | None = None
    date: datetime | None = None
    is_admin: bool = True  # chat admin (always True in private chats and the console)
    reply_to: MessageRef | None = None
    forward_from: str | None = None  # original author's name of a forwarded message
    edited: bool = False  # an edit of an earlier message
    attachment: Attachment | None = None
    callback_data: str | None = None  # set for button presses

    @property
    def is_private(self) -> bool:
        return self.chat_type in ("private", "console")


@dataclass(frozen=True)
class Button:
    label: str
    data: str | None = None  # callback data, at most 64 bytes UTF-8
    url: str | None = None

    def __post_init__(self) -> None:
        if self.data is not None and len(self.data.encode()) > MAX_CALLBACK_BYTES:
            raise ValueError(f"callback data longer than 64 bytes: {self.data!r}")


@dataclass(frozen=True)
class Document:
    file_name: str
    content: bytes
    caption: str = ""


@dataclass
class OutMessage:
    html: str  # Telegram HTML; every piece of source or user text escaped
    buttons: list[list[Button]] = field(default_factory=list)
    document: Document | None = None


@dataclass
class Reply:
    messages: list[OutMessage] = field(default_factory=list)
    edit: bool = False  # for button presses: replace the pressed message instead of sending
    toast: str | None = None  # short answer to a button press (answerCallbackQuery)
    note_ref: tuple[str, int] | None = None  # (kind, id) of a stored object this reply confirms

    @classmethod
    def text(cls, html: str, buttons: list[list[Button]] | None = None) -> Reply:
        return cls(messages=[OutMessage(html=html, buttons=buttons or [])])


Handler = Callable[[Request, "Services"], Reply]


def may_change_sources(request: Request, services: Services) -> bool:
    """Who may change the sources every chat shares: see :mod:`bot.core.permissions`."""
    return permissions.may_change_sources(
        _actor(request), services.store, services.config.editors, services.clock()
    )


def sources_refusal(request: Request, services: Services) -> str:
    """The German reason why :func:`may_change_sources` said no (short for a button press)."""
    toast = request.callback_data is not None
    return permissions.refusal(_actor(request), services.config.editors, toast=toast)


def _actor(request: Request) -> permissions.Actor:
    return permissions.Actor(request.chat_id, request.chat_type, request.user_id, request.is_admin)


@dataclass(frozen=True)
class Command:
    """A command as /hilfe and Telegram's menu show it.

    Who may run it is the handler's decision, because it depends on the arguments (anyone may
    look at the schedule, only admins change it) and on the configured editors.
    """

    name: str  # German name, e.g. "zitat"
    aliases: tuple[str, ...]  # e.g. ("quote",)
    func: Handler
    summary: str  # one German line for /hilfe and setMyCommands
    summary_en: str  # English line for setMyCommands(language_code="en")
    usage: str  # e.g. "/zitat STICHWORT [QUELLE]"
    example: str  # e.g. "/zitat Karaganow"
    expensive: bool = False  # subject to the per-user rate limit
    group: str = "Lesen"  # section heading in /hilfe


COMMANDS: dict[str, Command] = {}  # name and every alias -> Command
CALLBACKS: dict[str, Handler] = {}  # callback data prefix (before the first ":") -> handler
# Called for every edited message the bot can see (e.g. to update a logged note); return None
# when the edit concerns nothing of yours.
EDIT_HOOKS: list[Callable[[Request, Services], Reply | None]] = []
# Called (in registration order) for every non-command message the bot sees, before the
# default text handling; the first non-None reply wins. Used for answers the bot asked for
# (e.g. the new title after "Titel ändern").
MESSAGE_HOOKS: list[Callable[[Request, Services], Reply | None]] = []

_COMMAND_ATTR = "jourfixe_command"
_CALLBACK_ATTR = "jourfixe_callback_prefix"


def command(
    name: str,
    *aliases: str,
    summary: str,
    summary_en: str,
    usage: str,
    example: str,
    expensive: bool = False,
    group: str = "Lesen",
) -> Callable[[Handler], Handler]:
    """Describe a command handler: its German name, aliases and help texts.

    The handler serves nothing until :mod:`bot.handlers.registry` lists it.
    """

    def describe(func: Handler) -> Handler:
        cmd = Command(
            name,
            tuple(aliases),
            func,
            summary,
            summary_en,
            usage,
            example,
            expensive,
            group,
        )
        setattr(func, _COMMAND_ATTR, cmd)
        return func

    return describe


def callback(prefix: str) -> Callable[[Handler], Handler]:
    """Describe a button handler for callback data of the form ``prefix:...``."""

    def describe(func: Handler) -> Handler:
        setattr(func, _CALLBACK_ATTR, prefix)
        return func

    return describe


def command_of(func: Handler) -> Command | None:
    """The :class:`Command` a handler was described with (None for a plain function)."""
    return getattr(func, _COMMAND_ATTR, None)


def callback_prefix_of(func: Handler) -> str | None:
    """The callback data prefix a button handler was described with."""
    return getattr(func, _CALLBACK_ATTR, None)


def register(
    commands: Iterable[Handler],
    callbacks: Iterable[Handler],
    message_hooks: Iterable[Callable[[Request, Services], Reply | None]],
    edit_hooks: Iterable[Callable[[Request, Services], Reply | None]],
) -> None:
    """Serve these handlers; the order of ``commands`` is the order of /hilfe and the menu."""
    for func in commands:
        cmd = command_of(func)
        if cmd is None:
            raise ValueError(f"{func.__qualname__} is not described with @command")
        for key in (cmd.name, *cmd.aliases):
            if key in COMMANDS and COMMANDS[key].func is not func:
                raise ValueError(f"command /{key} registered twice")
            COMMANDS[key] = cmd
    for func in callbacks:
        prefix = callback_prefix_of(func)
        if prefix is None:
            raise ValueError(f"{func.__qualname__} is not described with @callback")
        if prefix in CALLBACKS and CALLBACKS[prefix] is not func:
            raise ValueError(f"callback prefix {prefix!r} registered twice")
        CALLBACKS[prefix] = func
    MESSAGE_HOOKS.extend(h for h in message_hooks if h not in MESSAGE_HOOKS)
    EDIT_HOOKS.extend(h for h in edit_hooks if h not in EDIT_HOOKS)


def unique_commands() -> list[Command]:
    """Every registered command once, in registration order."""
    seen: dict[str, Command] = {}
    for cmd in COMMANDS.values():
        seen.setdefault(cmd.name, cmd)
    return list(seen.values())
