"""Handlers: session notes and protocols (/sitzung, /notiz, /ergebnis, /offen, /protokoll …).

Every reply that confirms a note is built after the core's transaction has committed. The
confirmation names the note as "#N" so that /loeschen in reply to it finds the note again
(the adapter does not report the ids of the bot's own messages).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.core import notes as core
from bot.core import protocol as proto
from bot.core import protocol_pdf as pdf
from bot.core.dates import parse_past_day
from bot.core.limits import MAX_NOTES_QUERY, too_long
from bot.core.models import Passage, Source
from bot.core.readings import Meta, ReadingError
from bot.core.schedule import next_meeting_info
from bot.core.search import SearchEngine
from bot.handlers.base import (
    Button,
    Document,
    OutMessage,
    Reply,
    Request,
    callback,
    command,
    may_change_sources,
    sources_refusal,
)
from bot.handlers.format import TELEGRAM_LIMIT, esc, split_message
from bot.texts import notes as T
from bot.texts import robust as R

if TYPE_CHECKING:
    from bot.services import Services

RESTORE_PREFIX = "nr"  # callback "nr:<num>": restore a note from the trash
PDF_PREFIX = "pp"  # callback "pp:<session id>": the protocol as PDF
_CONFIRMED_NUM = re.compile(r"(?:Beitrag|Ergebnis|Frage|Abschnitt|Zitat|Notiz) #(\d{1,9})\b")
_NUM_ARG = re.compile(r"^#?(\d{1,9})$")
LIST_PREVIEW = 300  # characters of each note in /notizen and /papierkorb


# -- helpers -----------------------------------------------------------------------------


def _tz(services: Services, chat_id: int | None = None) -> ZoneInfo:
    """The chat's time zone (/zeitzone of the scheduling module), else the configured one."""
    if chat_id is not None:
        try:
            return services.schedule.settings(chat_id).tz
        except Exception:  # note taking must not depend on the calendar
            pass
    try:
        return ZoneInfo(services.config.timezone)
    except Exception:  # a bad JOURFIXE_TZ must not break note taking
        return ZoneInfo("Europe/Berlin")


def _now(services: Services) -> datetime:
    return services.clock()


def _today(services: Services, chat_id: int | None = None) -> date:
    return _now(services).astimezone(_tz(services, chat_id)).date()


def _split(html_text: str) -> list[str]:
    """Messages within Telegram's limit (UTF-16 units; tags reopened at every cut)."""
    return split_message(html_text, TELEGRAM_LIMIT)


def _usage(usage: str, example: str) -> str:
    return T.USAGE.format(usage=esc(usage), example=esc(example))


def _notes_count(n: int) -> str:
    """ "1 Notiz", "3 Notizen" (German plural)."""
    return T.NOTES_ONE if n == 1 else T.NOTES_MANY.format(count=n)


def _title(session: core.Session) -> str:
    return esc(proto.title_of(session.day, session.topic))


def _scheduled_topic(services: Services, chat_id: int) -> str:
    """The topic of the meeting scheduled for today in this chat ("" when none)."""
    try:
        today = _today(services, chat_id)
        for occ in services.schedule.on_day(chat_id, today):
            if occ.topic:
                return str(occ.topic)
    except Exception:  # a calendar problem must not stop a note
        return ""
    return ""


def _next_meeting(services: Services, chat_id: int) -> str:
    """The announcement of the chat's next scheduled meeting ("" when none or unknown)."""
    try:
        info = next_meeting_info(services.schedule, chat_id, services.clock())
    except Exception:  # the protocol is sent without the next meeting
        return ""
    return str(info[1]) if info else ""


def _confirm(added: core.Added, extra: str = "") -> Reply:
    note = added.note
    label = T.KIND_LABEL[note.kind]
    if note.kind == core.SECTION:
        line = (
            T.SECTION_SAVED.format(num=note.num, title=esc(note.text))
            if note.text
            else T.SECTION_SAVED_UNTITLED.format(num=note.num)
        )
    elif note.kind == core.QUOTE:
        line = T.QUOTE_SAVED.format(num=note.num, ref=esc(note.ref))
    elif extra:
        line = T.SAVED_BY.format(label=label, num=note.num, author=esc(extra))
    else:
        line = T.SAVED.format(label=label, num=note.num)
    if added.opened:
        line += "\n" + T.SESSION_AUTO_OPENED.format(title=_title(added.session))
    if added.closed is not None:
        line += "\n" + T.SESSION_STALE_CLOSED.format(
            title=_title(added.closed), day=f"{added.closed.day:%d.%m.%Y}"
        )
    reply = Reply.text(line)
    reply.note_ref = ("note", note.num)
    return reply


