"""German date and time phrases -> timezone-aware datetimes (pure, no I/O).

Every function takes the current moment ``now`` and the chat's time zone explicitly, so
tests can pin the clock. Accepted phrases (case-insensitive, umlauts or ae/oe/ue):

- dates: ``26.01.``, ``26.1.2026``, ``26.01.26``, ``2026-01-26``, ``26. Januar [2026]``,
  ``26 Jan``, ``heute``, ``morgen``, ``übermorgen``, ``Montag`` / ``Mo`` (also
  ``nächsten Montag``), ``Montag, 26.01.`` (the weekday is checked), ``in 2 Wochen``,
  ``in 3 Tagen``, ``in einem Monat``;
- times: ``19:30``, ``19:30 Uhr``, ``19 Uhr``, ``19.30 Uhr``, ``19h``, ``um 19 Uhr``;
- both in either order, plus ``in 2 Stunden`` / ``in 90 Minuten`` (relative to ``now``);
- a part of the day: ``heute Abend``, ``morgen früh``, ``Montag abends 7 Uhr`` (= 19:00);
- ISO date-times ``2026-01-26T19:30``.

Defaults (where the user says nothing): the time is 19:00 (:data:`DEFAULT_TIME`, the usual
start of a jour fixe); a date without a year is the next such day (this year, or next year
once it has passed); a weekday is the next such day (today if its time is still ahead); a
time alone means today. Anything unparsable, in the past, or more than two years ahead
raises :class:`ParseError` with a German message that shows examples.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.texts import schedule as T

DEFAULT_TIME = time(19, 0)
MAX_INPUT = 200  # characters; longer "dates" are rejected before any parsing
MAX_AHEAD_DAYS = 2 * 366
RECENT_PAST = timedelta(days=90)  # a day-month this recently passed is "past", not next year

WEEKDAYS: dict[str, int] = {}
for _i, _names in enumerate(
    (
        # only abbreviations that are no common German words ("die", "mit", "frei")
        ("montag", "mo"),
        ("dienstag", "di"),
        ("mittwoch", "mi"),
        ("donnerstag", "do"),
        ("freitag", "fr"),
        ("samstag", "sa", "sonnabend"),
        ("sonntag", "so"),
    )
):
    for _n in _names:
        WEEKDAYS[_n] = _i

MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    (
        ("januar", "jan", "jänner", "jaenner"),
        ("februar", "feb", "febr"),
        ("märz", "maerz", "mär", "mrz", "maer"),
        ("april", "apr"),
        ("mai",),
        ("juni", "jun"),
        ("juli", "jul"),
        ("august", "aug"),
        ("september", "sep", "sept"),
        ("oktober", "okt"),
        ("november", "nov"),
        ("dezember", "dez"),
    ),
    start=1,
):
    for _n in _names:
        MONTHS[_n] = _i

NUMBER_WORDS = {
    "ein": 1, "eine": 1, "einer": 1, "einem": 1, "einen": 1, "zwei": 2, "drei": 3, "vier": 4,
    "fünf": 5, "fuenf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10,
    "elf": 11, "zwölf": 12, "zwoelf": 12,
}  # fmt: skip

FILLERS = {"am", "um", "den", "dem", "gegen"}
NEXT_WORDS = {
    "nächsten", "naechsten", "nächster", "naechster", "kommenden", "kommender", "nächste",
    "naechste", "kommende",
}  # fmt: skip

_NUMERIC_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})(?:\.(\d{2}|\d{4})?)?")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:t(\d{1,2}):(\d{2})(?::\d{2})?)?")
_TIME_COLON = re.compile(r"(\d{1,2}):(\d{2})(?:h|uhr)?")
_TIME_DOT = re.compile(r"(\d{1,2})\.(\d{2})")  # only with a following "Uhr"
_TIME_HOUR = re.compile(r"(\d{1,2})(h|uhr)")
_DAY_DOT = re.compile(r"(\d{1,2})\.?")


class ParseError(ValueError):
    """An input the parser cannot use; ``str(error)`` is a German message for the user."""


def normalize_input(text: str) -> list[str]:
    """Lowercase tokens with commas removed; ``T`` of ISO stays attached."""
    text = text.strip().lower().replace(",", " ").replace("\u00a0", " ")
    return text.split()


def to_local(moment: datetime, tz: ZoneInfo) -> datetime:
    return moment.astimezone(tz)


def localize(day: date, at: time, tz: ZoneInfo) -> datetime:
    """Wall-clock time ``at`` on ``day`` in ``tz``; a time skipped by DST moves forward."""
    naive = datetime.combine(day, at.replace(tzinfo=None))
    aware = naive.replace(tzinfo=tz)
    # Round-trip through UTC: a nonexistent wall time (02:30 on the March change)
    # becomes the real instant one hour later instead of a phantom.
    return aware.astimezone(ZoneInfo("UTC")).astimezone(tz)


# --- token matchers: each returns (value, next position) or None ---------------------------


def _skip_fillers(tokens: list[str], pos: int) -> int:
    while pos < len(tokens) and tokens[pos] in FILLERS:
        pos += 1
    return pos


def _number(token: str) -> int | None:
    if token.isdigit() and len(token) <= 3:
        return int(token)
    return NUMBER_WORDS.get(token)


def _weekday_token(token: str) -> int | None:
    return WEEKDAYS.get(token.rstrip("."))


def examples(today: date) -> dict[str, str]:
    """Example dates for error messages, about four weeks after ``today`` (never past)."""
    ahead = today + timedelta(days=28)
    return {
        "example_day": f"{ahead:%d.%m.}",
        "example_date": f"{ahead:%d.%m.%Y}",
        "example_numeric": f"{ahead.day}.{ahead.month}.{ahead.year}",
    }


def _make_date(year: int, month: int, day: int, raw: str, today: date) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ParseError(T.ERR_NO_SUCH_DAY.format(raw=raw, **examples(today))) from None


def _year(token: str) -> int:
    value = int(token)
    return 2000 + value if value < 100 else value


MIN_YEAR, MAX_YEAR = 1900, 2200  # a four-digit year outside is a typo ("0000")


def written_year(year: str) -> int:
    """A year as written in a protocol or a command: two digits are this century; four digits
    must be plausible, else ValueError."""
    value = int(year)
    if len(year) <= 2:
        return 2000 + value
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise ValueError(f"year {year} out of range")
    return value


def _yearless(day: int, month: int, today: date, raw: str) -> date:
    """The next ``day.month`` from today on (this year, else next year).

    A day that passed at most :data:`RECENT_PAST_DAYS` ago stays in this year (and is then
    rejected as past): "12.01." on 13 January is a slip, not a wish for next January.
    """
    if month < 1 or month > 12 or day < 1 or day > 31:
        raise ParseError(T.ERR_NO_SUCH_DAY.format(raw=raw, **examples(today)))
    try:
        this_year = date(today.year, month, day)
    except ValueError:
        this_year = None
    if this_year is not None and timedelta(0) < today - this_year <= RECENT_PAST:
        return this_year
    for year in (today.year, today.year + 1, today.year + 2):
        try:
            candidate = date(year, month, day)
        except ValueError:  # 29.02. in a non-leap year: try the next one
            continue
        if candidate >= today:
            return candidate
    raise ParseError(T.ERR_NO_SUCH_DAY.format(raw=raw, **examples(today)))


def _match_date(tokens: list[str], pos: int, today: date) -> tuple[date, int] | None:
    """An absolute or relative calendar day starting at ``tokens[pos]``."""
    if pos >= len(tokens):
        return None
    tok = tokens[pos]
    if tok == "heute":
        return today, pos + 1
    if tok == "morgen":
        return today + timedelta(days=1), pos + 1
    if tok in ("übermorgen", "uebermorgen"):
        return today + timedelta(days=2), pos + 1
    if tok == "gestern":  # understood, so that the user hears "liegt in der Vergangenheit"
        return today - timedelta(days=1), pos + 1
    if tok == "vorgestern":
        return today - timedelta(days=2), pos + 1
    if tok == "in" and pos + 2 < len(tokens):
        amount = _number(tokens[pos + 1])
        unit = tokens[pos + 2].rstrip(".")
        if amount is not None:
            if unit in ("tag", "tagen", "tage"):
                return today + timedelta(days=amount), pos + 3
            if unit in ("woche", "wochen"):
                return today + timedelta(weeks=amount), pos + 3
            if unit in ("monat", "monaten", "monate"):
                month0 = today.month - 1 + amount
                year, month = today.year + month0 // 12, month0 % 12 + 1
                for day in (today.day, 30, 29, 28):  # 31.01. + 1 Monat = 28./29.02.
                    try:
                        return date(year, month, day), pos + 3
                    except ValueError:
                        continue
    if tok in NEXT_WORDS and pos + 1 < len(tokens):
        wd = _weekday_token(tokens[pos + 1])
        if wd is not None:
            # "nächsten Montag" said on a Monday means the Monday in a week
            return _weekday_date(wd, today) or today + timedelta(days=7), pos + 2
    wd = _weekday_token(tok)
    if wd is not None:
        after = _skip_fillers(tokens, pos + 1)
        explicit = _match_explicit_date(tokens, after, today)
        if explicit is not None:
            day, end = explicit
            if day.weekday() != wd:
                raise ParseError(
                    T.ERR_WEEKDAY_MISMATCH.format(
                        date=f"{day:%d.%m.%Y}",
                        real=T.WEEKDAY_NAMES[day.weekday()],
                        said=T.WEEKDAY_NAMES[wd],
                    )
                )
            return day, end
        return _weekday_date(wd, today) or _TodayWeekday(today), pos + 1
    return _match_explicit_date(tokens, pos, today)


class _TodayWeekday(date):
    """A bare weekday that is today: moves on a week if its time has already passed."""

    def __new__(cls, day: date) -> _TodayWeekday:
        return super().__new__(cls, day.year, day.month, day.day)


def _weekday_date(wd: int, today: date) -> date | None:
    """The next day with weekday ``wd`` after today; ``None`` when today is that weekday."""
    days = (wd - today.weekday()) % 7
    return today + timedelta(days=days) if days else None


def _match_explicit_date(tokens: list[str], pos: int, today: date) -> tuple[date, int] | None:
    if pos >= len(tokens):
        return None
    tok = tokens[pos]
    m = _ISO.fullmatch(tok)
    if m and m.group(4) is None:
        return _make_date(int(m[1]), int(m[2]), int(m[3]), tok, today), pos + 1
    m = _NUMERIC_DATE.fullmatch(tok)
    if m:
        # "19.30" followed by "Uhr" is a time, not a date
        if pos + 1 < len(tokens) and tokens[pos + 1] == "uhr" and m[3] is None:
            return None
        day, month = int(m[1]), int(m[2])
        if m[3]:
            return _make_date(_year(m[3]), month, day, tok, today), pos + 1
        # "26.01. 2026": a year as the next token
        if pos + 1 < len(tokens) and re.fullmatch(r"\d{4}", tokens[pos + 1]):
            return _make_date(int(tokens[pos + 1]), month, day, tok, today), pos + 2
        return _yearless(day, month, today, tok), pos + 1
    m = _DAY_DOT.fullmatch(tok)
    if m and pos + 1 < len(tokens):
        month_name = tokens[pos + 1].rstrip(".")
        if month_name in MONTHS:
            day, month = int(m[1]), MONTHS[month_name]
            raw = f"{tok} {tokens[pos + 1]}"
            if pos + 2 < len(tokens) and re.fullmatch(r"\d{4}", tokens[pos + 2]):
                return _make_date(int(tokens[pos + 2]), month, day, raw, today), pos + 3
            return _yearless(day, month, today, raw), pos + 2
    return None


def _check_time(hour: int, minute: int, raw: str) -> time:
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ParseError(T.ERR_BAD_TIME.format(raw=raw))
    return time(hour, minute)


def _match_time(tokens: list[str], pos: int) -> tuple[time, int] | None:
    pos = _skip_fillers(tokens, pos)
    if pos >= len(tokens):
        return None
    tok = tokens[pos]
    nxt = tokens[pos + 1] if pos + 1 < len(tokens) else None
    end = pos + 1
    m = _TIME_COLON.fullmatch(tok)
    if m:
        if nxt == "uhr":
            end += 1
        return _check_time(int(m[1]), int(m[2]), tok), end
    m = _TIME_HOUR.fullmatch(tok)
    if m:
        return _check_time(int(m[1]), 0, tok), end
    if nxt == "uhr":
        m = _TIME_DOT.fullmatch(tok)
        if m:
            return _check_time(int(m[1]), int(m[2]), tok), end + 1
        if tok.isdigit() and len(tok) <= 2:
            return _check_time(int(tok), 0, tok), end + 1
    return None


def _match_relative_moment(
    tokens: list[str], pos: int, now: datetime
) -> tuple[datetime, int] | None:
    """``in 2 Stunden`` / ``in 90 Minuten``: an instant, not a calendar day."""
    if pos + 2 < len(tokens) and tokens[pos] == "in":
        amount = _number(tokens[pos + 1])
        unit = tokens[pos + 2].rstrip(".")
        if amount is not None:
            if unit in ("stunde", "stunden", "std"):
                return now + timedelta(hours=amount), pos + 3
            if unit in ("minute", "minuten", "min"):
                return now + timedelta(minutes=amount), pos + 3
    return None


def _parse_tokens(
    tokens: list[str], now: datetime, default_time: time
) -> tuple[date | None, time | None, datetime | None]:
    """Parse the whole token list into (day, time, instant); ``None`` if it is not a date."""
    today = now.date()
    pos = _skip_fillers(tokens, 0)
    rel = _match_relative_moment(tokens, pos, now)
    if rel is not None:
        moment, end = rel
        if _skip_fillers(tokens, end) == len(tokens):
            return None, None, moment.replace(second=0, microsecond=0)
        return None, None, None
    if pos < len(tokens):
        m = _ISO.fullmatch(tokens[pos])
        if m and m.group(4) is not None and pos + 1 == len(tokens):
            day = _make_date(int(m[1]), int(m[2]), int(m[3]), tokens[pos], today)
            return day, _check_time(int(m[4]), int(m[5]), tokens[pos]), None
    # date [time]
    day_match = _match_date(tokens, pos, today)
    if day_match is not None:
        day, end = day_match
        end = _skip_fillers(tokens, end)
        if end == len(tokens):
            return day, None, None
        time_match = _match_time(tokens, end)
        if time_match is not None and _skip_fillers(tokens, time_match[1]) == len(tokens):
            return day, time_match[0], None
        return None, None, None
    # time [date]
    time_match = _match_time(tokens, pos)
    if time_match is not None:
        at, end = time_match
        end = _skip_fillers(tokens, end)
        if end == len(tokens):
            return None, at, None
        day_match = _match_date(tokens, end, today)
        if day_match is not None and _skip_fillers(tokens, day_match[1]) == len(tokens):
            return day_match[0], at, None
    return None, None, None


# "heute Abend", "morgen früh", "Montag abends 7 Uhr": (hours added to a time before noon,
# the time when none is given)
DAYTIMES: dict[str, tuple[int, time]] = {
    "abend": (12, time(19)), "abends": (12, time(19)),
    "nachmittag": (12, time(15)), "nachmittags": (12, time(15)),
    "früh": (0, time(9)), "frueh": (0, time(9)), "morgens": (0, time(9)),
    "vormittag": (0, time(10)), "vormittags": (0, time(10)),
}  # fmt: skip


def _resolve(
    tokens: list[str], now_local: datetime, tz: ZoneInfo, default_time: time
) -> datetime | None:
    daytime = next((DAYTIMES[t] for t in tokens if t in DAYTIMES), None)
    if daytime is not None:
        tokens = [t for t in tokens if t not in DAYTIMES]
        if not tokens:
            return None
        default_time = daytime[1]
    day, at, moment = _parse_tokens(tokens, now_local, default_time)
    if daytime is not None and at is not None and at.hour < 12:
        at = at.replace(hour=at.hour + daytime[0])
    if moment is not None:
        return moment.astimezone(tz)
    if day is None and at is None:
        return None
    if day is None:
        day = now_local.date()  # a time alone means today
    elif at is None:
        at = default_time
    if isinstance(day, _TodayWeekday):
        # "Montag 19:30" on a Monday evening after 19:30 means next week's Monday
        plain = date(day.year, day.month, day.day)
        if localize(plain, at, tz) <= now_local:
            plain += timedelta(days=7)
        day = plain
    return localize(day, at, tz)


def _check_range(moment: datetime, now: datetime, raw: str, allow_past: bool) -> datetime:
    if not allow_past and moment <= now:
        raise ParseError(T.ERR_PAST.format(when=format_datetime(moment), **examples(now.date())))
    if moment - now > timedelta(days=MAX_AHEAD_DAYS):
        raise ParseError(T.ERR_TOO_FAR.format(raw=raw))
    return moment


def parse_datetime(
    text: str,
    now: datetime,
    tz: ZoneInfo,
    default_time: time = DEFAULT_TIME,
    allow_past: bool = False,
) -> datetime:
    """Parse a whole German date/time phrase into an aware datetime in ``tz``."""
    raw = text.strip()
    if not raw:
        raise ParseError(T.ERR_NO_DATE.format(**examples(now.date())))
    if len(raw) > MAX_INPUT:
        raise ParseError(T.ERR_DATE_TOO_LONG.format(**examples(now.date())))
    now_local = now.astimezone(tz)
    result = _resolve(normalize_input(raw), now_local, tz, default_time)
    if result is None:
        raise ParseError(T.ERR_UNPARSABLE.format(raw=_shorten(raw), **examples(now.date())))
    return _check_range(result, now_local, raw, allow_past)


def split_datetime(
    text: str,
    now: datetime,
    tz: ZoneInfo,
    default_time: time = DEFAULT_TIME,
    allow_past: bool = False,
    max_tokens: int = 6,
) -> tuple[datetime, str]:
    """Parse the longest leading date/time phrase of ``text``; return it and the rest.

    ``"Montag 19:30 Imperialismus"`` -> (Monday 19:30, ``"Imperialismus"``).
    """
    raw = text.strip()
    if not raw:
        raise ParseError(T.ERR_NO_DATE.format(**examples(now.date())))
    words = raw.split()
    now_local = now.astimezone(tz)
    first_error: ParseError | None = None
    for n in range(min(max_tokens, len(words)), 0, -1):
        head = " ".join(words[:n])
        if len(head) > MAX_INPUT:
            continue
        try:
            result = _resolve(normalize_input(head), now_local, tz, default_time)
        except ParseError as error:  # e.g. "31.02.": remember, a shorter prefix won't do better
            first_error = first_error or error
            continue
        if result is not None:
            rest = raw.split(None, n)[n] if len(words) > n else ""
            return _check_range(result, now_local, head, allow_past), rest.strip()
    if first_error is not None:
        raise first_error
    raise ParseError(T.ERR_UNPARSABLE.format(raw=_shorten(words[0]), **examples(now.date())))


def find_date_phrase(text: str, today: date) -> tuple[date, time | None] | None:
    """The first date phrase with a digit in free text (e.g. a protocol sentence).

    A day without a year is resolved from ``today`` on (pass the protocol's date).
    """
    words = normalize_input(text)
    words = [w.strip('*_()"„“') for w in words]
    words = [w[:-1] if w.endswith(".") and not _NUMERIC_DATE.fullmatch(w) else w for w in words]
    for i in range(len(words)):
        if not any(ch.isdigit() for ch in words[i]) and words[i] not in FILLERS:
            if _weekday_token(words[i]) is None:
                continue
        for n in range(min(6, len(words) - i), 0, -1):
            chunk = words[i : i + n]
            if not any(any(ch.isdigit() for ch in w) for w in chunk):
                continue
            try:
                day, at, _moment = _parse_tokens(
                    chunk, datetime.combine(today, time()), DEFAULT_TIME
                )
            except ParseError:
                continue
            if day is not None:
                return date(day.year, day.month, day.day), at
    return None


# "nächste Sitzung", "kommenden Jour fixe", "nächstes Treffen": a protocol announcing a meeting
NEXT_MEETING = re.compile(
    r"(?:n(?:ä|ae|a)chste[nrs]?|kommende[nrs]?)\s+(?:jour[\s-]*fixe?|termin|treffen|sitzung|"
    r"lesekreis\w*|runde)",
    re.IGNORECASE,
)

# Month names in documents: German (with the abbreviations above) and the English ones that
# web pages in German still carry in their metadata.
_DOCUMENT_MONTHS = {
    **MONTHS,
    **{"january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7},
    **{"october": 10, "december": 12},
}
_DOCUMENT_DATE = re.compile(
    r"(?P<iso>(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2}))"
    r"|(?P<de>(?<!\d)(?P<dd>\d{1,2})\.\s?(?P<dm>\d{1,2})\.\s?(?P<dy>\d{4}|\d{2})(?!\d))"
    r"|(?P<long>(?<!\d)(?P<ld>\d{1,2})\.?\s+(?P<lm>[A-Za-zÄäÖöÜü]+)\s+(?P<ly>\d{4}))",
)
_PAST_RELATIVE = {"heute": 0, "gestern": 1, "vorgestern": 2}


def find_date(text: str) -> date | None:
    """The first valid ISO or German date in a document ("2026-01-12", "12.01.2026",
    "20. August 2025"), or None."""
    for m in _DOCUMENT_DATE.finditer(text):
        try:
            if m.group("iso"):
                return date(int(m["iy"]), int(m["im"]), int(m["id"]))
            if m.group("de"):
                return date(_year(m["dy"]), int(m["dm"]), int(m["dd"]))
            month = _DOCUMENT_MONTHS.get(m["lm"].lower())
            if month:
                return date(int(m["ly"]), month, int(m["ld"]))
        except ValueError:
            continue  # 31.02.2026 and the like
    return None


def parse_past_day(raw: str, today: date) -> date | None:
    """A past day as users type it: 12.01.2026, 12.1.26, 12.01., 2026-01-12, heute, gestern.

    A day without a year is the last such day up to today. None when unparsable.
    """
    text = raw.strip().lower().rstrip(",")
    if text in _PAST_RELATIVE:
        return today - timedelta(days=_PAST_RELATIVE[text])
    if len(text) > MAX_INPUT:
        return None
    try:
        if (m := _ISO.fullmatch(text)) and m.group(4) is None:
            return date(written_year(m.group(1)), int(m.group(2)), int(m.group(3)))
        # "12.01." or "12.01.2026": the dot after the month is part of a day typed alone
        if (m := _NUMERIC_DATE.fullmatch(text)) and (m.group(3) or text.endswith(".")):
            day, month = int(m.group(1)), int(m.group(2))
            if m.group(3):
                return date(written_year(m.group(3)), month, day)
            guess = date(today.year, month, day)
            return guess if guess <= today else date(today.year - 1, month, day)
    except ValueError:
        return None
    return None


def parse_day(text: str, now: datetime, tz: ZoneInfo) -> date:
    """A calendar day referring to a meeting (``/absagen 26.01.``); past days allowed.

    A day without a year is the next such day from today on.
    """
    raw = text.strip()
    if not raw:
        raise ParseError(T.ERR_NO_DATE.format(**examples(now.date())))
    if len(raw) > MAX_INPUT:
        raise ParseError(T.ERR_DATE_TOO_LONG.format(**examples(now.date())))
    tokens = normalize_input(raw)
    today = now.astimezone(tz).date()
    pos = _skip_fillers(tokens, 0)
    match = _match_date(tokens, pos, today)
    if match is None or _skip_fillers(tokens, match[1]) != len(tokens):
        m = _ISO.fullmatch(tokens[pos]) if pos < len(tokens) else None
        if m and len(tokens) == pos + 1:
            return _make_date(int(m[1]), int(m[2]), int(m[3]), raw, today)
        raise ParseError(T.ERR_UNPARSABLE.format(raw=_shorten(raw), **examples(now.date())))
    return match[0]


def split_day(text: str, now: datetime, tz: ZoneInfo, max_tokens: int = 4) -> tuple[date, str]:
    """The leading calendar day of ``text`` and the rest (``/thema 26.01. Imperialismus``)."""
    words = text.split()
    if not words:
        raise ParseError(T.ERR_NO_DATE.format(**examples(now.date())))
    first_error: ParseError | None = None
    for n in range(min(max_tokens, len(words)), 0, -1):
        try:
            day = parse_day(" ".join(words[:n]), now, tz)
        except ParseError as error:
            first_error = first_error if first_error and n > 1 else error
            continue
        rest = text.strip().split(None, n)[n] if len(words) > n else ""
        return day, rest.strip()
    assert first_error is not None
    raise first_error


def parse_time(text: str) -> time:
    """A time of day alone: ``19:30``, ``19 Uhr``, ``19.30 Uhr``, ``19h``."""
    tokens = normalize_input(text)
    match = _match_time(tokens, 0)
    if match is None or _skip_fillers(tokens, match[1]) != len(tokens):
        raise ParseError(T.ERR_BAD_TIME.format(raw=_shorten(text.strip())))
    return match[0]


def parse_weekday(text: str) -> int:
    """``Montag``/``Mo``/``montags`` -> 0 (Monday) .. 6."""
    token = text.strip().lower().rstrip(".,")
    if token.endswith("s") and token[:-1] in WEEKDAYS and len(token) > 3:
        token = token[:-1]  # "montags"
    if token in WEEKDAYS:
        return WEEKDAYS[token]
    raise ParseError(T.ERR_BAD_WEEKDAY.format(raw=_shorten(text.strip())))


_LEAD_UNITS = {
    "w": 7 * 1440, "wo": 7 * 1440, "woche": 7 * 1440, "wochen": 7 * 1440,
    "d": 1440, "t": 1440, "tag": 1440, "tage": 1440, "tagen": 1440,
    "h": 60, "std": 60, "stunde": 60, "stunden": 60,
    "m": 1, "min": 1, "minute": 1, "minuten": 1,
}  # fmt: skip
_LEAD = re.compile(
    r"(\d{1,4})\s*(" + "|".join(sorted(_LEAD_UNITS, key=len, reverse=True)) + r")\.?"
)


def parse_leads(text: str) -> list[int]:
    """``"1d 1h"`` / ``"2 Tage, 30 min"`` -> lead times in minutes, largest first, unique."""
    rest = text.strip().lower().replace(",", " ").replace("und", " ")
    if len(rest) > MAX_INPUT:
        raise ParseError(T.ERR_BAD_LEAD.format(raw=_shorten(text.strip())))
    leads: list[int] = []
    pos = 0
    compact = re.sub(r"\s+", " ", rest).strip()
    while pos < len(compact):
        if compact[pos] == " ":
            pos += 1
            continue
        m = _LEAD.match(compact, pos)
        if not m or (m.end() < len(compact) and compact[m.end()] != " "):
            bad = compact[pos:].split(" ")[0]
            raise ParseError(T.ERR_BAD_LEAD.format(raw=_shorten(bad)))
        leads.append(int(m[1]) * _LEAD_UNITS[m[2]])
        pos = m.end()
    if not leads:
        raise ParseError(T.ERR_BAD_LEAD.format(raw=_shorten(text.strip())))
    return sorted(set(leads), reverse=True)


def format_lead(minutes: int) -> str:
    """1440 -> "1 Tag", 90 -> "90 Minuten", 60 -> "1 Stunde"."""
    if minutes % (7 * 1440) == 0:
        n = minutes // (7 * 1440)
        return f"{n} Woche" if n == 1 else f"{n} Wochen"
    if minutes % 1440 == 0:
        n = minutes // 1440
        return f"{n} Tag" if n == 1 else f"{n} Tage"
    if minutes % 60 == 0:
        n = minutes // 60
        return f"{n} Stunde" if n == 1 else f"{n} Stunden"
    return f"{minutes} Minute" if minutes == 1 else f"{minutes} Minuten"


def format_datetime(moment: datetime) -> str:
    """``Montag, 26.01.2026, 19:00 Uhr`` (in the datetime's own zone)."""
    return f"{T.WEEKDAY_NAMES[moment.weekday()]}, {moment:%d.%m.%Y}, {moment:%H:%M} Uhr"


def format_day(day: date) -> str:
    return f"{T.WEEKDAY_NAMES[day.weekday()]}, {day:%d.%m.%Y}"


def countdown(start: datetime, now: datetime) -> str:
    """German distance from ``now`` to ``start``: "in 2 Tagen und 3 Stunden", "läuft gerade"."""
    delta = start - now
    seconds = int(delta.total_seconds())
    if seconds <= 0:
        return T.COUNTDOWN_STARTED
    minutes = (seconds + 59) // 60
    days, rem = divmod(minutes, 1440)
    hours, mins = divmod(rem, 60)
    parts: list[str] = []
    if days:
        parts.append("einem Tag" if days == 1 else f"{days} Tagen")
    if hours and days < 7:
        parts.append("einer Stunde" if hours == 1 else f"{hours} Stunden")
    if mins and not days:
        parts.append("einer Minute" if mins == 1 else f"{mins} Minuten")
    return "in " + " und ".join(parts)


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
