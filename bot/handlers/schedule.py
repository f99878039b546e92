"""Handlers of the schedule: meetings, series, reminders settings, calendar export.

Changes are for chat admins in groups (``Request.is_admin``); anyone can view. Every
confirmation is sent only after the change has been committed by the core.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core import dates
from bot.core.dates import ParseError, countdown, format_datetime
from bot.core.schedule import (
    MAX_EVERY_WEEKS,
    Announcement,
    DueReminder,
    Meeting,
    NotFound,
    Occurrence,
    Schedule,
    ScheduleError,
    find_announcement,
    to_ics,
)
from bot.core.text import normalize
from bot.handlers.base import (
    COMMANDS,
    Button,
    Document,
    OutMessage,
    Reply,
    Request,
    callback,
    command,
)
from bot.handlers.format import esc
from bot.services import Services
from bot.texts import schedule as T

log = logging.getLogger(__name__)

ANNOUNCE_PREFIX = "sa"  # "sa:<protocol slug>": schedule the meeting a protocol announces
SUMMARY_PREFIX = "ss"  # "ss:<source slug>": the summary of a reading (/zusammenfassung)
PROTOCOL_PREFIX = "sp"  # "sp:": /protokoll of the chat's last session
LIST_LIMIT = 10  # meetings shown by /termine
LIST_TOPIC = 80  # characters of a topic shown in /termine
ICS_DAYS = 366  # how far ahead /ical exports

_READING_MARK = re.compile(r"\b(?:lektüre|lektuere|text|lesen)\s*:\s*", re.IGNORECASE)


# --- small helpers -----------------------------------------------------------------------------


def _schedule(services: Services) -> Schedule:
    return services.schedule


def _now(services: Services) -> datetime:
    return services.clock()


def _error(message: str) -> Reply:
    return Reply.text(T.ERROR_HTML.format(message=esc(message)))


def _usage(name: str) -> Reply:
    cmd = COMMANDS[name]
    return Reply.text(T.USAGE_HTML.format(usage=esc(cmd.usage), example=esc(cmd.example)))


def _short(text: str, limit: int = LIST_TOPIC) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _console_note(request: Request) -> str:
    """In the offline console: say that reminders come only from the Telegram bot."""
    return T.CONSOLE_REMINDERS_HTML if request.chat_type == "console" else ""


def _refused(request: Request) -> Reply | None:
    """A German refusal for non-admins in groups; None when the change is allowed."""
    if request.is_private or request.is_admin:
        return None
    return Reply.text(T.NOT_ADMIN_HTML)


def _topic_lines(occ: Occurrence | Meeting) -> str:
    text = T.TOPIC_LINE_HTML.format(topic=esc(occ.topic)) if occ.topic else ""
    if occ.reading_label and occ.reading_label != occ.topic:
        text += T.READING_LINE_HTML.format(reading=esc(occ.reading_label))
    return text


def _rule(meeting: Meeting) -> str:
    weekday = T.WEEKDAY_NAMES[meeting.weekday or 0]
    if (meeting.every_weeks or 1) == 1:
        every = T.EVERY_WEEK.format(weekday=weekday)
    else:
        every = T.EVERY_N_WEEKS.format(n=meeting.every_weeks, weekday=weekday.lower())
    return T.RULE_HTML.format(
        every=every, time=f"{meeting.start_local:%H:%M}", start=f"{meeting.start_local:%d.%m.%Y}"
    )


def find_reading(services: Services, text: str) -> tuple[str, str, str]:
    """Split a topic into (topic, reading slug, reading label).

    ``"Imperialismus Lektüre: Fazi Endspiel"`` names the reading explicitly (matched with the
    catalog's fuzzy resolver); otherwise a source counts only if its slug, title (or a part of
    it) or short label appears in the topic, so a loose word never links the wrong text.
    """
    mark = _READING_MARK.search(text)
    if mark:
        topic, wanted = text[: mark.start()].strip(), text[mark.end() :].strip()
        found = services.catalog.resolve(wanted) if wanted else []
        if len(found) == 1:
            return topic, found[0].slug, found[0].title
        return topic, "", wanted
    norm = f" {normalize(text)} "
    lowered = text.lower()
    hits = []
    for source in services.catalog.sources:
        # the title, its parts ("A / B", "A. B" - not the dots of a date) and the short label
        parts = re.split(r" / |(?<=[^\W\d])\. ", source.title)
        names = [source.title, *parts, source.short]
        if source.slug in lowered or any(
            len(name) >= 12 and f" {normalize(name)} " in norm for name in names if name
        ):
            hits.append(source)
    if len(hits) == 1:
        return text.strip(), hits[0].slug, hits[0].title
    return text.strip(), "", ""


def _summary_button(services: Services, slug: str) -> Button | None:
    source = services.catalog.get(slug) if slug else None
    if source is None:
        return None
    data = f"{SUMMARY_PREFIX}:{slug}"
    if len(data.encode()) > 64:
        return None
    label = source.short or source.title
    label = label if len(label) <= 40 else label[:39] + "…"
    return Button(T.BUTTON_SUMMARY.format(title=label), data=data)


# --- /termin -------------------------------------------------------------------------------------


@command(
    "termin", "meeting",
    summary="Einen Termin eintragen", summary_en="Schedule one meeting",
    usage="/termin DATUM UHRZEIT [THEMA]", example="/termin 26.01. 19:30 Imperialismus",
    group=T.GROUP,
)  # fmt: skip
def termin(request: Request, services: Services) -> Reply:
    """Schedule one meeting: /termin 26.01. 19:30 Thema."""
    if refused := _refused(request):
        return refused
    if not request.args:
        return _usage("termin")
    schedule, now = _schedule(services), _now(services)
    tz = schedule.settings(request.chat_id).tz
    try:
        start, rest = dates.split_datetime(request.args, now, tz)
        topic, slug, label = find_reading(services, rest)
        occ = schedule.add_meeting(
            request.chat_id, start, now, topic, slug, label, created_by=request.user_id
        )
    except (ParseError, ScheduleError) as error:
        return _error(str(error))
    schedule.resume(request.chat_id, now)
    return Reply.text(
        T.MEETING_SAVED_HTML.format(
            when=esc(format_datetime(occ.start)),
            topic=_topic_lines(occ),
            countdown=esc(countdown(occ.start, now)),
        )
        + _console_note(request)
    )


# --- /jourfixe -----------------------------------------------------------------------------------

_EVERY = re.compile(
    r"^(?:alle|jede|jeden)\s+(?P<n>\d{1,3}|\w+)?\s*(?P<unit>wochen|woche|tage|tag|stunden|stunde|"
    r"minuten|minute)\b",
    re.IGNORECASE,
)
_EVERY_WORDS = {
    "wöchentlich": 7, "woechentlich": 7, "14-tägig": 14, "14-taegig": 14, "14tägig": 14,
    "vierzehntägig": 14, "vierzehntaegig": 14, "zweiwöchentlich": 14, "zweiwoechentlich": 14,
    "täglich": 1, "taeglich": 1, "stündlich": 0, "stuendlich": 0,
}  # fmt: skip
_END_WORDS = {"aus", "ende", "beenden", "stop", "stopp", "löschen", "loeschen"}


def _parse_every(rest: str) -> tuple[int, str] | None:
    """Leading "alle N Wochen" (or "14-tägig") -> (every N weeks, rest); None if absent."""
    first, _, after = rest.partition(" ")
    days = _EVERY_WORDS.get(first.lower().rstrip(","))
    if days is not None:
        if days < 7 or days % 7:
            raise ScheduleError(T.LIMIT_INTERVAL.format(max=MAX_EVERY_WEEKS))
        return days // 7, after.strip(" ,")
    match = _EVERY.match(rest)
    if not match:
        return None
    raw_n = match.group("n")
    if raw_n is None:
        n = 1
    else:
        n = int(raw_n) if raw_n.isdigit() else dates.NUMBER_WORDS.get(raw_n.lower(), -1)
    unit = match.group("unit").lower()
    days = {"woche": 7, "wochen": 7, "tag": 1, "tage": 1}.get(unit, 0) * max(n, 0)
    if n < 1 or days < 7 or days % 7 or days // 7 > MAX_EVERY_WEEKS:
        raise ScheduleError(T.LIMIT_INTERVAL.format(max=MAX_EVERY_WEEKS))
    return days // 7, rest[match.end() :].strip(" ,")


# a time right after the weekday: "19:30", "19.30", "19h", "19 Uhr", "um 19 Uhr"
_SERIES_TIME = re.compile(r"\d{1,2}(?:[.:]\d{2})?(?:h|uhr)?", re.IGNORECASE)
_ORDINALS = {"zweiten": 2, "2.": 2, "dritten": 3, "3.": 3, "vierten": 4, "4.": 4}
_START_WORDS = ("ab", "von", "beginnend", "startend")


def _take_time(words: list[str]) -> tuple[time, int] | None:
    """A leading time of day among ``words`` and how many words it took; None if none.

    After a weekday "19.30" can only be a time. A number that looks like a time but is none
    ("25:00") is an error, never silently part of the topic. A bare number ("19") without
    ":", "h" or "Uhr" is left to the topic.
    """
    skip, shift = 0, 0
    while skip < len(words) and (
        words[skip].lower() in dates.FILLERS or words[skip].lower() in dates.DAYTIMES
    ):
        shift = max(shift, dates.DAYTIMES.get(words[skip].lower(), (0, None))[0])
        skip += 1
    if len(words) <= skip:
        return None
    raw = words[skip].rstrip(",")
    if not _SERIES_TIME.fullmatch(raw):
        return None
    end = skip + 1
    text = raw.replace(".", ":")
    if end < len(words) and words[end].lower().rstrip(",") == "uhr":
        end += 1
        text += " uhr"
    elif not re.search(r"[:.h]|uhr", raw, re.IGNORECASE):
        return None
    try:
        at = dates.parse_time(text)
        return (at.replace(hour=at.hour + shift) if at.hour < 12 else at), end
    except ParseError:
        raise ParseError(T.ERR_BAD_TIME_SERIES.format(raw=raw[:20])) from None


def _parse_series(
    args: str, now: datetime, tz: ZoneInfo
) -> tuple[int, time, int, date | None, str]:
    """[jeden [zweiten]] WOCHENTAG [UHRZEIT] [alle N Wochen] [ab DATUM] [THEMA].

    Time, interval and start may come in any order; the topic is what follows them.
    """
    words = args.split()
    every: int | None = None
    if words and words[0].lower() in ("jeden", "jede", "immer"):
        words = words[1:]
        if words and words[0].lower() in _ORDINALS:
            every = _ORDINALS[words[0].lower()]
            words = words[1:]
    if not words:
        raise ParseError(T.ERR_BAD_WEEKDAY.format(raw=args.strip()[:40]))
    weekday = dates.parse_weekday(words[0])
    rest = words[1:]
    at: time | None = None
    start_day: date | None = None
    while rest:
        if at is None and (taken := _take_time(rest)) is not None:
            at, n = taken
            rest = rest[n:]
            continue
        if every is None and (found := _parse_every(" ".join(rest))) is not None:
            every, remainder = found
            rest = remainder.split()
            continue
        if start_day is None and rest[0].lower() in _START_WORDS and len(rest) > 1:
            start_day, remainder = dates.split_day(" ".join(rest[1:]), now, tz)
            rest = remainder.strip(" ,").split()
            continue
        break
    topic = " ".join(rest)
    return weekday, at or dates.DEFAULT_TIME, every or 1, start_day, topic.strip()


def _first_of(schedule: Schedule, meeting: Meeting, now: datetime) -> Occurrence | None:
    """The first occurrence of a new series from now on (however many meetings come before)."""
    tz = schedule.settings(meeting.chat_id).tz
    origin = dates.localize(meeting.start_local.date(), meeting.start_local.time(), tz)
    begin = max(now, origin)
    end = begin + timedelta(weeks=meeting.every_weeks or 1, days=1)
    found = schedule.occurrences(meeting.chat_id, begin, end)
    return next((o for o in found if o.meeting_id == meeting.id and o.start > now), None)


@command(
    "jourfixe", "series",
    summary="Regelmäßigen Jour fixe festlegen", summary_en="Set up a recurring meeting",
    usage="/jourfixe WOCHENTAG UHRZEIT [alle N Wochen] [ab DATUM] [THEMA]",
    example="/jourfixe Montag 19:00 alle 2 Wochen ab 26.01.",
    group=T.GROUP,
)  # fmt: skip
def jourfixe(request: Request, services: Services) -> Reply:
    """Set up a recurring series: /jourfixe Montag 19:00 alle 2 Wochen ab 26.01."""
    if refused := _refused(request):
        return refused
    if not request.args:
        return _usage("jourfixe")
    schedule, now = _schedule(services), _now(services)
    if request.args.strip().lower() in _END_WORDS:
        n = schedule.end_series(request.chat_id, now)
        return Reply.text(T.SERIES_ENDED_HTML.format(n=n) if n else T.SERIES_NONE_HTML)
    tz = schedule.settings(request.chat_id).tz
    try:
        weekday, at, every, start_day, rest = _parse_series(request.args, now, tz)
        topic, slug, label = find_reading(services, rest)
        meeting = schedule.add_series(
            request.chat_id,
            weekday,
            at,
            now,
            every,
            start_day,
            topic,
            slug,
            label,
            created_by=request.user_id,
        )
    except (ParseError, ScheduleError) as error:
        return _error(str(error))
    schedule.resume(request.chat_id, now)
    first = _first_of(schedule, meeting, now)
    first_text = format_datetime(first.start) if first else "–"
    return Reply.text(
        T.SERIES_SAVED_HTML.format(
            rule=esc(_rule(meeting)), topic=_topic_lines(meeting), first=esc(first_text)
        )
        + _console_note(request)
    )


# --- viewing ------------------------------------------------------------------------------------


@command(
    "termine", "meetings",
    summary="Die nächsten Termine", summary_en="Upcoming meetings",
    usage="/termine", example="/termine", group=T.GROUP,
)  # fmt: skip
def termine(request: Request, services: Services) -> Reply:
    """The next meetings and the running series."""
    schedule, now = _schedule(services), _now(services)
    upcoming = schedule.upcoming(request.chat_id, now, LIST_LIMIT)
    running = schedule.series(request.chat_id, now)
    if not upcoming and not running:
        return Reply.text(T.NO_MEETINGS_HTML)
    settings = schedule.settings(request.chat_id)
    lines = [T.MEETINGS_HEAD_HTML.format(tz=esc(settings.tz.key))]
    for occ in upcoming:
        marks = (T.MARK_SERIES if occ.series else "") + (T.MARK_MOVED if occ.moved else "")
        topic = f" – {esc(_short(occ.topic))}" if occ.topic else ""
        lines.append(
            T.MEETING_LINE_HTML.format(
                when=esc(format_datetime(occ.start)), marks=marks, topic=topic
            )
        )
    if running:
        lines.append(T.SERIES_HEAD_HTML)
        for meeting in running:
            topic = f" – {esc(_short(meeting.topic))}" if meeting.topic else ""
            lines.append(T.SERIES_LINE_HTML.format(rule=esc(_rule(meeting)), topic=topic))
    lines.append("\n" + _leads_text(settings.leads, settings.paused) + _console_note(request))
    return Reply.text("\n".join(lines))


def latest_announcement(services: Services) -> tuple[str, date, Announcement] | None:
    """(protocol slug, protocol date, announcement) of the newest protocol announcing one."""
    protocols = sorted(
        (s for s in services.catalog.sources if s.kind == "protocol"),
        key=lambda s: s.date,
        reverse=True,
    )
    for source in protocols:
        passages = services.search.passages_of(source.slug)
        text = "\n\n".join(p.text for p in passages if p.kind != "debris")
        found = find_announcement(text, source.date)
        if found is not None:
            return source.slug, source.date, found
    return None


def _announced_start(
    schedule: Schedule, chat_id: int, ann: Announcement, now: datetime
) -> datetime:
    """The announced day at its time, else at the chat's series time, else 19:00."""
    tz = schedule.settings(chat_id).tz
    at = ann.at
    if at is None:
        running = schedule.series(chat_id, now)
        at = running[0].start_local.time() if running else dates.DEFAULT_TIME
    return dates.localize(ann.day, at, tz)