def _error(error: core.NoteError, usage: str = "", example: str = "") -> Reply:
    if isinstance(error, core.NoteTooLong):
        return Reply.text(T.TOO_LONG.format(length=error.length, limit=core.MAX_NOTE_CHARS))
    if isinstance(error, core.EmptyNote):
        return Reply.text(T.EMPTY_NOTE.format(usage=esc(usage), example=esc(example)))
    if isinstance(error, core.NotAllowed):
        return Reply.text(T.NOT_ALLOWED)
    raise error


def _author(request: Request) -> str:
    return request.forward_from or request.user_name


# -- sessions ----------------------------------------------------------------------------

_START = ("start", "starten", "beginn", "beginnen", "neu", "open", "begin")
_END = ("ende", "beenden", "schluss", "stop", "stopp", "end", "close", "zu")


@command(
    "sitzung",
    "session",
    summary=T.SITZUNG_SUMMARY,
    summary_en=T.SITZUNG_SUMMARY_EN,
    usage=T.SITZUNG_USAGE,
    example=T.SITZUNG_EXAMPLE,
    group=T.GROUP,
)
def sitzung(request: Request, services: Services) -> Reply:
    """Start, show or end the chat's session."""
    nb = services.notes
    word, _, rest = request.args.partition(" ")
    word = word.lower()
    if not word:
        current = nb.current_session(request.chat_id)
        if current is None:
            return Reply.text(T.SESSION_NONE)
        count = _notes_count(len(nb.notes_of(request.chat_id, current.id)))
        return Reply.text(T.SESSION_CURRENT.format(title=_title(current), notes=count))
    if word in _START:
        topic = rest.strip() or _scheduled_topic(services, request.chat_id)
        stale = nb.close_stale(request.chat_id, _today(services, request.chat_id), _now(services))
        try:
            session = nb.open_session(
                request.chat_id,
                _today(services, request.chat_id),
                topic[: core.MAX_TOPIC_CHARS],
                _now(services),
                opened_by=request.user_id,
            )
        except core.SessionAlreadyOpen as error:
            return Reply.text(T.SESSION_ALREADY_OPEN.format(title=_title(error.session)))
        opened = T.SESSION_OPENED.format(title=_title(session))
        if stale is not None:
            opened += "\n" + T.SESSION_STALE_CLOSED.format(
                title=_title(stale), day=f"{stale.day:%d.%m.%Y}"
            )
        return Reply.text(opened)
    if word in _END:
        try:
            session = nb.close_session(
                request.chat_id, _now(services), request.user_id, request.is_admin
            )
        except core.NoOpenSession:
            return Reply.text(T.SESSION_NOTHING_TO_CLOSE)
        except core.NotAllowed:
            return Reply.text(T.SESSION_END_NOT_ALLOWED)
        notes = nb.notes_of(request.chat_id, session.id)
        head = T.SESSION_CLOSED.format(title=_title(session), notes=_notes_count(len(notes)))
        reply = _protocol_reply(services, request.chat_id, session)
        reply.messages.insert(0, OutMessage(html=head))
        return reply
    return Reply.text(T.SESSION_BAD_ARG.format(arg=esc(word[:50])))


# -- notes -------------------------------------------------------------------------------


