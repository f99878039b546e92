"""A small fake Telegram Bot API server on 127.0.0.1 for tests and benchmarks.

It answers the Bot API methods the bot uses like the real server would (including its errors:
malformed HTML, messages over 4096 characters, callback data over 64 bytes), serves injected
updates to ``getUpdates`` long polling, serves uploaded files, and records every call so a test
can read what the bot sent::

    with FakeBotAPI() as api:
        api.inject(api.private_message("Was sagt Karaganow?"))
        call = api.wait_for("sendMessage")
        assert "Karaganow" in call.params["text"]

The server runs in a daemon thread (``http.server``), so it also works while a pytest-asyncio
event loop or a separate bot process is running. ``wait_for`` blocks the calling thread;
``await_call`` is the asyncio variant for tests whose bot runs in the same event loop.
"""

from __future__ import annotations

import asyncio
import email.parser
import email.policy
import html
import itertools
import json
import re
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

TOKEN = "123:TEST"
BOT_USERNAME = "jourfixe_bot"
MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024

# Parameters PTB sends as raw strings; every other form value is JSON-encoded.
_STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "callback_query_id",
        "inline_query_id",
        "next_offset",
        "parse_mode",
        "language_code",
        "file_id",
        "url",
        "secret_token",
        "inline_message_id",
        "business_connection_id",
        "description",
        "short_description",
        "name",
        "emoji",
        "action",
        "ip_address",
    }
)

_ALLOWED_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
    }
)
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|lt|gt|amp|quot);")


