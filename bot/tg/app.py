"""The Telegram adapter: Telegram updates in, :class:`Request`; :class:`Reply` out, Bot API calls.

Everything the bot says comes from the plain handlers in ``bot.handlers``; this module only
decides *whether* an update is meant for the bot (group rules), builds the request, and sends
the reply (HTML, split under 4096 characters, buttons on the last part).

Environment (read by :meth:`bot.config.Config.from_env`):

- ``TELEGRAM_BOT_TOKEN``: the bot token; never logged.
- ``TELEGRAM_API_BASE_URL``: Bot API base, default ``https://api.telegram.org/bot`` (tests and
  local Bot API servers); files are fetched from the same host under ``/file/bot``.
- ``JOURFIXE_WEBHOOK_URL``: public HTTPS URL; when set the bot runs a webhook server instead of
  long polling (needs ``python-telegram-bot[webhooks]``, i.e. tornado). The server listens on
  ``0.0.0.0:JOURFIXE_WEBHOOK_PORT`` (default 8443) under the URL's path, e.g.
  ``https://bot.example.org/jourfixe`` -> ``/jourfixe``; a reverse proxy terminates TLS and
  forwards that path. The secret token Telegram must send along is derived from the bot token,
  so requests not coming from Telegram are refused (403).
- ``JOURFIXE_RATE_LIMIT=0``: no flood-limit throttling and no per-user limit (tests, benchmarks).
"""

from __future__ import annotations