def _log(request: Request, services: Services, kind: str, usage: str, example: str) -> Reply:
    nb = services.notes
    now = _now(services)
    ref = request.reply_to
    topic = ""
    try:
        if not request.args and ref is not None:
            if ref.from_this_bot and kind == core.CONTRIBUTION:
                linked = link_quote(request, services)
                if linked is not None:
                    return linked
            if not ref.text.strip():
                return Reply.text(T.EMPTY_REPLY)
            if len(ref.text.strip()) > core.MAX_NOTE_CHARS:
                # someone else's message: "shorten it" would not help, quoting parts does
                return Reply.text(
                    T.TOO_LONG_REPLY.format(
                        length=len(ref.text.strip()), limit=core.MAX_NOTE_CHARS
                    )
                )
            if nb.current_session(request.chat_id) is None:
                topic = _scheduled_topic(services, request.chat_id)
            added = nb.add_note(
                request.chat_id,
                kind,
                ref.text,
                today=_today(services, request.chat_id),
                now=now,
                author_id=ref.author_id,
                author_name=ref.author_name,
                logged_by=request.user_id,
                created_at=ref.date,
                message_id=ref.message_id,
                topic=topic,
            )
            return _confirm(
                added, extra=ref.author_name if ref.author_id != request.user_id else ""
            )
        if nb.current_session(request.chat_id) is None:
            topic = _scheduled_topic(services, request.chat_id)
        added = nb.add_note(
            request.chat_id,
            kind,
            request.args,
            today=_today(services, request.chat_id),
            now=now,
            author_id=request.user_id,
            author_name=_author(request),
            logged_by=request.user_id,
            created_at=request.date or now,
            message_id=request.message_id,
            topic=topic,
        )
    except core.NoteError as error:
        return _error(error, usage, example)
    return _confirm(added)


@command(
    "notiz",
    "note",
    summary=T.NOTIZ_SUMMARY,
    summary_en=T.NOTIZ_SUMMARY_EN,
    usage=T.NOTIZ_USAGE,
    example=T.NOTIZ_EXAMPLE,
    group=T.GROUP,
)
def notiz(request: Request, services: Services) -> Reply:
    """Log a contribution; in reply to a message, log that message with its author."""
    return _log(request, services, core.CONTRIBUTION, T.NOTIZ_USAGE, T.NOTIZ_EXAMPLE)


@command(
    "ergebnis",
    "result",
    summary=T.ERGEBNIS_SUMMARY,
    summary_en=T.ERGEBNIS_SUMMARY_EN,
    usage=T.ERGEBNIS_USAGE,
    example=T.ERGEBNIS_EXAMPLE,
    group=T.GROUP,
)
def ergebnis(request: Request, services: Services) -> Reply:
    """Log a conclusion of the group."""
    return _log(request, services, core.CONCLUSION, T.ERGEBNIS_USAGE, T.ERGEBNIS_EXAMPLE)


@command(
    "offen",
    "open",
    summary=T.OFFEN_SUMMARY,
    summary_en=T.OFFEN_SUMMARY_EN,
    usage=T.OFFEN_USAGE,
    example=T.OFFEN_EXAMPLE,
    group=T.GROUP,
)
def offen(request: Request, services: Services) -> Reply:
    """Log an open question for the next meeting."""
    return _log(request, services, core.QUESTION, T.OFFEN_USAGE, T.OFFEN_EXAMPLE)


@command(
    "abschnitt",
    "section",
    summary=T.ABSCHNITT_SUMMARY,
    summary_en=T.ABSCHNITT_SUMMARY_EN,
    usage=T.ABSCHNITT_USAGE,
    example=T.ABSCHNITT_EXAMPLE,
    group=T.GROUP,
)
def abschnitt(request: Request, services: Services) -> Reply:
    """Start a new section (the title is optional)."""
    nb = services.notes
    now = _now(services)
    topic = (
        "" if nb.current_session(request.chat_id) else _scheduled_topic(services, request.chat_id)
    )
    try:
        added = nb.add_note(
            request.chat_id,
            core.SECTION,
            request.args,
            today=_today(services, request.chat_id),
            now=now,
            author_id=request.user_id,
            author_name=_author(request),
            logged_by=request.user_id,
            created_at=request.date or now,
            message_id=request.message_id,
            topic=topic,
        )
    except core.NoteError as error:
        return _error(error, T.ABSCHNITT_USAGE, T.ABSCHNITT_EXAMPLE)
    return _confirm(added)


def _quote_candidates(services: Services) -> list[Passage]:
    passages: list[Passage] = []
    for source in services.catalog.sources:
        passages.extend(services.search.passages_of(source.slug))
    return passages