class ApiError(Exception):
    """An error answer of the Bot API (``{"ok": false, ...}``)."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after


@dataclass
class ApiCall:
    """One request the bot made: method name, decoded parameters, uploaded files, answer."""

    method: str
    params: dict[str, Any]
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    result: Any = None
    error: tuple[int, str] | None = None
    t: float = 0.0  # time.perf_counter() when the request arrived

    @property
    def chat_id(self) -> Any:
        return self.params.get("chat_id")

    @property
    def text(self) -> str:
        """The HTML the bot sent (text, caption or inline result texts)."""
        return str(self.params.get("text") or self.params.get("caption") or "")

    @property
    def buttons(self) -> list[list[dict[str, Any]]]:
        markup = self.params.get("reply_markup") or {}
        return markup.get("inline_keyboard", []) if isinstance(markup, dict) else []

    @property
    def callback_data(self) -> list[str]:
        return [b["callback_data"] for row in self.buttons for b in row if "callback_data" in b]


class _HTMLChecker(HTMLParser):
    """Rejects what Telegram's HTML parse mode rejects: unknown tags, unbalanced tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _ALLOWED_TAGS:
            raise ApiError(
                400, f"Bad Request: can't parse entities: Unsupported start tag {tag!r}"
            )
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raise ApiError(400, f"Bad Request: can't parse entities: Unsupported start tag {tag!r}")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            raise ApiError(400, f"Bad Request: can't parse entities: Unexpected end tag {tag!r}")
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if "<" in data or ">" in data:
            raise ApiError(400, "Bad Request: can't parse entities: unescaped '<' or '>'")
        self.text.append(data)

    def handle_entityref(self, name: str) -> None:
        self.text.append(html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self.text.append(html.unescape(f"&#{name};"))


def parse_html(text: str) -> str:
    """Validate Telegram HTML and return the plain text a user would see."""
    for m in re.finditer("&", text):
        if not _ENTITY.match(text, m.start()):
            raise ApiError(
                400,
                "Bad Request: can't parse entities: Character '&' is reserved and must be "
                "escaped with the preceding '\\'",
            )
    checker = _HTMLChecker()
    checker.feed(text)
    checker.close()
    if checker.stack:
        raise ApiError(
            400, f"Bad Request: can't parse entities: Can't find end tag for {checker.stack[-1]!r}"
        )
    if checker.rawdata:  # an unterminated tag such as "<b"
        raise ApiError(400, "Bad Request: can't parse entities: unterminated tag")
    return "".join(checker.text)


def utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def _entities(text: str, username: str) -> list[dict[str, Any]]:
    """The entities Telegram computes for a plain message: a leading command and mentions."""
    ents: list[dict[str, Any]] = []
    m = re.match(r"/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?", text)
    if m:
        ents.append({"type": "bot_command", "offset": 0, "length": utf16_len(m.group(0))})
    for m in re.finditer(r"(?<![\w/])@[A-Za-z0-9_]{5,32}", text):
        ents.append(
            {"type": "mention", "offset": utf16_len(text[: m.start()]), "length": utf16_len(m[0])}
        )
    return ents


class FakeBotAPI:
    """The fake server. Use as a context manager, or call ``start()`` and ``stop()``."""

    def __init__(
        self,
        token: str = TOKEN,
        username: str = BOT_USERNAME,
        first_name: str = "Jourfixe",
        max_poll_seconds: float = 1.0,
    ) -> None:
        self.token = token
        self.bot_id = int(token.split(":")[0])
        self.username = username
        self.bot_user = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": first_name,
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }
        # getUpdates holds a request at most this long (the bot asks for 10 s or more); short so
        # that stopping the server never waits long.
        self.max_poll_seconds = max_poll_seconds
        self.calls: list[ApiCall] = []
        self.admins: set[tuple[int, int]] = set()  # (chat_id, user_id) with status administrator
        self.owners: set[tuple[int, int]] = set()  # (chat_id, user_id) with status creator
        self.chats: dict[int, dict[str, Any]] = {}
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}  # everything the bot sent
        self.files: dict[str, tuple[str, bytes]] = {}  # file_id -> (file_path, content)
        self.webhook: dict[str, Any] | None = None  # parameters of the last setWebhook
        self.polls = 0  # getUpdates requests so far
        self._updates: list[dict[str, Any]] = []
        self._next_update_id = 1
        self._ids = itertools.count(1)  # message ids, unique across chats
        self._query_ids = itertools.count(1)
        self._failures: list[dict[str, Any]] = []
        self._cond = threading.Condition()
        self._stopping = False
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> FakeBotAPI:
        server = _QuietServer(("127.0.0.1", 0), _make_handler(self))
        server.daemon_threads = True
        self._server = server
        self.port = server.server_address[1]
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="fakebotapi"
        )
        self._thread.daemon = True
        self._thread.start()
        return self

    def stop(self) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeBotAPI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """Value for TELEGRAM_API_BASE_URL / ``Config.api_base_url``."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    # -- what tests do ---------------------------------------------------------------------

    def inject(self, update: dict[str, Any]) -> int:
        """Queue an update for getUpdates; returns its update_id."""
        with self._cond:
            update = dict(update)
            update["update_id"] = self._next_update_id
            self._next_update_id += 1
            self._updates.append(update)
            self._cond.notify_all()
            return update["update_id"]

    @property
    def pending_updates(self) -> int:
        with self._cond:
            return len(self._updates)

    def calls_since(self, since: int = 0) -> list[ApiCall]:
        with self._cond:
            return list(self.calls[since:])

    def calls_to(self, method: str, since: int = 0) -> list[ApiCall]:
        with self._cond:
            return [c for c in self.calls[since:] if c.method == method]

    def sent(self, since: int = 0) -> list[ApiCall]:
        """Successful sendMessage / sendDocument / editMessageText calls, in order."""
        with self._cond:
            return [
                c
                for c in self.calls[since:]
                if c.method in ("sendMessage", "sendDocument", "editMessageText")
                and c.error is None
            ]

    def mark(self) -> int:
        """Current number of calls; pass it as ``since`` to look only at later calls."""
        with self._cond:
            return len(self.calls)

    def wait_for(
        self,
        method: str,
        predicate: Callable[[ApiCall], bool] | None = None,
        timeout: float = 10.0,
        since: int = 0,
    ) -> ApiCall:
        """Block until the bot made a matching call (at index >= since); TimeoutError if not."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for call in self.calls[since:]:
                    if call.method == method and (predicate is None or predicate(call)):
                        return call
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = [c.method for c in self.calls[since:]]
                    raise TimeoutError(f"no {method} call within {timeout} s; saw {seen}")
                self._cond.wait(remaining)

    async def await_call(
        self,
        method: str,
        predicate: Callable[[ApiCall], bool] | None = None,
        timeout: float = 10.0,
        since: int = 0,
    ) -> ApiCall:
        """Like ``wait_for`` without blocking the running event loop."""
        deadline = time.monotonic() + timeout
        while True:
            with self._cond:
                for call in self.calls[since:]:
                    if call.method == method and (predicate is None or predicate(call)):
                        return call
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {method} call within {timeout} s")
            await asyncio.sleep(0.005)

    def fail(
        self,
        method: str,
        code: int,
        description: str,
        retry_after: int | None = None,
        times: int = 1,
        chat_id: int | None = None,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` (optionally to one chat) with an error.

        E.g. ``fail("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)`` or
        ``fail("sendMessage", 403, "Forbidden: bot was blocked by the user")``.
        """
        with self._cond:
            self._failures.append(
                {
                    "method": method,
                    "code": code,
                    "description": description,
                    "retry_after": retry_after,
                    "times": times,
                    "chat_id": chat_id,
                }
            )

    def add_file(self, content: bytes, file_name: str = "datei.txt") -> str:
        """Store a file the bot can fetch with getFile; returns its file_id."""
        with self._cond:
            file_id = f"FILE{len(self.files) + 1}"
            self.files[file_id] = (f"documents/{file_id}_{file_name}", content)
            return file_id

    # -- update factories (dicts in Bot API JSON; feed them to inject() or Update.de_json) -----

    def user(self, user_id: int = 1001, first_name: str = "Anna", **extra: Any) -> dict[str, Any]:
        user = {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "de"}
        user.update(extra)
        return user

    def private_chat(self, user: dict[str, Any] | None = None) -> dict[str, Any]:
        user = user or self.user()
        return self._chat({"id": user["id"], "type": "private", "first_name": user["first_name"]})

    def group_chat(self, chat_id: int = -1001234, title: str = "Lesekreis") -> dict[str, Any]:
        return self._chat({"id": chat_id, "type": "supergroup", "title": title})

    def message(
        self,
        text: str = "",
        *,
        chat: dict[str, Any],
        user: dict[str, Any] | None = None,
        reply_to: dict[str, Any] | None = None,
        forward_from_name: str | None = None,
        document: dict[str, Any] | None = None,
        via_bot: dict[str, Any] | None = None,
        date: int | None = None,
    ) -> dict[str, Any]:
        """A message dict (not yet an update) from ``user`` in ``chat``."""
        self._chat(chat)
        msg: dict[str, Any] = {
            "message_id": next(self._ids),
            "date": date or int(time.time()),
            "chat": chat,
            "from": user or self.user(),
        }
        key = "caption" if document else "text"
        if text:
            msg[key] = text
            ents = _entities(text, self.username)
            if ents:
                msg[f"{key}_entities" if document else "entities"] = ents
        if document:
            msg["document"] = document
        if reply_to is not None:
            msg["reply_to_message"] = reply_to
        if forward_from_name:
            msg["forward_origin"] = {
                "type": "hidden_user",
                "date": msg["date"] - 3600,
                "sender_user_name": forward_from_name,
            }
        if via_bot is not None:
            msg["via_bot"] = via_bot
        return msg

    def private_message(
        self, text: str, user: dict[str, Any] | None = None, **kw: Any
    ) -> dict[str, Any]:
        """An update: ``user`` writes ``text`` to the bot in a private chat."""
        user = user or self.user()
        return {"message": self.message(text, chat=self.private_chat(user), user=user, **kw)}

    def group_message(
        self,
        text: str,
        user: dict[str, Any] | None = None,
        chat: dict[str, Any] | None = None,
        **kw: Any,
    ) -> dict[str, Any]:
        """An update: a message in a supergroup (e.g. "/zitat@jourfixe_bot Karaganow")."""
        return {"message": self.message(text, chat=chat or self.group_chat(), user=user, **kw)}

    def document_message(
        self,
        content: bytes,
        file_name: str = "text.txt",
        caption: str = "",
        mime_type: str = "text/plain",
        chat: dict[str, Any] | None = None,
        user: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """An update: a document (stored on the server for getFile) with an optional caption."""
        user = user or self.user()
        file_id = self.add_file(content, file_name)
        doc = {
            "file_id": file_id,
            "file_unique_id": f"U{file_id}",
            "file_name": file_name,
            "mime_type": mime_type,
            "file_size": len(content),
        }
        chat = chat or self.private_chat(user)
        return {"message": self.message(caption, chat=chat, user=user, document=doc)}

    def edited(self, update: dict[str, Any], new_text: str) -> dict[str, Any]:
        """An update: the message of ``update`` edited to ``new_text``."""
        msg = dict(update["message"])
        msg["text"] = new_text
        msg.pop("entities", None)
        ents = _entities(new_text, self.username)
        if ents:
            msg["entities"] = ents
        msg["edit_date"] = msg["date"] + 60
        return {"edited_message": msg}

    def callback(
        self,
        data: str,
        message: dict[str, Any] | ApiCall,
        user: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """An update: ``user`` presses a button with ``data`` under ``message``.

        ``message`` is a message dict or an ``ApiCall`` of the bot's sendMessage.
        """
        if isinstance(message, ApiCall):
            message = message.result
        user = user or self.user()
        return {
            "callback_query": {
                "id": str(next(self._query_ids)),
                "from": user,
                "chat_instance": f"ci{message['chat']['id']}",
                "message": message,
                "data": data,
            }
        }

    def inline_query(
        self, query: str, offset: str = "", user: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """An update: ``user`` types "@bot ``query``" in some chat."""
        return {
            "inline_query": {
                "id": str(next(self._query_ids)),
                "from": user or self.user(),
                "query": query,
                "offset": offset,
                "chat_type": "sender",
            }
        }

    def bot_message(self, call: ApiCall) -> dict[str, Any]:
        """The message dict the bot sent with ``call`` (e.g. to reply to it)."""
        assert call.result is not None, f"{call.method} failed: {call.error}"
        return call.result

    # -- server side -----------------------------------------------------------------------

    def _chat(self, chat: dict[str, Any]) -> dict[str, Any]:
        with self._cond:
            self.chats.setdefault(chat["id"], chat)
        return chat

    def _find_chat(self, chat_id: Any) -> dict[str, Any]:
        if chat_id is None:
            raise ApiError(400, "Bad Request: chat_id is empty")
        try:
            cid = int(chat_id)
        except (TypeError, ValueError):
            raise ApiError(400, "Bad Request: chat not found") from None
        with self._cond:
            chat = self.chats.get(cid)
        return chat or {"id": cid, "type": "private" if cid > 0 else "supergroup", "title": "?"}

    def clear_failures(self) -> None:
        """Telegram is reachable again: forget the errors still queued by :meth:`fail`."""
        with self._cond:
            self._failures.clear()

    def _take_failure(self, method: str, params: dict[str, Any]) -> ApiError | None:
        for f in self._failures:
            if f["method"] != method:
                continue
            if f["chat_id"] is not None and str(params.get("chat_id")) != str(f["chat_id"]):
                continue
            f["times"] -= 1
            if f["times"] <= 0:
                self._failures.remove(f)
            return ApiError(f["code"], f["description"], f["retry_after"])
        return None

    def handle(
        self, method: str, params: dict[str, Any], files: dict[str, tuple[str, bytes]]
    ) -> tuple[int, dict[str, Any]]:
        """Answer one Bot API request; record it."""
        call = ApiCall(method, params, files, t=time.perf_counter())
        if method.lower() != "getupdates":
            with self._cond:
                self.calls.append(call)
                failure = self._take_failure(method, params)
        else:
            failure = None
        try:
            if failure is not None:
                raise failure
            fn = getattr(self, f"_api_{method.lower()}", None)
            if fn is None:
                raise ApiError(404, "Not Found: method not found")
            result = fn(params, files)
            body = {"ok": True, "result": result}
            call.result = result
            status = 200
        except ApiError as err:
            body = {"ok": False, "error_code": err.code, "description": err.description}
            if err.retry_after is not None:
                body["parameters"] = {"retry_after": err.retry_after}
            call.error = (err.code, err.description)
            status = err.code
        with self._cond:
            self._cond.notify_all()
        return status, body

    def _api_getme(self, p: dict[str, Any], f: Any) -> dict[str, Any]:
        return self.bot_user

    def _api_getupdates(self, p: dict[str, Any], f: Any) -> list[dict[str, Any]]:
        # not recorded in ``calls`` (a polling bot asks every few seconds), only counted
        with self._cond:
            self.polls += 1
        offset = int(p.get("offset") or 0)
        limit = int(p.get("limit") or 100)
        timeout = min(float(p.get("timeout") or 0), self.max_poll_seconds)
        deadline = time.monotonic() + timeout
        with self._cond:
            if offset:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and not self._stopping:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
            return [dict(u) for u in self._updates[:limit]]

    def _api_setwebhook(self, p: dict[str, Any], f: Any) -> bool:
        url = str(p.get("url") or "")
        if url and not url.startswith(("https://", "http://127.0.0.1")):
            raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided")
        self.webhook = dict(p)
        return True

    def _api_deletewebhook(self, p: dict[str, Any], f: Any) -> bool:
        self.webhook = None
        if p.get("drop_pending_updates"):
            with self._cond:
                self._updates.clear()
        return True

    def _api_setmycommands(self, p: dict[str, Any], f: Any) -> bool:
        cmds = p.get("commands") or []
        if len(cmds) > 100:
            raise ApiError(400, "Bad Request: too many commands")
        for c in cmds:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", c.get("command", "")):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(c.get("description", "")) <= 256:
                raise ApiError(400, "Bad Request: command description is invalid")
        return True

    def _api_deletemycommands(self, p: dict[str, Any], f: Any) -> bool:
        return True

    def _api_getchatmember(self, p: dict[str, Any], f: Any) -> dict[str, Any]:
        key = (int(p["chat_id"]), int(p["user_id"]))
        user = {"id": key[1], "is_bot": False, "first_name": "Mitglied"}
        if key in self.owners:
            return {"status": "creator", "user": user, "is_anonymous": False}
        if key in self.admins:
            return {
                "status": "administrator",
                "user": user,
                "can_be_edited": False,
                "is_anonymous": False,
                "can_manage_chat": True,
                "can_delete_messages": True,
                "can_manage_video_chats": True,
                "can_restrict_members": True,
                "can_promote_members": False,
                "can_change_info": True,
                "can_invite_users": True,
                "can_post_stories": False,
                "can_edit_stories": False,
                "can_delete_stories": False,
            }
        return {"status": "member", "user": user}

    def _check_markup(self, p: dict[str, Any]) -> None:
        markup = p.get("reply_markup")
        if not markup:
            return
        for row in markup.get("inline_keyboard", []):
            for b in row:
                if not b.get("text"):
                    raise ApiError(400, "Bad Request: text buttons are unallowed")
                data = b.get("callback_data")
                if data is not None and not 1 <= len(data.encode()) <= 64:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")

    def _plain(self, p: dict[str, Any], key: str, limit: int) -> str:
        text = p.get(key)
        if text is None or text == "":
            if key == "caption":
                return ""
            raise ApiError(400, "Bad Request: message text is empty")
        text = str(text)
        plain = parse_html(text) if str(p.get("parse_mode", "")).upper() == "HTML" else text
        if not plain.strip() and key == "text":
            raise ApiError(400, "Bad Request: message text is empty")
        if utf16_len(plain) > limit:
            what = "message" if key == "text" else "message caption"
            raise ApiError(400, f"Bad Request: {what} is too long")
        return plain

    def _new_message(self, p: dict[str, Any]) -> dict[str, Any]:
        chat = self._find_chat(p.get("chat_id"))
        msg: dict[str, Any] = {
            "message_id": next(self._ids),
            "date": int(time.time()),
            "chat": chat,
            "from": self.bot_user,
        }
        if p.get("reply_markup"):
            msg["reply_markup"] = p["reply_markup"]
        if p.get("message_thread_id"):
            msg["message_thread_id"] = p["message_thread_id"]
        return msg

    def _api_sendmessage(self, p: dict[str, Any], f: Any) -> dict[str, Any]:
        plain = self._plain(p, "text", MESSAGE_LIMIT)
        self._check_markup(p)
        msg = self._new_message(p)
        msg["text"] = plain
        with self._cond:
            self.messages[(msg["chat"]["id"], msg["message_id"])] = msg
        return msg

    def _api_senddocument(self, p: dict[str, Any], f: dict[str, tuple[str, bytes]]) -> Any:
        if "document" not in f and not p.get("document"):
            raise ApiError(400, "Bad Request: there is no document in the request")
        caption = self._plain(p, "caption", CAPTION_LIMIT)
        self._check_markup(p)
        msg = self._new_message(p)
        name, content = f.get("document", ("document", b""))
        file_id = self.add_file(content, name)
        msg["document"] = {
            "file_id": file_id,
            "file_unique_id": f"U{file_id}",
            "file_name": name,
            "file_size": len(content),
        }
        if caption:
            msg["caption"] = caption
        with self._cond:
            self.messages[(msg["chat"]["id"], msg["message_id"])] = msg
        return msg

    def _api_editmessagetext(self, p: dict[str, Any], f: Any) -> Any:
        plain = self._plain(p, "text", MESSAGE_LIMIT)
        self._check_markup(p)
        if p.get("inline_message_id"):
            return True
        key = (int(p.get("chat_id") or 0), int(p.get("message_id") or 0))
        with self._cond:
            msg = self.messages.get(key)
            if msg is None:
                raise ApiError(400, "Bad Request: message to edit not found")
            if msg.get("text") == plain and msg.get("reply_markup") == p.get("reply_markup"):
                raise ApiError(
                    400,
                    "Bad Request: message is not modified: specified new message content and "
                    "reply markup are exactly the same as a current content and reply markup "
                    "of the message",
                )
            msg = dict(msg, text=plain, edit_date=int(time.time()))
            if p.get("reply_markup"):
                msg["reply_markup"] = p["reply_markup"]
            else:
                msg.pop("reply_markup", None)
            self.messages[key] = msg
        return msg

    def _api_editmessagereplymarkup(self, p: dict[str, Any], f: Any) -> Any:
        self._check_markup(p)
        key = (int(p.get("chat_id") or 0), int(p.get("message_id") or 0))
        with self._cond:
            msg = self.messages.get(key)
            if msg is None:
                raise ApiError(400, "Bad Request: message to edit not found")
            msg = dict(msg, reply_markup=p.get("reply_markup"))
            self.messages[key] = msg
        return msg

    def _api_answercallbackquery(self, p: dict[str, Any], f: Any) -> bool:
        if len(str(p.get("text") or "")) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        return True

    def _api_answerinlinequery(self, p: dict[str, Any], f: Any) -> bool:
        results = p.get("results") or []
        if len(results) > 50:
            raise ApiError(400, "Bad Request: RESULTS_TOO_MUCH")
        ids = [r.get("id", "") for r in results]
        if len(set(ids)) != len(ids) or any(not 1 <= len(i.encode()) <= 64 for i in ids):
            raise ApiError(400, "Bad Request: RESULT_ID_INVALID")
        if len(str(p.get("next_offset") or "").encode()) > 64:
            raise ApiError(400, "Bad Request: NEXT_OFFSET_INVALID")
        for r in results:
            content = r.get("input_message_content") or {}
            text = content.get("message_text", "")
            if str(content.get("parse_mode", "")).upper() == "HTML":
                text = parse_html(text)
            if not text.strip() or utf16_len(text) > MESSAGE_LIMIT:
                raise ApiError(400, "Bad Request: MESSAGE_EMPTY or MESSAGE_TOO_LONG")
            if not r.get("title"):
                raise ApiError(400, "Bad Request: RESULT_TITLE_EMPTY")
        return True

    def _api_setmessagereaction(self, p: dict[str, Any], f: Any) -> bool:
        return True

    def _api_sendchataction(self, p: dict[str, Any], f: Any) -> bool:
        return True

    def _api_getfile(self, p: dict[str, Any], f: Any) -> dict[str, Any]:
        file_id = str(p.get("file_id"))
        with self._cond:
            stored = self.files.get(file_id)
        if stored is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        path, content = stored
        return {
            "file_id": file_id,
            "file_unique_id": f"U{file_id}",
            "file_size": len(content),
            "file_path": path,
        }

    def file_content(self, file_path: str) -> bytes | None:
        with self._cond:
            for path, content in self.files.values():
                if path == file_path:
                    return content
        return None


def _decode_value(key: str, raw: str) -> Any:
    if key in _STRING_PARAMS:
        return raw
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def _parse_body(content_type: str, body: bytes) -> tuple[dict[str, Any], dict[str, Any]]:
    params: dict[str, Any] = {}
    files: dict[str, tuple[str, bytes]] = {}
    if content_type.startswith("multipart/form-data"):
        msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
        )
        for part in msg.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            filename = part.get_filename()
            if filename is not None:
                files[name] = (filename, payload)
            else:
                params[name] = _decode_value(name, payload.decode())
    elif content_type.startswith("application/json"):
        params = json.loads(body or b"{}")
    else:
        for key, values in urllib.parse.parse_qs(body.decode(), keep_blank_values=True).items():
            params[key] = _decode_value(key, values[-1])
    return params, files


class _QuietServer(ThreadingHTTPServer):
    """No traceback on stderr when a client (a bot process being stopped) hangs up."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


def _make_handler(api: FakeBotAPI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, like the real server
        disable_nagle_algorithm = True  # else headers and body wait for a delayed ACK (40 ms)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet: URLs contain the token

        def _reply(self, status: int, body: bytes, ctype: str = "application/json") -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the bot went away mid long poll

        def _route(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            file_prefix = f"/file/bot{api.token}/"
            if url.path.startswith(file_prefix):
                content = api.file_content(urllib.parse.unquote(url.path[len(file_prefix) :]))
                if content is None:
                    self._reply(404, b"Not Found", "text/plain")
                else:
                    self._reply(200, content, "application/octet-stream")
                return
            m = re.fullmatch(r"/bot([^/]+)/(\w+)", url.path)
            if not m:
                self._reply(404, b'{"ok":false,"error_code":404,"description":"Not Found"}')
                return
            if m.group(1) != api.token:
                self._reply(401, b'{"ok":false,"error_code":401,"description":"Unauthorized"}')
                return
            params, files = _parse_body(self.headers.get("Content-Type") or "", body)
            for key, values in urllib.parse.parse_qs(url.query).items():
                params.setdefault(key, _decode_value(key, values[-1]))
            status, answer = api.handle(m.group(2), params, files)
            self._reply(status, json.dumps(answer).encode())

        def do_POST(self) -> None:
            self._route()

        def do_GET(self) -> None:
            self._route()

    return Handler
