"""New readings from Telegram: /neu (a document with that caption), /entfernen, title fixes.

Callback prefix of this module: ``rd``, followed by
``t:<slug>`` (Titel ändern), ``a:<slug>`` (Autor ändern), ``r:<slug>`` (remove, asks),
``y:<slug>`` (remove, confirmed) and ``n`` (cancel). After "Titel/Autor ändern" the next
message of that user in that chat is the new value (table ``reading_edits``); it reaches
:func:`on_message` as a message hook (see :mod:`bot.handlers.registry`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.core import permissions
from bot.core import readings as core
from bot.core.autosummary import AutoSummary
from bot.core.models import Source
from bot.core.readings import ReadingError
from bot.core.store import parse_timestamp, timestamp
from bot.handlers.base import (
    Button,
    OutMessage,
    Reply,
    Request,
    callback,
    command,
    may_change_sources,
    sources_refusal,
)
from bot.handlers.format import esc, split_message
from bot.texts import uploads as T

if TYPE_CHECKING:
    from bot.services import Services

PREFIX = "rd"
EDIT_TTL = timedelta(minutes=15)
LIMITS = {"t": 200, "a": 120}
KIND_WORDS = {
    "protokoll": "protocol", "protocol": "protocol", "artikel": "article", "article": "article",
    "blog": "blog",
}  # fmt: skip


def _allowed(request: Request, services: Services) -> bool:
    return may_change_sources(request, services)


def _refusal(request: Request, services: Services) -> str:
    return sources_refusal(request, services)


@command(
    "neu", "new", summary=T.NEW_SUMMARY, summary_en=T.NEW_SUMMARY_EN, usage=T.NEW_USAGE,
    example=T.NEW_EXAMPLE, group=T.GROUP,
)  # fmt: skip
def new_reading(request: Request, services: Services) -> Reply:
    """A document captioned /neu: ingest it and show what was found, with fix buttons."""
    if not _allowed(request, services):
        return Reply.text(_refusal(request, services))
    services.readings.sync()  # a `jourfixe add` meanwhile: know its slug and hash
    attachment = request.attachment
    if attachment is None:
        return Reply.text(T.NEW_REPLY_HINT if request.reply_to is not None else T.NEW_HOW)
    kind = next((KIND_WORDS[w] for w in request.args.lower().split() if w in KIND_WORDS), None)
    try:
        core.check_upload(attachment.file_name, attachment.size)  # before downloading
        try:
            data = attachment.load()
        except Exception:  # network errors of the adapter
            return Reply.text(T.DOWNLOAD_FAILED)
        result = services.readings.add(data, attachment.file_name, core.Meta(kind=kind),
            dest_dir=services.config.data_dir / "readings",
            added_by=f"{request.user_name} ({request.user_id})",
        )  # fmt: skip
    except ReadingError as err:
        hint = (
            f"\n\n{T.UNKNOWN_LAYOUT_HINT}" if isinstance(err, core.UnknownProtocolLayout) else ""
        )
        return Reply.text(esc(str(err)) + hint)
    summary = services.summaries.of(result.source.slug)
    return Reply(messages=added_messages(result, summary))


def added_messages(result: core.AddResult, summary: AutoSummary | None) -> list[OutMessage]:
    """What the bot found in a new reading, its automatic summary and the fix buttons."""
    s = result.source
    lines = [
        T.ADDED_HEAD.format(title=esc(s.title)),
        T.ADDED_FIELDS.format(
            author=esc(s.author), date=f"{s.date:%d.%m.%Y}",
            kind=T.KIND_LABELS.get(s.kind, s.kind), slug=esc(s.slug),
            passages=T.PASSAGES_ONE if result.passages == 1 else
            T.PASSAGES_MANY.format(count=result.passages),
        ),
    ]  # fmt: skip
    if result.defaults:
        lines.append(T.ADDED_DEFAULTS.format(notes=esc("; ".join(result.defaults))))
    lines += [T.ADDED_WARNING.format(warning=esc(w)) for w in result.warnings]
    html = "\n".join(lines)
    if summary is not None and summary.sentences:
        html += "\n\n" + format_auto_summary(summary)
    buttons = [
        [
            Button(T.BUTTON_TITLE, f"{PREFIX}:t:{s.slug}"),
            Button(T.BUTTON_AUTHOR, f"{PREFIX}:a:{s.slug}"),
        ]
    ]
    parts = split_message(html)
    messages = [OutMessage(html=part) for part in parts]
    messages[-1].buttons = buttons
    return messages


def format_auto_summary(summary: AutoSummary) -> str:
    """An automatic summary as Telegram HTML, always labelled "automatisch erstellt"."""
    out = [T.AUTO_SUMMARY_HEAD]
    out += [f"• {esc(sentence)}" for sentence in summary.sentences]
    if summary.key_terms:
        out.append(T.AUTO_TERMS.format(terms=esc(", ".join(summary.key_terms))))
    return "\n".join(out)


# --- fixing title and author ---------------------------------------------------------------


def _now(services: Services) -> datetime:
    return services.clock()


# --- pending button edits ("Titel ändern": the next message is the new value) ---------------


def _set_pending_edit(
    services: Services, chat_id: int, user_id: int, slug: str, field: str, now: datetime
) -> None:
    """Remember that this user's next message here is the new value of ``field``."""
    with services.store.transaction() as db:
        db["reading_edits"].upsert(
            {"chat_id": chat_id, "user_id": user_id, "slug": slug, "field": field,
             "created": timestamp(now)},
            pk=("chat_id", "user_id"),
        )  # fmt: skip