import asyncio
import hashlib
import importlib
import importlib.util
import logging
import math
import os
import re
import sqlite3
import time
import traceback
import urllib.parse
import warnings
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import httpx
from telegram import (
    BotCommand,
    BotCommandScopeDefault,
    Chat,
    ChatMemberAdministrator,
    ChatMemberOwner,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    LinkPreviewOptions,
    Message,
    MessageOrigin,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
    ReplyParameters,
    Update,
    User,
)
from telegram.constants import ChatMemberStatus, ParseMode
from telegram.error import (
    BadRequest,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBDeprecationWarning

from bot.core import permissions
from bot.core.catalog import CatalogError
from bot.core.repair import DatabaseProblem
from bot.core.repair import describe as describe_db_error
from bot.handlers.base import (
    COMMANDS,
    Attachment,
    Button,
    Command,
    MessageRef,
    OutMessage,
    Reply,
    Request,
    unique_commands,
)
from bot.handlers.dispatch import dispatch, is_expensive, knows_button, parse_command
from bot.handlers.format import html_to_text, split_message
from bot.handlers.inline import inline_results
from bot.services import Services, build_services, warm_semantic
from bot.texts import robust as robust_texts
from bot.texts import telegram as t
from bot.tg import inbox as inbox_
from bot.tg.maintenance import setup_backups
from bot.tg.processor import (
    CostBudget,
    HandlerRunner,
    HandlerTimeout,
    repeats_unconfirmed_reply,
)
from bot.tg.reminders import setup_reminders

if TYPE_CHECKING:
    from bot.config import Config
    from bot.services import Services

log = logging.getLogger(__name__)

# The update types the bot handles (passed to getUpdates / setWebhook).
ALLOWED_UPDATES = [
    Update.MESSAGE,
    Update.EDITED_MESSAGE,
    Update.CALLBACK_QUERY,
    Update.INLINE_QUERY,
    Update.MY_CHAT_MEMBER,
]
USER_RATE_LIMIT = (5, 30.0)  # at most 5 expensive requests per user in 30 seconds
ADMIN_CACHE_SECONDS = 60.0
INLINE_CACHE_SECONDS = 30  # readings can be added at run time: keep Telegram's cache short
DOWNLOAD_TIMEOUT = 60.0
MAX_RETRY_WAIT = 30.0  # seconds; a longer flood-control wait drops the message instead
# Loggers that would print request URLs, which contain the token.
_URL_LOGGERS = ("httpx", "httpcore")


T = TypeVar("T")


@dataclass(frozen=True)
class Route:
    """What a message asks for: a registered command, an unknown command, or a question."""

    kind: str  # "command" | "unknown" | "text"
    text: str  # the message text (mention of the bot removed for "text")
    name: str | None = None  # command name as typed, lowercased
    args: str = ""
    command: Command | None = None


def route_message(
    text: str,
    *,
    chat_type: str,
    bot_username: str,
    replied_to_bot: bool = False,
    has_document: bool = False,
) -> Route | None:
    """Decide whether (and how) the bot answers a message; ``None`` means stay silent.

    Commands are answered with or without ``@botname`` (unless addressed to another bot). In a
    private chat every other text is a question; in groups only a mention of the bot or a
    reply to one of its messages is. Unknown commands get a hint only when they are clearly
    meant for this bot: in private chats or with ``@botname``.
    """
    private = chat_type == "private"
    parsed = parse_command(text)
    if parsed is not None and parsed.is_bot_command:
        name, target, args = parsed.name, parsed.target, parsed.args
        addressed = target is not None and target.lower() == bot_username.lower()
        if target is not None and not addressed:
            return None  # "/zitat@otherbot": not ours
        cmd = COMMANDS.get(name)
        if cmd is not None:
            return Route("command", text, name, args, cmd)
        if private or addressed:
            return Route("unknown", text, name, args)
        return None
    mention = re.compile(rf"(?<![\w@])@{re.escape(bot_username)}(?!\w)", re.IGNORECASE)
    mentioned = bool(bot_username) and mention.search(text) is not None
    if not (private or mentioned or replied_to_bot):
        return None
    question = " ".join(mention.sub(" ", text).split()) if bot_username else text.strip()
    if not question and not has_document and not mentioned:
        return None  # a sticker or a photo without caption; a bare "@bot" is still a question
    return Route("text", question)


def telegram_commands(language: str = "de") -> list[BotCommand]:
    """The command list for setMyCommands: German names, or English aliases for ``en``."""
    result: list[BotCommand] = []
    seen: set[str] = set()
    for cmd in unique_commands():
        if language == "en":
            name = next((a for a in cmd.aliases if _valid_command(a)), cmd.name)
            summary = cmd.summary_en or cmd.summary
        else:
            name, summary = cmd.name, cmd.summary
        if not _valid_command(name) or name in seen:
            continue
        seen.add(name)
        summary = summary.strip() or name
        result.append(BotCommand(name, summary[:256]))
    return result[:100]


def _valid_command(name: str) -> bool:
    return re.fullmatch(r"[a-z0-9_]{1,32}", name) is not None


def keyboard(buttons: Sequence[Sequence[Button]]) -> InlineKeyboardMarkup | None:
    """Button specs as an inline keyboard (``None`` when there are no buttons)."""
    rows = []
    for row in buttons:
        cells = [
            InlineKeyboardButton(b.label, url=b.url)
            if b.url
            else InlineKeyboardButton(b.label, callback_data=b.data or "-")
            for b in row
        ]
        if cells:
            rows.append(cells)
    return InlineKeyboardMarkup(rows) if rows else None


def file_base_url(api_base_url: str) -> str:
    """Where files are downloaded: ``https://host/bot`` -> ``https://host/file/bot``."""
    parts = urllib.parse.urlsplit(api_base_url)
    path = parts.path
    if path.endswith("/bot"):
        path = path[: -len("/bot")] + "/file/bot"
    else:
        path = path.rstrip("/") + "/file/bot"
    return urllib.parse.urlunsplit(parts._replace(path=path))


def _seconds(value: int | float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _origin_name(origin: MessageOrigin | None) -> str | None:
    if isinstance(origin, MessageOriginUser):
        return origin.sender_user.first_name
    if isinstance(origin, MessageOriginHiddenUser):
        return origin.sender_user_name
    if isinstance(origin, MessageOriginChat):
        return origin.author_signature or origin.sender_chat.title
    if isinstance(origin, MessageOriginChannel):
        return origin.author_signature or origin.chat.title
    return None


def _is_from(msg: Message | None, user_id: int) -> bool:
    return msg is not None and msg.from_user is not None and msg.from_user.id == user_id


def _message_ref(msg: Message | None, bot_id: int) -> MessageRef | None:
    if msg is None:
        return None
    author = msg.from_user
    return MessageRef(
        message_id=msg.message_id,
        text=msg.text or msg.caption or "",
        author_id=author.id if author else None,
        author_name=_origin_name(msg.forward_origin)
        or (author.first_name if author else (msg.sender_chat.title if msg.sender_chat else ""))
        or "",
        date=msg.date,
        from_this_bot=_is_from(msg, bot_id),
    )


class TelegramAdapter:
    """The PTB callbacks; holds the services and the little state the adapter needs."""

    def __init__(
        self,
        config: Config,
        services: Services,
        user_rate_limit: tuple[int, float] | None = USER_RATE_LIMIT,
    ) -> None:
        self.config = config
        self.services = services
        self.user_rate_limit = user_rate_limit
        self._usage: dict[int, deque[float]] = {}
        self._warned: dict[int, float] = {}  # user -> until when "bitte kurz warten" was said
        self._admins: dict[tuple[int, int], tuple[bool, float]] = {}
        # update ids whose handler returned a reply (its changes committed) before sending
        self._answered: dict[int, Reply] = {}
        # handlers run in worker threads with a time limit (bot.tg.processor)
        self.runner = HandlerRunner(
            threaded=config.concurrent, budget=CostBudget() if user_rate_limit else None
        )

    # -- updates ---------------------------------------------------------------------------

    async def on_message(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A new message: a command, a question, or nothing the bot should answer."""
        msg = update.message
        if msg is None or msg.from_user is None or not self._from_person(msg, context):
            return
        bot = context.bot
        text = msg.text or msg.caption or ""
        route = route_message(
            text,
            chat_type=msg.chat.type,
            bot_username=bot.username or "",
            replied_to_bot=_is_from(msg.reply_to_message, bot.id),
            has_document=msg.document is not None,
        )
        if route is None:
            return
        command = route.name if route.kind != "text" else None
        if is_expensive(command) and await self._throttled(msg, context):
            return
        request = await self._request(
            msg,
            context,
            user=msg.from_user,
            text=route.text,
            command=command,
            args=route.args,
            with_attachment=True,
        )
        reply = await self.runner.reply(
            dispatch,
            request,
            self.services,
            progress=lambda note: self.send(bot, msg.chat.id, note, quote=msg),
        )
        if reply is not None:
            self._mark_answered(update, reply)
            await self.send(bot, msg.chat.id, reply, quote=msg)
            self._answered.pop(update.update_id, None)

    async def on_edited(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """An edited message goes to every edit hook (e.g. to update a logged note)."""
        msg = update.edited_message
        if msg is None or msg.from_user is None:
            return
        if not self._from_person(msg, context):
            return
        text = msg.text or msg.caption or ""
        parsed = parse_command(text)
        command = parsed if parsed is not None and parsed.is_bot_command else None
        request = await self._request(
            msg,
            context,
            user=msg.from_user,
            text=text,
            command=command.name if command else None,
            args=command.args if command else "",
            edited=True,
        )
        try:
            reply = await self.runner.run(dispatch, request, self.services)
        except HandlerTimeout:
            return
        if reply is not None:
            await self.send(context.bot, msg.chat.id, reply, quote=msg)

    async def on_callback(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A button press: dispatch on the prefix of its data, always answer the query."""
        query = update.callback_query
        if query is None:
            return
        answered = False
        try:
            data = query.data or ""
            if not knows_button(data):
                await self._api(query.answer, t.STALE_BUTTON)
                answered = True
                return
            pressed = query.message  # None under inline-mode messages
            msg = pressed if isinstance(pressed, Message) else None
            user = query.from_user
            if msg is not None:
                request = await self._request(
                    msg, context, user=user, text=msg.text or msg.caption or ""
                )
                request = replace(request, callback_data=data)
            else:  # inline-mode message (no chat known) or one too old for Telegram to show
                request = Request(
                    chat_id=pressed.chat.id if pressed else user.id,
                    chat_type=pressed.chat.type if pressed else "inline",
                    user_id=user.id,
                    user_name=user.first_name,
                    text="",
                    message_id=pressed.message_id if pressed else None,
                    is_admin=await self._is_admin(context.bot, pressed.chat, user)
                    if pressed
                    else False,
                    callback_data=data,
                )
            reply = await self.runner.reply(dispatch, request, self.services) or Reply(
                toast=t.STALE_BUTTON
            )
            self._mark_answered(update, reply)
            await self._api(query.answer, (reply.toast or "")[:200] or None)
            answered = True
            if reply.edit and reply.messages and (msg is not None or pressed is None):
                await self._edit(context.bot, query.inline_message_id, msg, reply)
            elif pressed is not None:
                await self.send(context.bot, pressed.chat.id, reply, thread=msg)
            self._answered.pop(update.update_id, None)
        finally:
            if not answered:
                try:
                    await self._api(query.answer)
                except TelegramError as exc:
                    log.warning("could not answer callback query: %s", exc)

    def _mark_answered(self, update: Update, reply: Reply) -> None:
        """The handler is done: a failure from here on is one of delivery only (on_error)."""
        if len(self._answered) > 1000:
            self._answered.clear()
        self._answered[update.update_id] = reply

    async def on_my_chat_member(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The bot was added back to a chat (or unblocked) or removed (or blocked):
        resume or pause that chat's reminders at once instead of waiting for a 403."""
        change = update.my_chat_member
        if change is None:
            return
        status = change.new_chat_member.status
        schedule = self.services.schedule
        now = self.services.clock()
        if status in (ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR):
            if schedule.resume(change.chat.id, now):
                log.info("reminders of chat %s resumed (bot is back)", change.chat.id)
        elif status in (ChatMemberStatus.LEFT, ChatMemberStatus.BANNED):
            schedule.pause(change.chat.id, now)
            permissions.forget_group(self.services.store, change.chat.id)

    async def on_inline(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """``@bot Stichwort``: one page of matching quotes, paged with next_offset."""
        query = update.inline_query
        if query is None:
            return
        try:
            if self.runner.refusal(query.from_user.id) is not None:
                raise HandlerTimeout  # over the user's budget: nothing this time
            items, next_offset = await self.runner.run(
                inline_results,
                query.query,
                query.offset,
                self.services,
                user_id=query.from_user.id,
            )
        except HandlerTimeout:
            await self._api(query.answer, [], cache_time=0, is_personal=True)
            return
        results = [
            InlineQueryResultArticle(
                id=item.id,
                title=item.title,
                description=item.description or None,
                input_message_content=InputTextMessageContent(
                    item.html,
                    parse_mode=ParseMode.HTML,
                    link_preview_options=LinkPreviewOptions(is_disabled=True),
                ),
            )
            for item in items
        ]
        await self._api(
            query.answer,
            results,
            cache_time=INLINE_CACHE_SECONDS,
            next_offset=next_offset or "",
            auto_pagination=False,
        )

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log the failure with the update id; the user gets a short German apology."""
        error = context.error
        if not isinstance(update, Update):
            if isinstance(error, NetworkError):  # polling hiccups: no traceback spam
                log.warning("network problem while polling: %s", error)
            else:
                log.error("error outside of an update", exc_info=error)
            return
        log.error("error while handling update %s", update.update_id, exc_info=error)
        chat = update.effective_chat
        if chat is None:  # inline queries have no chat to apologize in
            return
        msg = update.effective_message
        thread_id = msg.message_thread_id if msg and msg.is_topic_message else None
        # the handler had finished (its changes are committed): only the reply got stuck
        done = self._answered.pop(update.update_id, None)
        if done is None:
            apology = t.APOLOGY  # the handler failed: nothing was changed
        elif done.note_ref is not None and done.note_ref[0] == "note":
            apology = t.APOLOGY_NOTE_SAVED.format(num=done.note_ref[1])
        else:
            apology = t.APOLOGY_DONE
        try:
            await context.bot.send_message(chat.id, apology, message_thread_id=thread_id)
        except Exception as exc:  # whatever the Bot API does, never re-raise here
            log.warning("could not send the apology for update %s: %s", update.update_id, exc)

    # -- sending ---------------------------------------------------------------------------

    async def send(
        self,
        bot: Any,
        chat_id: int,
        reply: Reply,
        quote: Message | None = None,
        thread: Message | None = None,
    ) -> None:
        """Send every message of ``reply``; in groups the first one replies to ``quote``."""
        reply_params = None
        origin = quote or thread
        if quote is not None and quote.chat.type != Chat.PRIVATE:
            reply_params = ReplyParameters(quote.message_id, allow_sending_without_reply=True)
        thread_id = origin.message_thread_id if origin and origin.is_topic_message else None
        try:
            for out in reply.messages:
                sent = await self._send_out(bot, chat_id, out, reply_params, thread_id)
                if sent:
                    reply_params = None
        except Forbidden as exc:
            # blocked by the user or removed from the group: nobody to tell; drop the rest
            log.warning("Telegram refused to deliver to chat %s: %s", chat_id, exc)

    async def _send_out(
        self,
        bot: Any,
        chat_id: int,
        out: OutMessage,
        reply_params: ReplyParameters | None,
        thread_id: int | None,
    ) -> bool:
        markup = keyboard(out.buttons)
        html_text = out.html or ""
        sent = False
        if out.document is not None:
            caption = out.document.caption or ""
            if caption.strip() == html_text.strip():
                html_text = ""  # the text is the caption: say it once, not twice
            if not caption and len(html_text) <= 1024:
                caption, html_text = html_text, ""
            if len(caption) > 1024:
                caption, html_text = "", (caption + "\n\n" + html_text).strip()
            await self._api(
                bot.send_document,
                chat_id,
                document=out.document.content,
                filename=out.document.file_name,
                caption=caption or None,
                parse_mode=ParseMode.HTML,
                reply_markup=None if html_text.strip() else markup,
                reply_parameters=reply_params,
                message_thread_id=thread_id,
            )
            sent, reply_params = True, None
        if not html_text.strip():
            return sent
        parts = [p for p in split_message(html_text) if p.strip()]
        for i, part in enumerate(parts):
            await self._send_text(
                bot,
                chat_id,
                part,
                markup if i == len(parts) - 1 else None,
                reply_params if i == 0 else None,
                thread_id,
            )
        return True

    async def _send_text(
        self,
        bot: Any,
        chat_id: int,
        text: str,
        markup: InlineKeyboardMarkup | None,
        reply_params: ReplyParameters | None,
        thread_id: int | None,
    ) -> None:
        kwargs: dict[str, Any] = {
            "reply_markup": markup,
            "reply_parameters": reply_params,
            "message_thread_id": thread_id,
            "link_preview_options": LinkPreviewOptions(is_disabled=True),
        }
        if repeats_unconfirmed_reply():
            marked = f"{text}\n\n{robust_texts.RESENT_AFTER_RESTART}"
            if len(html_to_text(marked)) <= 4096:
                text = marked
        try:
            await self._api(bot.send_message, chat_id, text, parse_mode=ParseMode.HTML, **kwargs)
        except BadRequest as exc:
            if "parse entities" not in exc.message.lower():
                raise
            # A handler produced broken HTML: the user still gets the words, without markup.
            log.error("Telegram rejected HTML (%s); sending plain text", exc.message)
            await self._api(bot.send_message, chat_id, html_to_text(text)[:4096], **kwargs)

    async def _edit(
        self, bot: Any, inline_message_id: str | None, msg: Message | None, reply: Reply
    ) -> None:
        """Replace the pressed message with the first message of ``reply``; send the rest."""
        first, rest = reply.messages[0], reply.messages[1:]
        parts = [p for p in split_message(first.html or "") if p.strip()]
        if first.document is not None or not parts:
            if msg is not None:
                await self.send(bot, msg.chat.id, reply, thread=msg)
            return
        markup = keyboard(first.buttons)
        target: dict[str, Any] = (
            {"inline_message_id": inline_message_id}
            if msg is None
            else {"chat_id": msg.chat.id, "message_id": msg.message_id}
        )
        try:
            await self._api(
                bot.edit_message_text,
                parts[0],
                parse_mode=ParseMode.HTML,
                reply_markup=markup if len(parts) == 1 else None,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                **target,
            )
        except Forbidden as exc:
            log.warning("Telegram refused to edit in chat %s: %s", target, exc)
            return
        except BadRequest as exc:
            text = exc.message.lower()
            if "not modified" in text:
                return  # the same button pressed twice: everything is already there
            if msg is not None and (
                "not found" in text or "can't be edited" in text or "no text" in text
            ):
                # too old to edit (or not a text message): send the answer as a new message
                await self.send(bot, msg.chat.id, reply, thread=msg)
                return
            else:
                raise
        if msg is None:
            return
        tail = [OutMessage("\n\n".join(parts[1:]), first.buttons)] if len(parts) > 1 else []
        if tail or rest:
            await self.send(bot, msg.chat.id, Reply(messages=tail + rest), thread=msg)

    async def _api(self, fn: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any) -> T:
        """One Bot API call; on flood control wait as told and retry once."""
        for attempt in range(2):
            try:
                return await fn(*args, **kwargs)
            except RetryAfter as exc:
                with warnings.catch_warnings():  # PTB 22 warns about int time periods
                    warnings.simplefilter("ignore", PTBDeprecationWarning)
                    delay = _seconds(exc.retry_after)
                if attempt or delay > MAX_RETRY_WAIT:
                    raise  # updates are handled one at a time: never stall the bot for long
                log.warning("flood control: retrying in %.0f s", delay)
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    # -- building requests -----------------------------------------------------------------

    def _from_person(self, msg: Message, context: ContextTypes.DEFAULT_TYPE) -> bool:
        """Ignore other bots (no bot loops) and our own inline results posted as messages."""
        if msg.via_bot is not None and msg.via_bot.id == context.bot.id:
            return False
        user = msg.from_user
        return user is not None and (not user.is_bot or user.id == permissions.ANONYMOUS_ADMIN_ID)

    async def _request(
        self,
        msg: Message,
        context: ContextTypes.DEFAULT_TYPE,
        *,
        user: User,
        text: str,
        command: str | None = None,
        args: str = "",
        edited: bool = False,
        with_attachment: bool = False,
    ) -> Request:
        bot = context.bot
        doc = msg.document
        if doc is None and command is not None and msg.reply_to_message is not None:
            doc = msg.reply_to_message.document  # "/neu" sent as a reply to a document
        attachment = None
        if doc is not None and with_attachment:
            attachment = Attachment(
                file_name=doc.file_name or "datei",
                size=doc.file_size or 0,
                mime_type=doc.mime_type,
                load=lambda file_id=doc.file_id: self.download(file_id),
            )
        return Request(
            chat_id=msg.chat.id,
            chat_type=msg.chat.type,
            user_id=user.id,
            user_name=user.first_name,
            text=text,
            command=command,
            args=args,
            message_id=msg.message_id,
            date=msg.date,
            # an anonymous admin writes as the group itself
            is_admin=(msg.sender_chat is not None and msg.sender_chat.id == msg.chat.id)
            or await self._is_admin(bot, msg.chat, user),
            reply_to=_message_ref(msg.reply_to_message, bot.id),
            forward_from=_origin_name(msg.forward_origin),
            edited=edited,
            attachment=attachment,
        )

    async def _is_admin(self, bot: Any, chat: Chat, user: User) -> bool:
        """Private chats: always; groups: creator or administrator (cached for a minute)."""
        store, clock = self.services.store, self.services.clock
        if chat.type == Chat.PRIVATE:
            await self._refresh_group_admin(bot, user)
            return True
        key = (chat.id, user.id)
        now = time.monotonic()
        cached = self._admins.get(key)
        if cached is not None and cached[1] > now:
            return cached[0]
        try:
            member = await bot.get_chat_member(chat.id, user.id)
            admin = isinstance(member, ChatMemberOwner | ChatMemberAdministrator)
        except TelegramError as exc:
            log.warning("getChatMember failed in chat %s: %s", chat.id, exc)
            if isinstance(exc, Forbidden | BadRequest):  # not (or no longer) in that group
                permissions.record_admin_status(store, chat.id, user.id, False, clock())
            return False
        if len(self._admins) > 10_000:
            self._admins = {k: v for k, v in self._admins.items() if v[1] > now}
        self._admins[key] = (admin, now + ADMIN_CACHE_SECONDS)
        # who may change the shared sources from a private chat (bot.core.permissions)
        permissions.record_admin_status(store, chat.id, user.id, admin, clock())
        return admin

    async def _refresh_group_admin(self, bot: Any, user: User) -> None:
        """Ask Telegram again about the groups this user was last seen as admin of."""
        store = self.services.store
        for chat_id in permissions.admin_groups_of(store, user.id)[:10]:
            await self._is_admin(bot, Chat(chat_id, Chat.SUPERGROUP), user)

    async def _throttled(self, msg: Message, context: ContextTypes.DEFAULT_TYPE) -> bool:
        """Per-user limit on expensive requests; tells the user once how long to wait.

        Further requests during the same wait are dropped silently: answering each of them
        would flood the chat with the very messages the limit is meant to spare it.
        """
        if self.user_rate_limit is None or msg.from_user is None:
            return False
        user_id = msg.from_user.id
        limit, window = self.user_rate_limit
        now = time.monotonic()
        recent = self._usage.setdefault(user_id, deque())
        while recent and now - recent[0] >= window:
            recent.popleft()
        if len(recent) < limit:
            recent.append(now)
            if len(self._usage) > 10_000:
                self._usage = {u: q for u, q in self._usage.items() if q}
                self._warned = {u: w for u, w in self._warned.items() if w > now}
            return False
        free_at = recent[0] + window
        if self._warned.get(user_id, 0.0) >= free_at:
            return True  # already told to wait for exactly this
        self._warned[user_id] = free_at
        wait = max(1, math.ceil(free_at - now))
        when = t.RATE_WAIT_ONE if wait == 1 else t.RATE_WAIT_MANY.format(wait=wait)
        text = t.RATE_LIMITED.format(window=int(window), limit=limit, when=when)
        await self.send(context.bot, msg.chat.id, Reply.text(text), quote=msg)
        return True

    def download(self, file_id: str) -> bytes:
        """Fetch a file's bytes (synchronously: handlers are plain functions)."""
        token = self.config.token or ""
        try:
            with httpx.Client(timeout=DOWNLOAD_TIMEOUT) as client:
                answer = client.post(
                    f"{self.config.api_base_url}{token}/getFile", data={"file_id": file_id}
                ).json()
                if not answer.get("ok"):
                    raise OSError(t.DOWNLOAD_FAILED)
                path = answer["result"]["file_path"]
                if Path(path).is_absolute() and Path(path).is_file():
                    return Path(path).read_bytes()  # a local Bot API server in --local mode
                res = client.get(f"{file_base_url(self.config.api_base_url)}{token}/{path}")
                if res.status_code != 200:
                    raise OSError(t.DOWNLOAD_FAILED)
                return res.content
        except (httpx.HTTPError, ValueError, KeyError):
            # no exception chaining: httpx messages carry the URL, and the URL the token
            raise OSError(t.DOWNLOAD_FAILED) from None


# -- building and running ------------------------------------------------------------------


def build_application(
    config: Config,
    services: Services,
    *,
    user_rate_limit: tuple[int, float] | None | bool = True,
) -> Application:
    """Wire the handlers into a PTB Application (not started).

    ``user_rate_limit``: ``True`` = the default per-user limit when ``config.rate_limit``,
    ``None`` = off, or an explicit ``(requests, seconds)``.
    """
    for name in _URL_LOGGERS:  # their INFO lines contain request URLs, i.e. the token
        logging.getLogger(name).setLevel(logging.WARNING)
    if not config.token:
        raise ValueError("no Telegram token configured (TELEGRAM_BOT_TOKEN)")
    if user_rate_limit is True:
        limit: tuple[int, float] | None = USER_RATE_LIMIT if config.rate_limit else None
    else:
        limit = user_rate_limit or None
    adapter = TelegramAdapter(config, services, limit)

    async def post_init(application: Application) -> None:
        await register_commands(application)
        setup_reminders(application, services)
        setup_backups(application, services)

    builder = (
        Application.builder()
        .token(config.token)
        .base_url(config.api_base_url)
        .base_file_url(file_base_url(config.api_base_url))
        .post_init(post_init)
    )
    if config.rate_limit:
        builder = builder.rate_limiter(AIORateLimiter())
    builder = inbox_.install(builder, config)  # per-chat concurrency and the inbox
    application = builder.build()
    application.bot_data["adapter"] = adapter
    application.bot_data["services"] = services
    application.add_handler(MessageHandler(filters.UpdateType.MESSAGE, adapter.on_message))
    application.add_handler(MessageHandler(filters.UpdateType.EDITED_MESSAGE, adapter.on_edited))
    application.add_handler(CallbackQueryHandler(adapter.on_callback))
    application.add_handler(InlineQueryHandler(adapter.on_inline))
    application.add_handler(
        ChatMemberHandler(adapter.on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER)
    )
    application.add_error_handler(adapter.on_error)
    return application


async def register_commands(application: Application) -> None:
    """setMyCommands: German by default, English for clients set to English."""
    try:
        await application.bot.set_my_commands(telegram_commands("de"), BotCommandScopeDefault())
        await application.bot.set_my_commands(
            telegram_commands("en"), BotCommandScopeDefault(), language_code="en"
        )
    except TelegramError as exc:  # the bot works without a command menu
        log.warning("could not register the command list: %s", exc)


class _LogHygiene(logging.Filter):
    """Never print the token; no tracebacks for plain network trouble (the message says it)."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        ours = record.name.startswith(("telegram", "bot.", "httpx", "httpcore"))
        if ours and record.exc_info:
            error = record.exc_info[1]
            if isinstance(error, NetworkError | InvalidToken | httpx.HTTPError):
                record.exc_info, record.exc_text = None, None
                record.msg = f"{record.getMessage()} ({error})"
                record.args = None
        if self.token and self.token in record.getMessage():
            record.msg = record.getMessage().replace(self.token, "***")
            record.args = None
        if self.token and record.exc_info and not record.exc_text:
            text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
            if self.token in text:
                record.exc_text = text.replace(self.token, "***")
        return True


def _configure_logging(token: str) -> None:
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
    for handler in root.handlers:
        handler.addFilter(_LogHygiene(token))
    for name in _URL_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


def run_bot(config: Config) -> int:
    """Run the bot until SIGINT/SIGTERM: long polling, or a webhook if configured.

    Returns 0 after a clean stop, 1 when the bot could not start (reason in the log, German).
    """
    # PTB 22 warns about integer time periods; opt in to its timedelta behaviour.
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    _configure_logging(config.token or "")
    if config.webhook_url and importlib.util.find_spec("tornado") is None:
        log.error(t.WEBHOOK_NEEDS_TORNADO)
        return 1
    try:
        services = build_services(config)
        application = build_application(config, services)
    except Exception as exc:  # every start-up failure: one German line
        _log_start_failure(exc, config)
        return 1
    warm_semantic(services)  # the semantic extra, where installed: passages embedded meanwhile
    setup = application.post_init

    async def announce(app: Application) -> None:
        if setup is not None:
            await setup(app)
        mode = t.MODE_WEBHOOK if config.webhook_url else t.MODE_POLLING
        print(t.RUNNING.format(username=app.bot.username, mode=mode), flush=True)

    application.post_init = announce
    try:
        if config.webhook_url:
            path = urllib.parse.urlsplit(config.webhook_url).path.lstrip("/")
            secret = hashlib.sha256(f"jourfixe:{config.token}".encode()).hexdigest()[:32]
            log.info("starting webhook on port %s", config.webhook_port)
            application.run_webhook(
                listen="0.0.0.0",
                port=config.webhook_port,
                url_path=path,
                webhook_url=config.webhook_url,
                secret_token=secret,
                allowed_updates=ALLOWED_UPDATES,
            )
        else:
            log.info("starting long polling against %s", _host(config.api_base_url))
            application.run_polling(allowed_updates=ALLOWED_UPDATES)
    except InvalidToken:
        log.error(t.START_INVALID_TOKEN)
        return 1
    except NetworkError as exc:
        log.error(t.START_NETWORK.format(error=exc))
        return 1
    except TelegramError as exc:
        log.error(t.START_TELEGRAM_ERROR.format(error=exc))
        return 1
    except Exception as exc:  # e.g. a Bot API server answering off the spec
        _log_start_failure(exc, config, talking_to=_host(config.api_base_url))
        return 1
    print(t.STOPPED, flush=True)
    return 0


def _log_start_failure(exc: BaseException, config: Config, talking_to: str = "") -> None:
    """Log "Der Bot konnte nicht starten: …" in German; the traceback only in verbose mode (-v).

    ``talking_to``: the Bot API host, when the failure came while talking to it.
    """
    detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    if isinstance(exc, sqlite3.Error | DatabaseProblem):
        reason = describe_db_error(exc, config)
    elif isinstance(exc, CatalogError):
        reason = t.START_SOURCES.format(error=exc)
    elif talking_to:
        reason = t.START_API_OFF_SPEC.format(host=talking_to, error=detail)
    else:
        reason = detail
    verbose = logging.getLogger().isEnabledFor(logging.INFO)
    log.error(t.START_FAILED.format(error=reason), exc_info=exc if verbose else None)


def _host(url: str) -> str:
    return urllib.parse.urlsplit(url).netloc