def link_quote(request: Request, services: Services) -> Reply | None:
    """/zitat (or /notiz) in reply to a quote the bot sent: link its passages to the session.

    Returns None when the request is not a reply to a message of the bot that shows a
    passage, so the caller can go on with its own search.
    """
    ref = request.reply_to
    if ref is None or not ref.from_this_bot or not ref.text.strip():
        return None
    found = core.quoted_passages(ref.text, _quote_candidates(services))
    if not found:
        return None
    nb = services.notes
    now = _now(services)
    messages: list[OutMessage] = []
    last: Reply | None = None
    for passage in found:
        source = services.catalog.get(passage.source)
        cite = services.search.hit(passage).ref if source else passage.id
        topic = (
            ""
            if nb.current_session(request.chat_id)
            else _scheduled_topic(services, request.chat_id)
        )
        added = nb.add_note(
            request.chat_id,
            core.QUOTE,
            passage.text[: core.MAX_NOTE_CHARS],
            today=_today(services, request.chat_id),
            now=now,
            author_id=request.user_id,
            author_name=_author(request),
            logged_by=request.user_id,
            created_at=request.date or now,
            message_id=None,
            passage_id=passage.id,
            ref=cite,
            topic=topic,
        )
        last = _confirm(added)
        messages.extend(last.messages)
    assert last is not None
    return Reply(messages=messages, note_ref=last.note_ref)


@command(
    "korrektur",
    "fix",
    summary=T.KORREKTUR_SUMMARY,
    summary_en=T.KORREKTUR_SUMMARY_EN,
    usage=T.KORREKTUR_USAGE,
    example=T.KORREKTUR_EXAMPLE,
    group=T.GROUP,
)
def korrektur(request: Request, services: Services) -> Reply:
    """Replace the text of the sender's own last note."""
    try:
        note = services.notes.correct_last(
            request.chat_id, request.user_id, request.args, _now(services)
        )
    except core.NoteNotFound:
        return Reply.text(T.NOTHING_TO_CORRECT)
    except core.NoteError as error:
        return _error(error, T.KORREKTUR_USAGE, T.KORREKTUR_EXAMPLE)
    reply = Reply.text(T.CORRECTED.format(label=T.KIND_LABEL[note.kind], num=note.num))
    reply.note_ref = ("note", note.num)
    return reply


def _target_num(request: Request) -> int | None:
    m = _NUM_ARG.match(request.args.strip())
    if m:
        return int(m.group(1))
    ref = request.reply_to
    if ref is not None and ref.from_this_bot:
        m = _CONFIRMED_NUM.search(ref.text)
        if m:
            return int(m.group(1))
    return None


@command(
    "loeschen",
    "delete",
    summary=T.LOESCHEN_SUMMARY,
    summary_en=T.LOESCHEN_SUMMARY_EN,
    usage=T.LOESCHEN_USAGE,
    example=T.LOESCHEN_EXAMPLE,
    group=T.GROUP,
)
def loeschen(request: Request, services: Services) -> Reply:
    """Soft-delete a note (reply to its confirmation, or give its number)."""
    num = _target_num(request)
    if num is None:
        return Reply.text(T.DELETE_HOW)
    try:
        note = services.notes.delete_note(
            request.chat_id, num, request.user_id, request.is_admin, _now(services)
        )
    except core.NoteNotFound:
        return Reply.text(T.NOT_FOUND.format(num=num))
    except core.NoteError as error:
        return _error(error)
    return Reply.text(T.DELETED.format(label=T.KIND_LABEL[note.kind], num=note.num))


def _preview(text: str, limit: int = LIST_PREVIEW) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _note_line(note: core.Note, tz: ZoneInfo, day: date | None = None) -> str:
    who = f" · {esc(note.author_name)}" if note.author_name else ""
    when = note.created_at.astimezone(tz)
    stamp = f"{when:%H:%M}" if day and when.date() == day else f"{when:%d.%m.%Y}"
    if day is None:
        stamp = f"{when:%d.%m.%Y}"
    text = note.text or "—"
    return T.NOTE_LINE.format(
        num=note.num,
        label=T.KIND_LABEL[note.kind],
        who=who,
        day=stamp,
        text=esc(_preview(text)),
    )