def _offer(services: Services, chat_id: int, now: datetime) -> tuple[str, list[Button]]:
    """Text and button offering to schedule the meeting the newest protocol announces."""
    try:
        latest = latest_announcement(services)
    except Exception:  # the offer is optional; never break /naechster
        log.exception("announcement scan failed")
        return "", []
    if latest is None:
        return "", []
    slug, written, ann = latest
    schedule = _schedule(services)
    start = _announced_start(schedule, chat_id, ann, now)
    if start <= now or schedule.on_day(chat_id, ann.day):
        return "", []
    data = f"{ANNOUNCE_PREFIX}:{slug}"
    if len(data.encode()) > 64:
        return "", []
    topic = T.TOPIC_LINE_HTML.format(topic=esc(ann.topic)) if ann.topic else ""
    text = T.ANNOUNCED_HTML.format(
        protocol=f"{written:%d.%m.%Y}", when=esc(format_datetime(start)), topic=topic
    )
    return text, [Button(T.BUTTON_ADD_ANNOUNCED.format(date=f"{ann.day:%d.%m.}"), data=data)]


@command(
    "naechster", "next",
    summary="Der nächste Termin mit Thema und Countdown", summary_en="The next meeting",
    usage="/naechster", example="/naechster", group=T.GROUP,
)  # fmt: skip
def naechster(request: Request, services: Services) -> Reply:
    """The next meeting: time, topic, reading (with its summary), countdown."""
    schedule, now = _schedule(services), _now(services)
    occ = schedule.next_meeting(request.chat_id, now)
    buttons: list[list[Button]] = []
    if occ is None:
        text = T.NEXT_NONE_HTML
    else:
        text = T.NEXT_HTML.format(
            when=esc(format_datetime(occ.start)),
            topic=T.TOPIC_LINE_HTML.format(topic=esc(occ.topic)) if occ.topic else "",
            reading=(
                T.READING_LINE_HTML.format(reading=esc(occ.reading_label))
                if occ.reading_label and occ.reading_label != occ.topic
                else ""
            ),
            countdown=esc(countdown(occ.start, now)),
        )
        summary = _summary_button(services, occ.reading)
        if summary:
            buttons.append([summary])
    offer, offer_buttons = _offer(services, request.chat_id, now)
    if offer_buttons:
        buttons.append(offer_buttons)
        text += offer
    elif occ is None:
        text += "\n\n" + T.NO_MEETINGS_HTML
    return Reply.text(text, buttons)