def _pop_pending_edit(
    services: Services, chat_id: int, user_id: int, not_before: datetime
) -> tuple[str, str] | None:
    """The pending (slug, field) of this user in this chat, removed; None if none or stale."""
    where = "chat_id = ? AND user_id = ?"
    with services.store.transaction() as db:
        row = next(db["reading_edits"].rows_where(where, [chat_id, user_id]), None)
        if row is None:
            return None
        db["reading_edits"].delete_where(where, [chat_id, user_id])
    if parse_timestamp(row["created"]) < not_before:
        return None
    return row["slug"], row["field"]


@callback(PREFIX)
def reading_button(request: Request, services: Services) -> Reply:
    """The buttons of this module (see the module docstring for the data format)."""
    parts = (request.callback_data or "").split(":", 2)
    action = parts[1] if len(parts) > 1 else ""
    slug = parts[2] if len(parts) > 2 else ""
    if not _allowed(request, services):
        return Reply(toast=_refusal(request, services))
    services.readings.sync()
    if action == "n":
        permissions.drop_confirmation(services.store, request.chat_id, "remove")
        return Reply(messages=[OutMessage(T.REMOVE_CANCELLED)], edit=True)
    source = services.catalog.get(slug)
    if action not in ("t", "a", "r", "y"):
        return Reply(toast=T.EDIT_EXPIRED)
    if source is None:
        return Reply(toast=T.EDIT_GONE)
    if action in ("t", "a"):
        if services.catalog.is_bundled(slug):
            return Reply(toast=T.EDIT_BUNDLED)
        _set_pending_edit(services, request.chat_id, request.user_id, slug, action, _now(services))
        return Reply.text(
            T.ASK_VALUE.format(field=T.FIELD_LABELS[action], title=esc(source.title))
        )
    if action == "r":
        return _confirm_removal(request, services, source)
    # "Ja, entfernen" counts only as the answer to the question this chat was asked
    if not permissions.take_confirmation(
        services.store, request.chat_id, "remove", slug, _now(services)
    ):
        return Reply(toast=T.NOT_CONFIRMED)
    return _remove(services, source)