def _trash_reply(services: Services, chat_id: int) -> Reply:
    notes = services.notes.trash(chat_id)
    if not notes:
        return Reply.text(T.TRASH_EMPTY)
    tz = _tz(services, chat_id)
    body = "\n\n".join([T.TRASH_HEAD, *(_note_line(n, tz) for n in notes)])
    buttons = [
        [Button(T.TRASH_BUTTON.format(num=n.num), f"{RESTORE_PREFIX}:{n.num}")] for n in notes
    ]
    parts = _split(body)
    messages = [OutMessage(html=p) for p in parts]
    messages[-1].buttons = buttons
    return Reply(messages=messages)


@command(
    "papierkorb",
    "trash",
    summary=T.PAPIERKORB_SUMMARY,
    summary_en=T.PAPIERKORB_SUMMARY_EN,
    usage=T.PAPIERKORB_USAGE,
    example=T.PAPIERKORB_EXAMPLE,
    group=T.GROUP,
)
def papierkorb(request: Request, services: Services) -> Reply:
    """List deleted notes of this chat with restore buttons."""
    return _trash_reply(services, request.chat_id)


@callback(RESTORE_PREFIX)
def restore(request: Request, services: Services) -> Reply:
    """Restore button of /papierkorb: put the note back, refresh the list."""
    data = request.callback_data or ""
    _, _, raw = data.partition(":")
    try:
        if not (raw.isdigit() and len(raw) <= 9):  # note numbers; SQLite stops at 2**63
            raise ValueError(raw)
        num = int(raw)
        note = services.notes.restore_note(request.chat_id, num, request.user_id, request.is_admin)
    except (ValueError, core.NoteNotFound):
        reply = _trash_reply(services, request.chat_id)
        reply.edit, reply.toast = True, T.RESTORE_GONE
        return reply
    except core.NotAllowed:
        return Reply(toast=T.NOT_ALLOWED)
    reply = _trash_reply(services, request.chat_id)
    reply.edit = True
    reply.toast = T.RESTORED.format(label=T.KIND_LABEL[note.kind], num=note.num)
    return reply


def _note_passages(
    notes: list[core.Note], sessions: dict[int, core.Session]
) -> tuple[list[Passage], list[Source]]:
    passages = [
        Passage(
            id=f"s{n.session_id}:{n.num}",
            source=f"s{n.session_id}",
            paragraph=n.num,
            part=0,
            line_start=n.num,
            line_end=n.num,
            kind="contribution" if n.kind == core.CONTRIBUTION else "answer",
            section=1,
            text=n.text or T.KIND_LABEL[n.kind],
        )
        for n in notes
    ]
    sources = [
        Source(
            slug=f"s{s.id}",
            title=proto.title_of(s.day, s.topic),
            author="Lesekreis",
            outlet="",
            date=s.day,
            kind="protocol",
            file="",
            sha256="",
        )
        for s in sessions.values()
    ]
    return passages, sources


@command(
    "notizen",
    "notes",
    summary=T.NOTIZEN_SUMMARY,
    summary_en=T.NOTIZEN_SUMMARY_EN,
    usage=T.NOTIZEN_USAGE,
    example=T.NOTIZEN_EXAMPLE,
    group=T.GROUP,
)
def notizen(request: Request, services: Services) -> Reply:
    """Without a keyword the notes of the current session; with one, a search of them all."""
    nb = services.notes
    tz = _tz(services, request.chat_id)
    query = request.args.strip()
    if (length := too_long(query, MAX_NOTES_QUERY)) is not None:
        return Reply.text(R.NOTES_QUERY_TOO_LONG.format(length=length, limit=MAX_NOTES_QUERY))
    if not query:
        session = nb.last_session(request.chat_id)
        if session is None:
            return Reply.text(T.NO_SESSIONS)
        notes = nb.notes_of(request.chat_id, session.id)
        if not notes:
            return Reply.text(T.NOTES_EMPTY)
        head = T.NOTES_HEAD.format(title=_title(session))
        body = "\n\n".join([head, *(_note_line(n, tz, session.day) for n in notes)])
        return Reply(messages=[OutMessage(html=p) for p in _split(body)])
    notes = nb.all_notes(request.chat_id)
    sessions = {s.id: s for s in nb.sessions(request.chat_id)}
    hits = []
    if notes:
        passages, sources = _note_passages(notes, sessions)
        engine = SearchEngine.in_memory(passages, sources)
        hits = engine.search(query, limit=10, kinds=("contribution", "answer"))
    if not hits:
        return Reply.text(T.SEARCH_NONE.format(query=esc(_preview(query, 80))))
    by_num = {n.num: n for n in notes}
    lines = [T.SEARCH_HEAD.format(query=esc(_preview(query, 80)))]
    for hit in hits:
        note = by_num[hit.passage.paragraph]
        lines.append(_note_line(note, tz))
    return Reply(messages=[OutMessage(html=p) for p in _split("\n\n".join(lines))])