@callback(ANNOUNCE_PREFIX)
def schedule_announced(request: Request, services: Services) -> Reply:
    """Button under /naechster: schedule the meeting a protocol announces."""
    if refused := _refused(request):
        return replace(refused, toast=T.NOT_ADMIN_HTML[:190])
    slug = (request.callback_data or "").partition(":")[2]
    source = services.catalog.get(slug)
    schedule, now = _schedule(services), _now(services)
    ann = None
    if source is not None:
        text = "\n\n".join(p.text for p in services.search.passages_of(slug))
        ann = find_announcement(text, source.date)
    if ann is None:
        return Reply.text(T.ANNOUNCEMENT_GONE_HTML)
    start = _announced_start(schedule, request.chat_id, ann, now)
    if start <= now:
        return Reply.text(T.ANNOUNCEMENT_GONE_HTML)
    existing = schedule.on_day(request.chat_id, ann.day)
    if existing:
        return Reply.text(
            T.ANNOUNCEMENT_EXISTS_HTML.format(
                date=f"{ann.day:%d.%m.%Y}", when=esc(format_datetime(existing[0].start))
            )
        )
    topic, reading, label = find_reading(services, ann.topic)
    if not reading:
        _, reading, label = find_reading(services, ann.reading_label)
    try:
        occ = schedule.add_meeting(
            request.chat_id,
            start,
            now,
            topic,
            reading,
            label or ann.reading_label,
            created_by=request.user_id,
        )
    except ScheduleError as error:
        return _error(str(error))
    schedule.resume(request.chat_id, now)
    return Reply.text(
        T.MEETING_SAVED_HTML.format(
            when=esc(format_datetime(occ.start)),
            topic=_topic_lines(occ),
            countdown=esc(countdown(occ.start, now)),
        )
        + _console_note(request)
    )


