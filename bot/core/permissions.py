"""Who may change the sources every chat shares (upload, rename, remove, protocol as source).

The library is shared by every chat the bot is in, so the default is narrow:

- the local console (whoever runs ``jourfixe chat`` operates the bot) may always;
- with ``JOURFIXE_EDITORS`` set, exactly those Telegram user ids may, in any chat;
- otherwise the admins of the groups the bot is in: in a group its admins, in a private chat
  a user the bot has seen as admin of one of its groups (table ``group_admins``, filled by the
  Telegram adapter from the chat-member look-ups it makes anyway and refreshed by asking
  Telegram again when that user writes privately). Never an arbitrary private chat.

Confirmations (e.g. "Ja, entfernen") are remembered too (table ``pending_confirmations``; both
tables are created by :mod:`bot.core.schema`):
a button press that would change the library is honoured only when the bot itself asked that
question in that chat a short while ago, so a forged callback cannot skip the question.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.core.store import parse_timestamp, timestamp
from bot.texts import permissions as T

if TYPE_CHECKING:
    from bot.core.store import Store

ADMIN_RECORD_DAYS = 30  # an admin status not seen again for this long no longer counts
CONFIRM_TTL = timedelta(minutes=15)
ANONYMOUS_ADMIN_ID = 1087968824  # Telegram's shared account of anonymous group admins


@dataclass(frozen=True)
class Actor:
    """Who asks, as far as the permission check cares (built from a handler Request)."""

    chat_id: int
    chat_type: str  # private | group | supergroup | channel | console | inline
    user_id: int
    is_admin: bool  # admin of this chat (adapters say True in private chats)


def may_change_sources(actor: Actor, store: Store, editors: frozenset[int], now: datetime) -> bool:
    """The rule of the module docstring."""
    if actor.chat_type == "console":
        return True
    if editors:
        return actor.user_id in editors
    if actor.chat_type in ("group", "supergroup"):
        return actor.is_admin
    if actor.chat_type == "private":
        return is_known_group_admin(store, actor.user_id, now)
    return False  # channels, inline messages without a chat: nobody


def refusal(actor: Actor, editors: frozenset[int], toast: bool = False) -> str:
    """The German reason for a refusal, fitting the situation (short for a button's toast)."""
    if editors:
        return T.EDITORS_ONLY_TOAST if toast else T.EDITORS_ONLY
    if actor.chat_type in ("group", "supergroup"):
        return T.GROUP_ADMINS_ONLY
    return T.PRIVATE_NOT_EDITOR_TOAST if toast else T.PRIVATE_NOT_EDITOR


# --- what the adapter saw -------------------------------------------------------------------


def record_admin_status(
    store: Store, chat_id: int, user_id: int, is_admin: bool, now: datetime
) -> None:
    """Remember (or forget) that ``user_id`` is an admin of the group ``chat_id``."""
    if user_id == ANONYMOUS_ADMIN_ID:
        return  # shared by every anonymous admin: never a person
    with store.transaction() as db:
        if is_admin:
            db["group_admins"].upsert(
                {"chat_id": chat_id, "user_id": user_id, "seen": timestamp(now)},
                pk=("chat_id", "user_id"),
            )
        else:
            db["group_admins"].delete_where("chat_id = ? AND user_id = ?", [chat_id, user_id])


def forget_group(store: Store, chat_id: int) -> None:
    """The bot left (or was removed from) a group: its admins no longer count."""
    with store.transaction() as db:
        db["group_admins"].delete_where("chat_id = ?", [chat_id])


def admin_groups_of(store: Store, user_id: int) -> list[int]:
    """The groups in which ``user_id`` was last seen as admin."""
    rows = store.db.execute("SELECT chat_id FROM group_admins WHERE user_id = ?", [user_id])
    return [int(r[0]) for r in rows]


def is_known_group_admin(store: Store, user_id: int, now: datetime) -> bool:
    since = timestamp(now - timedelta(days=ADMIN_RECORD_DAYS))
    row = store.db.execute(
        "SELECT 1 FROM group_admins WHERE user_id = ? AND seen >= ? LIMIT 1", [user_id, since]
    ).fetchone()
    return row is not None


# --- confirmations ----------------------------------------------------------------------------


def ask_confirmation(
    store: Store, chat_id: int, action: str, target: str, user_id: int, now: datetime
) -> None:
    """Remember that the bot asked in ``chat_id`` to confirm ``action`` on ``target``."""
    with store.transaction() as db:
        db["pending_confirmations"].upsert(
            {"chat_id": chat_id, "action": action, "target": target, "user_id": user_id,
             "created": timestamp(now)},
            pk=("chat_id", "action", "target"),
        )  # fmt: skip


def take_confirmation(store: Store, chat_id: int, action: str, target: str, now: datetime) -> bool:
    """True (and forgotten) when that question was asked here within :data:`CONFIRM_TTL`."""
    where = "chat_id = ? AND action = ? AND target = ?"
    with store.transaction() as db:
        row = next(db["pending_confirmations"].rows_where(where, [chat_id, action, target]), None)
        if row is None:
            return False
        db["pending_confirmations"].delete_where(where, [chat_id, action, target])
    created = parse_timestamp(row["created"])
    return created is not None and created >= now - CONFIRM_TTL


def drop_confirmation(store: Store, chat_id: int, action: str, target: str | None = None) -> None:
    """ "Abbrechen": forget the question (all of ``action`` in this chat without a target)."""
    with store.transaction() as db:
        if target is None:
            db["pending_confirmations"].delete_where(
                "chat_id = ? AND action = ?", [chat_id, action]
            )
        else:
            db["pending_confirmations"].delete_where(
                "chat_id = ? AND action = ? AND target = ?", [chat_id, action, target]
            )