# -- protocol ----------------------------------------------------------------------------


def _protocol_of(services: Services, chat_id: int, session: core.Session) -> proto.Protocol:
    nb = services.notes
    notes = nb.notes_of(chat_id, session.id)
    # the upcoming meeting belongs to the chat's latest session only
    latest = nb.last_session(chat_id)
    is_latest = latest is not None and latest.id == session.id
    next_text = _next_meeting(services, chat_id) if is_latest and not session.imported else ""
    return proto.build(session, notes, names=nb.names_enabled(chat_id), next_meeting=next_text)


def _protocol_reply(services: Services, chat_id: int, session: core.Session) -> Reply:
    protocol = _protocol_of(services, chat_id, session)
    if not protocol.sections and not protocol.questions:
        return Reply.text(T.PROTOCOL_EMPTY.format(title=_title(session)))
    messages = [OutMessage(html=p) for p in _split(proto.to_html(protocol))]
    md = proto.to_markdown(protocol).encode("utf-8")
    messages.append(
        OutMessage(
            html="",
            document=Document(proto.file_name(session.day), md, caption=T.FILE_CAPTION),
            buttons=[[Button(T.PDF_BUTTON, f"{PDF_PREFIX}:{session.id}")]],
        )
    )
    return Reply(messages=messages)


@callback(PDF_PREFIX)
def protocol_pdf(request: Request, services: Services) -> Reply:
    """Button "Als PDF": the session's protocol as a PDF with line numbers."""

    _, _, raw = (request.callback_data or "").partition(":")
    known = re.fullmatch(r"[0-9]{1,18}", raw)  # a forged huge id must not overflow SQLite
    session = services.notes.session(request.chat_id, int(raw)) if known else None
    if session is None:  # another chat's session id never reaches this chat's notes
        return Reply(toast=T.PDF_GONE)
    protocol = _protocol_of(services, request.chat_id, session)
    try:
        data = pdf.render(protocol)
    except pdf.EmptyProtocol:
        return Reply.text(T.PROTOCOL_EMPTY.format(title=_title(session)))
    except Exception as error:  # the Markdown file was sent already
        return Reply.text(T.PDF_FAILED.format(reason=esc(type(error).__name__)))
    document = Document(pdf.file_name(protocol), data, caption=T.PDF_CAPTION)
    return Reply(messages=[OutMessage(html="", document=document)])


def _session_for(request: Request, services: Services) -> core.Session | Reply:
    nb = services.notes
    if not request.args.strip():
        session = nb.last_session(request.chat_id)
        return session if session else Reply.text(T.NO_SESSIONS)
    day = parse_past_day(request.args, _today(services, request.chat_id))
    if day is None:
        return Reply.text(T.BAD_DATE.format(raw=esc(_preview(request.args, 40))))
    session = nb.session_on(request.chat_id, day)
    if session is None:
        return Reply.text(T.NO_SESSION_ON.format(day=f"{day:%d.%m.%Y}"))
    return session


@command(
    "protokoll",
    "protocol",
    summary=T.PROTOKOLL_SUMMARY,
    summary_en=T.PROTOKOLL_SUMMARY_EN,
    usage=T.PROTOKOLL_USAGE,
    example=T.PROTOKOLL_EXAMPLE,
    group=T.GROUP,
)
def protokoll(request: Request, services: Services) -> Reply:
    """The protocol of a session (default: the last one) as messages and as a file."""
    found = _session_for(request, services)
    if isinstance(found, Reply):
        return found
    return _protocol_reply(services, request.chat_id, found)