def _delegate(request: Request, services: Services, name: str, args: str) -> Reply | None:
    """Run another feature's command (if registered) for a button; None when unavailable."""
    cmd = COMMANDS.get(name)
    if cmd is None:
        return None
    try:
        return cmd.func(
            replace(
                request,
                command=name,
                args=args,
                text=f"/{name} {args}".strip(),
                callback_data=None,
            ),
            services,
        )
    except Exception:  # another module's failure must not break the button
        log.exception("/%s from a schedule button failed", name)
        return None


@callback(SUMMARY_PREFIX)
def summary_button(request: Request, services: Services) -> Reply:
    """Button: the summary of the meeting's reading (the content feature's /zusammenfassung)."""
    slug = (request.callback_data or "").partition(":")[2]
    reply = _delegate(request, services, "zusammenfassung", slug)
    return reply or Reply.text(T.TYPE_SUMMARY_HTML.format(slug=esc(slug)))


@callback(PROTOCOL_PREFIX)
def protocol_button(request: Request, services: Services) -> Reply:
    """Button: /protokoll of the chat's last session (the notes feature)."""
    reply = _delegate(request, services, "protokoll", "")
    return reply or Reply.text(T.TYPE_PROTOCOL_HTML)


# --- changing one occurrence ------------------------------------------------------------------