def on_message(request: Request, services: Services) -> Reply | None:
    """The answer to "Titel ändern"/"Autor ändern": the next message of that user here."""
    if request.command is not None or request.callback_data is not None or request.edited:
        return None
    # questions come through here first: let them see readings the CLI added meanwhile
    services.readings.sync()
    if request.attachment is not None:
        # a file without "/neu": say how to add it instead of searching for its caption
        return Reply.text(
            T.DOCUMENT_WITHOUT_NEU if _allowed(request, services) else _refusal(request, services)
        )
    pending = _pop_pending_edit(
        services, request.chat_id, request.user_id, _now(services) - EDIT_TTL
    )
    if pending is None:
        return None
    slug, field = pending
    if not _allowed(request, services):  # no longer allowed since the button was pressed
        return Reply.text(_refusal(request, services))
    label = T.FIELD_LABELS.get(field, field)
    value = " ".join((request.text or "").split())
    if value in ("-", "–", "abbrechen", "Abbrechen"):
        return Reply.text(T.EDIT_CANCELLED)
    if not value or len(value) > LIMITS.get(field, 200):
        # keep asking: the user gets another try
        _set_pending_edit(services, request.chat_id, request.user_id, slug, field,
                              _now(services))  # fmt: skip
        template = T.EDIT_EMPTY if not value else T.EDIT_TOO_LONG
        return Reply.text(template.format(field=label, limit=LIMITS.get(field, 200)))
    source = services.catalog.get(slug)
    if source is None:
        return Reply.text(T.EDIT_GONE)
    changes = {"title": value} if field == "t" else {"author": value}
    try:
        updated = services.readings.update(slug, **changes)
    except ReadingError as err:
        return Reply.text(esc(str(err)))
    return Reply.text(T.EDIT_DONE.format(field=label, value=esc(value), slug=esc(updated.slug)))


# --- removing ------------------------------------------------------------------------------


@command(
    "entfernen", "remove", summary=T.REMOVE_SUMMARY, summary_en=T.REMOVE_SUMMARY_EN,
    usage=T.REMOVE_USAGE, example=T.REMOVE_EXAMPLE, group=T.GROUP,
)  # fmt: skip
def remove_command(request: Request, services: Services) -> Reply:
    """/entfernen QUELLE: ask for confirmation, then take the source out of the search."""
    if not _allowed(request, services):
        return Reply.text(_refusal(request, services))
    services.readings.sync()
    query = request.args.strip()
    if not query:
        return Reply.text(esc(f"{T.REMOVE_USAGE}\n{T.REMOVE_EXAMPLE}"))
    found = services.catalog.resolve(query[:200])
    if not found:
        return Reply.text(T.REMOVE_NONE.format(query=esc(query[:200])))
    if len(found) == 1:
        return _confirm_removal(request, services, found[0])
    buttons = [[Button(s.title[:60], f"{PREFIX}:r:{s.slug}")] for s in found[:8]]
    buttons.append([Button(T.REMOVE_NO, f"{PREFIX}:n")])
    return Reply.text(T.REMOVE_WHICH, buttons)


def _confirm_removal(request: Request, services: Services, source: Source) -> Reply:
    if services.catalog.is_bundled(source.slug):  # say so now, not after "Ja, entfernen"
        return Reply.text(esc(T.BUNDLED.format(slug=source.slug, title=source.title)))
    files = core.written_content_files(services.config.content_dir, source.slug)
    if files:
        return Reply.text(
            esc(T.HAS_WRITTEN_CONTENT.format(title=source.title, slug=source.slug,
                                             files=", ".join(files)))
        )  # fmt: skip
    permissions.ask_confirmation(
        services.store, request.chat_id, "remove", source.slug, request.user_id, _now(services)
    )
    buttons = [
        [
            Button(T.REMOVE_YES, f"{PREFIX}:y:{source.slug}"),
            Button(T.REMOVE_NO, f"{PREFIX}:n"),
        ]
    ]
    return Reply.text(T.REMOVE_ASK.format(title=esc(source.title), slug=esc(source.slug)), buttons)


def _remove(services: Services, source: Source) -> Reply:
    try:
        services.readings.remove(source.slug)
    except ReadingError as err:
        return Reply(messages=[OutMessage(esc(str(err)))], edit=True)
    return Reply(messages=[OutMessage(T.REMOVE_DONE.format(title=esc(source.title)))], edit=True)