@command(
    "namen",
    "names",
    summary=T.NAMEN_SUMMARY,
    summary_en=T.NAMEN_SUMMARY_EN,
    usage=T.NAMEN_USAGE,
    example=T.NAMEN_EXAMPLE,
    group=T.GROUP,
)
def namen(request: Request, services: Services) -> Reply:
    """Turn first names in protocols on or off for this chat."""
    nb = services.notes
    word = request.args.strip().lower()
    on = word in ("an", "ein", "on", "ja", "1")
    off = word in ("aus", "off", "nein", "0")
    if not (on or off):
        state = "an" if nb.names_enabled(request.chat_id) else "aus"
        return Reply.text(
            T.NAMES_STATE.format(
                state=state, usage=esc(T.NAMEN_USAGE), example=esc(T.NAMEN_EXAMPLE)
            )
        )
    if not request.is_admin:
        return Reply.text(T.ADMIN_ONLY)
    nb.set_names(request.chat_id, on)
    return Reply.text(T.NAMES_ON if on else T.NAMES_OFF)


@command(
    "protokoll_quelle",
    "protocol_source",
    summary=T.QUELLE_SUMMARY,
    summary_en=T.QUELLE_SUMMARY_EN,
    usage=T.QUELLE_USAGE,
    example=T.QUELLE_EXAMPLE,
    group=T.GROUP,
)
def protokoll_quelle(request: Request, services: Services) -> Reply:
    """Add a session's protocol to the searchable sources (visible to /zitat, /frage)."""
    if not may_change_sources(request, services):
        return Reply.text(sources_refusal(request, services))
    found = _session_for(request, services)
    if isinstance(found, Reply):
        return found
    session = found
    slug = f"protokoll-{session.day:%Y-%m-%d}"
    if services.catalog.get(slug) is not None:
        return Reply.text(T.SOURCE_EXISTS.format(slug=esc(slug)))
    nb = services.notes
    protocol = proto.build(
        session, nb.notes_of(request.chat_id, session.id), names=nb.names_enabled(request.chat_id)
    )
    if not protocol.sections:
        return Reply.text(T.PROTOCOL_EMPTY.format(title=_title(session)))
    meta = Meta(
        title=proto.title_of(session.day, session.topic),
        author=T.SOURCE_AUTHOR,
        date=session.day,
        outlet=T.SOURCE_OUTLET,
        kind="protocol",
        slug=slug,
    )

    # the PDF, not the Markdown: its citations then name the lines printed in "Als PDF";
    # but notes the PDF cannot carry (emoji, scripts the font lacks, right-to-left text)
    # would be indexed garbled, so such a protocol is indexed from its Markdown as before
    if pdf.reads_back_faithfully(protocol):
        data, name = pdf.render(protocol), pdf.file_name(protocol)
    else:
        data, name = proto.to_markdown(protocol).encode("utf-8"), proto.file_name(session.day)
    try:
        result = services.readings.add(
            data,
            name,
            meta,
            dest_dir=services.config.data_dir / "protocols",
            added_by=request.user_name,
        )
    except ReadingError as error:
        return Reply.text(T.SOURCE_FAILED.format(reason=esc(str(error))))
    return Reply.text(
        T.SOURCE_ADDED.format(
            title=_title(session),
            slug=esc(slug),
            paragraphs=T.PARAGRAPHS_ONE
            if result.passages == 1
            else T.PARAGRAPHS_MANY.format(count=result.passages),
        )  # fmt: skip
    )


# -- edits -------------------------------------------------------------------------------

_NOTE_COMMANDS = ("notiz", "note", "ergebnis", "result", "offen", "open", "abschnitt", "section")


def on_edit(request: Request, services: Services) -> Reply | None:
    """An edited message that was logged as a note updates the note."""
    if not request.edited or request.message_id is None:
        return None
    nb = services.notes
    if not nb.has_message(request.chat_id, request.message_id):
        return None
    text = request.args if request.command in _NOTE_COMMANDS else request.text
    try:
        updated = nb.update_from_edit(request.chat_id, request.message_id, text, _now(services))
    except core.NoteTooLong as error:
        return Reply.text(T.TOO_LONG.format(length=error.length, limit=core.MAX_NOTE_CHARS))
    except core.EmptyNote:
        return None  # an emptied message keeps its last text in the protocol
    if not updated:
        return None
    lines = [T.EDIT_UPDATED.format(label=T.KIND_LABEL[n.kind], num=n.num) for n in updated]
    reply = Reply.text("\n".join(lines))
    reply.note_ref = ("note", updated[-1].num)
    return reply