def _not_found(error: NotFound) -> Reply:
    return Reply.text(T.NO_MEETING_ON_HTML.format(date=esc(str(error))))


@command(
    "absagen", "cancel",
    summary="Einen Termin absagen", summary_en="Cancel one meeting",
    usage="/absagen DATUM", example="/absagen 26.01.", group=T.GROUP,
)  # fmt: skip
def absagen(request: Request, services: Services) -> Reply:
    """Cancel one occurrence: /absagen 26.01."""
    if refused := _refused(request):
        return refused
    if not request.args:
        return _usage("absagen")
    schedule, now = _schedule(services), _now(services)
    tz = schedule.settings(request.chat_id).tz
    try:
        day = dates.parse_day(request.args, now, tz)
        occ = schedule.cancel(request.chat_id, day, now)
    except NotFound as error:
        return _not_found(error)
    except (ParseError, ScheduleError) as error:
        return _error(str(error))
    schedule.resume(request.chat_id, now)
    topic = f" – {esc(occ.topic)}" if occ.topic else ""
    return Reply.text(T.CANCELLED_HTML.format(when=esc(format_datetime(occ.start)), topic=topic))


def _new_start(rest: str, occ: Occurrence, now: datetime, tz: ZoneInfo) -> datetime:
    """NEUES_DATUM [UHRZEIT] (keeping the old time) or only a new time on the same day."""
    try:
        at: time | None = dates.parse_time(rest)
    except ParseError:
        at = None
    if at is not None:
        start = dates.localize(occ.start.date(), at, tz)
        if start <= now:
            raise ParseError(
                T.ERR_PAST.format(when=format_datetime(start), **dates.examples(now.date()))
            )
        return start
    start, extra = dates.split_datetime(rest, now, tz, default_time=occ.start.time())
    if extra:
        raise ParseError(T.ERR_UNPARSABLE.format(raw=extra[:40], **dates.examples(now.date())))
    return start


@command(
    "verschieben", "move",
    summary="Einen Termin verschieben", summary_en="Move one meeting",
    usage="/verschieben DATUM NEUES_DATUM [UHRZEIT]", example="/verschieben 26.01. 27.01. 18:30",
    group=T.GROUP,
)  # fmt: skip
def verschieben(request: Request, services: Services) -> Reply:
    """Move one occurrence: /verschieben 26.01. 27.01. 18:30 (or only a new time)."""
    if refused := _refused(request):
        return refused
    if not request.args:
        return _usage("verschieben")
    schedule, now = _schedule(services), _now(services)
    tz = schedule.settings(request.chat_id).tz
    try:
        day, rest = dates.split_day(request.args, now, tz)
        if not rest:
            return _usage("verschieben")
        found = [o for o in schedule.on_day(request.chat_id, day) if o.start > now]
        if not found:
            raise NotFound(f"{day:%d.%m.%Y}")
        new_start = _new_start(rest, found[0], now, tz)
        old, new = schedule.move(request.chat_id, day, new_start, now)
    except NotFound as error:
        return _not_found(error)
    except (ParseError, ScheduleError) as error:
        return _error(str(error))
    schedule.resume(request.chat_id, now)
    return Reply.text(
        T.MOVED_HTML.format(
            old=esc(format_datetime(old.start)), new=esc(format_datetime(new.start))
        )
    )


@command(
    "thema", "topic",
    summary="Thema eines Termins setzen", summary_en="Set a meeting's topic",
    usage="/thema DATUM THEMA [Lektüre: QUELLE]",
    example="/thema 26.01. Imperialismus Lektüre: Fazi Endspiel", group=T.GROUP,
)  # fmt: skip
def thema(request: Request, services: Services) -> Reply:
    """Set the topic (and reading) of one meeting: /thema 26.01. Imperialismus."""
    if refused := _refused(request):
        return refused
    if not request.args:
        return _usage("thema")
    schedule, now = _schedule(services), _now(services)
    tz = schedule.settings(request.chat_id).tz
    try:
        day, rest = dates.split_day(request.args, now, tz)
        if not rest:
            return _usage("thema")
        topic, slug, label = find_reading(services, rest)
        occ = schedule.set_topic(request.chat_id, day, topic, now, slug, label)
    except NotFound as error:
        return _not_found(error)
    except (ParseError, ScheduleError) as error:
        return _error(str(error))
    schedule.resume(request.chat_id, now)
    reading = (
        T.READING_LINE_HTML.format(reading=esc(occ.reading_label)) if occ.reading_label else ""
    )
    return Reply.text(
        T.TOPIC_SET_HTML.format(
            when=esc(format_datetime(occ.start)), topic=esc(occ.topic or "–"), reading=reading
        )
    )


# --- chat settings ---------------------------------------------------------------------------


def _leads_text(leads: tuple[int, ...], paused: bool) -> str:
    shown = (
        T.LEADS_BEFORE.format(leads=", ".join(dates.format_lead(m) for m in leads))
        if leads
        else T.LEADS_NONE
    )
    return T.LEADS_SHOW_HTML.format(leads=esc(shown), paused=T.PAUSED_NOTE if paused else "")


@command(
    "erinnerung", "reminders",
    summary="Erinnerungen einstellen (z. B. 1d 1h) oder ausschalten",
    summary_en="Set reminder lead times or switch them off",
    usage="/erinnerung 1d 1h | aus", example="/erinnerung 1d 1h", group=T.GROUP,
)  # fmt: skip
def erinnerung(request: Request, services: Services) -> Reply:
    """Show or set the reminder lead times of the chat."""
    schedule, now = _schedule(services), _now(services)
    if not request.args:
        settings = schedule.settings(request.chat_id)
        return Reply.text(_leads_text(settings.leads, settings.paused) + _console_note(request))
    if refused := _refused(request):
        return refused
    try:
        if request.args.strip().lower() in ("aus", "off", "keine", "nein"):
            schedule.set_leads(request.chat_id, [], now)
            return Reply.text(T.LEADS_OFF_HTML)
        leads = schedule.set_leads(request.chat_id, dates.parse_leads(request.args), now)
    except (ParseError, ScheduleError) as error:
        return _error(str(error))
    return Reply.text(
        T.LEADS_SET_HTML.format(leads=esc(", ".join(dates.format_lead(m) for m in leads)))
        + _console_note(request)
    )


@command(
    "zeitzone", "timezone",
    summary="Zeitzone des Chats (Standard Europe/Berlin)", summary_en="Time zone of the chat",
    usage="/zeitzone ZONE", example="/zeitzone Europe/Berlin", group=T.GROUP,
)  # fmt: skip
def zeitzone(request: Request, services: Services) -> Reply:
    """Show or set the chat's time zone."""
    schedule, now = _schedule(services), _now(services)
    if not request.args:
        return Reply.text(T.TZ_SHOW_HTML.format(tz=esc(schedule.settings(request.chat_id).tz.key)))
    if refused := _refused(request):
        return refused
    try:
        tz = schedule.set_timezone(request.chat_id, request.args, now)
    except ScheduleError as error:
        return _error(str(error))
    return Reply.text(
        T.TZ_SET_HTML.format(tz=esc(tz.key), now=esc(f"{now.astimezone(tz):%H:%M} Uhr"))
    )


@command(
    "ical", "ics",
    summary="Termine als Kalenderdatei (.ics)", summary_en="Meetings as an .ics calendar file",
    usage="/ical", example="/ical", group=T.GROUP,
)  # fmt: skip
def ical(request: Request, services: Services) -> Reply:
    """The chat's upcoming meetings as an iCalendar file."""
    schedule, now = _schedule(services), _now(services)
    occurrences = schedule.occurrences(request.chat_id, now, now + timedelta(days=ICS_DAYS))
    if not occurrences:
        return Reply.text(T.ICS_NONE_HTML)
    tz = schedule.settings(request.chat_id).tz
    content = to_ics(occurrences, tz, now)
    n = len(occurrences)
    caption = T.ICS_CAPTION_ONE if n == 1 else T.ICS_CAPTION.format(n=n)
    # The text goes once, as the document's caption (the adapter moves a short text there);
    # a caption on the Document as well would make Telegram show it twice.
    return Reply(messages=[OutMessage(html=esc(caption), document=Document(T.ICS_FILE, content))])


# --- reminders (formatted here, sent by bot.tg.reminders) ------------------------------------


def reminder_message(reminder: DueReminder, now: datetime) -> OutMessage:
    """The reminder text with buttons for the reading's summary and the last protocol.

    Buttons only carry callback data; the catalog lookup for the summary happens on press.
    """
    occ = reminder.occurrence
    local_now = now.astimezone(occ.start.tzinfo)
    if occ.start.date() == local_now.date():
        relative = T.RELATIVE_TODAY
    elif occ.start.date() == local_now.date() + timedelta(days=1):
        relative = T.RELATIVE_TOMORROW
    else:
        relative = T.RELATIVE_ON.format(weekday=T.WEEKDAY_NAMES[occ.start.weekday()])
    text = T.REMINDER_HTML.format(
        relative=esc(relative),
        when=esc(format_datetime(occ.start)),
        topic=_topic_lines(occ),
        countdown=esc(countdown(occ.start, now)),
        late=T.REMINDER_LATE_HTML if reminder.late else "",
    )
    buttons: list[list[Button]] = []
    if occ.reading and len(f"{SUMMARY_PREFIX}:{occ.reading}".encode()) <= 64:
        label = occ.reading_label or occ.reading
        label = label if len(label) <= 40 else label[:39] + "…"
        buttons.append(
            [Button(T.BUTTON_SUMMARY.format(title=label), data=f"{SUMMARY_PREFIX}:{occ.reading}")]
        )
    buttons.append([Button(T.BUTTON_PROTOCOL, data=f"{PROTOCOL_PREFIX}:")])
    return OutMessage(html=text, buttons=buttons)
