"""German date and time phrases: a table of inputs with their datetimes, and rejects."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.core.dates import (
    ParseError,
    countdown,
    find_date_phrase,
    format_datetime,
    format_lead,
    parse_datetime,
    parse_day,
    parse_leads,
    parse_time,
    parse_weekday,
    split_datetime,
    split_day,
)

BERLIN = ZoneInfo("Europe/Berlin")
# Tuesday, 13 January 2026, 10:00 in Berlin: the day after the seed protocol's session.
NOW = datetime(2026, 1, 13, 10, 0, tzinfo=BERLIN)


def at(y: int, mo: int, d: int, h: int = 19, mi: int = 0, tz: ZoneInfo = BERLIN) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=tz)


PARSED = [
    # numeric dates, default time 19:00
    ("26.01.", at(2026, 1, 26)),
    ("26.1.", at(2026, 1, 26)),
    ("26.1", at(2026, 1, 26)),
    ("26.01.2026", at(2026, 1, 26)),
    ("26.1.2026 19 Uhr", at(2026, 1, 26)),
    ("26.1.2026, 19 Uhr", at(2026, 1, 26)),
    ("26.01.26 18:30", at(2026, 1, 26, 18, 30)),
    ("26.01. 2026", at(2026, 1, 26)),
    ("26.01. 19:30", at(2026, 1, 26, 19, 30)),
    ("26.01. um 19:30 Uhr", at(2026, 1, 26, 19, 30)),
    ("am 26.01. um 20 Uhr", at(2026, 1, 26, 20, 0)),
    ("26.01. 19.30 Uhr", at(2026, 1, 26, 19, 30)),
    ("26.01. 19h", at(2026, 1, 26, 19, 0)),
    ("26.01. 7:05", at(2026, 1, 26, 7, 5)),
    # ISO
    ("2026-01-26", at(2026, 1, 26)),
    ("2026-01-26 18:00", at(2026, 1, 26, 18, 0)),
    ("2026-01-26T19:30", at(2026, 1, 26, 19, 30)),
    # month names
    ("26. Januar", at(2026, 1, 26)),
    ("26 Januar", at(2026, 1, 26)),
    ("26. Jan", at(2026, 1, 26)),
    ("26. Januar 2026", at(2026, 1, 26)),
    ("26. Januar 2026 18:15", at(2026, 1, 26, 18, 15)),
    ("3. März", at(2026, 3, 3)),
    ("3. Maerz 20 Uhr", at(2026, 3, 3, 20, 0)),
    ("1. Dez.", at(2026, 12, 1)),
    ("5.11.", at(2026, 11, 5)),
    ("2.1.2027", at(2027, 1, 2)),
    # times alone: today
    ("19:30", at(2026, 1, 13, 19, 30)),
    ("19 Uhr", at(2026, 1, 13, 19, 0)),
    ("um 20 Uhr", at(2026, 1, 13, 20, 0)),
    ("23:59", at(2026, 1, 13, 23, 59)),
    # weekdays: the next one (today if still ahead)
    ("Montag 19:30", at(2026, 1, 19, 19, 30)),
    ("montag", at(2026, 1, 19)),
    ("Mo 18 Uhr", at(2026, 1, 19, 18, 0)),
    ("Mo. 18 Uhr", at(2026, 1, 19, 18, 0)),
    ("Dienstag 11 Uhr", at(2026, 1, 13, 11, 0)),
    ("Dienstag 9 Uhr", at(2026, 1, 20, 9, 0)),
    ("Dienstag", at(2026, 1, 13)),
    ("nächsten Dienstag", at(2026, 1, 20)),
    ("nächsten Montag 20 Uhr", at(2026, 1, 19, 20, 0)),
    ("kommenden Freitag", at(2026, 1, 16)),
    ("Sonntag", at(2026, 1, 18)),
    ("So 11 Uhr", at(2026, 1, 18, 11, 0)),
    ("Montag, 26.01.", at(2026, 1, 26)),
    ("Montag, den 26.01. 19:30", at(2026, 1, 26, 19, 30)),
    ("20 Uhr am Freitag", at(2026, 1, 16, 20, 0)),
    # relative days
    ("heute", at(2026, 1, 13)),
    ("heute 20 Uhr", at(2026, 1, 13, 20, 0)),
    ("morgen", at(2026, 1, 14)),
    ("morgen 18 Uhr", at(2026, 1, 14, 18, 0)),
    ("Morgen um 18:30", at(2026, 1, 14, 18, 30)),
    ("übermorgen", at(2026, 1, 15)),
    ("uebermorgen 17 Uhr", at(2026, 1, 15, 17, 0)),
    ("in 2 Wochen", at(2026, 1, 27)),
    ("in zwei Wochen", at(2026, 1, 27)),
    ("in einer Woche 18 Uhr", at(2026, 1, 20, 18, 0)),
    ("in 3 Tagen", at(2026, 1, 16)),
    ("in einem Monat", at(2026, 2, 13)),
    # relative moments
    ("in 2 Stunden", at(2026, 1, 13, 12, 0)),
    ("in 90 Minuten", at(2026, 1, 13, 11, 30)),
    # parts of the day
    ("heute Abend", at(2026, 1, 13)),
    ("heute Abend 20 Uhr", at(2026, 1, 13, 20, 0)),
    ("morgen abend", at(2026, 1, 14)),
    ("Montag abends 7 Uhr", at(2026, 1, 19, 19, 0)),
    ("morgen früh", at(2026, 1, 14, 9, 0)),
    ("morgen früh 8:30", at(2026, 1, 14, 8, 30)),
    ("Freitag nachmittags 3 Uhr", at(2026, 1, 16, 15, 0)),
    # upper case, extra spaces, non-breaking space
    ("  MORGEN   18 UHR ", at(2026, 1, 14, 18, 0)),
    ("26.01.\u00a019:30", at(2026, 1, 26, 19, 30)),
]


@pytest.mark.parametrize(("text", "expected"), PARSED, ids=[p[0] for p in PARSED])
def test_german_phrases_give_the_expected_moment(text: str, expected: datetime) -> None:
    result = parse_datetime(text, NOW, BERLIN)
    assert expected == result
    assert result.tzinfo is not None and result.utcoffset() == expected.utcoffset()


REJECTED = [
    ("", "Datum"),
    ("blabla", "verstehe ich nicht"),
    ("Montag 19:30 blabla", "verstehe ich nicht"),
    ("31.02.", "gibt es im Kalender nicht"),
    ("32.01.2026", "gibt es im Kalender nicht"),
    ("26.13.", "gibt es im Kalender nicht"),
    ("2026-02-30", "gibt es im Kalender nicht"),
    ("25:00", "keine Uhrzeit"),
    ("26.01. 19:75", "keine Uhrzeit"),
    ("9 Uhr", "Vergangenheit"),  # earlier today
    ("heute 8 Uhr", "Vergangenheit"),
    ("gestern", "Vergangenheit"),
    ("12.01.", "Vergangenheit"),  # yesterday without a year: a slip, not next January
    ("12.01.2026", "Vergangenheit"),
    ("10. Januar", "Vergangenheit"),
    ("1.1.2020 19 Uhr", "Vergangenheit"),
    ("26.01.2029", "zwei Jahre"),
    ("Di 26.01.", "ist ein Montag, kein Dienstag"),
    ("🎉🎉", "verstehe ich nicht"),
    ("x" * 10_000, "zu lang"),
    ("in zwei", "verstehe ich nicht"),
    ("abends", "verstehe ich nicht"),
    ("19.30", "gibt es im Kalender nicht"),  # a time needs "Uhr" when written with a dot
]


@pytest.mark.parametrize(
    ("text", "message"), REJECTED, ids=[r[0][:20] or "empty" for r in REJECTED]
)
def test_unusable_phrases_get_a_german_error_with_an_example(text: str, message: str) -> None:
    with pytest.raises(ParseError) as error:
        parse_datetime(text, NOW, BERLIN)
    assert message in str(error.value)
    assert "Beispiel" in str(error.value) or "z. B." in str(error.value)
    assert len(str(error.value)) < 400  # a 10 kB input is not echoed back


def test_phrases_use_the_chat_time_zone() -> None:
    tokyo = ZoneInfo("Asia/Tokyo")
    result = parse_datetime("26.01. 19:00", NOW, tokyo)
    assert datetime(2026, 1, 26, 19, 0, tzinfo=tokyo) == result
    assert datetime(2026, 1, 26, 11, 0, tzinfo=BERLIN) == result


def test_summer_time_offset_is_applied_after_the_clock_change() -> None:
    result = parse_datetime("30.03. 19:00", NOW, BERLIN)
    assert "+02:00" == result.isoformat()[-6:]
    assert "+01:00" == parse_datetime("28.03. 19:00", NOW, BERLIN).isoformat()[-6:]


def test_a_time_skipped_by_the_march_change_moves_forward() -> None:
    result = parse_datetime("29.03.2026 2:30", NOW, BERLIN)
    assert (3, 30) == (result.hour, result.minute)


def test_split_takes_the_longest_leading_date_and_leaves_the_topic() -> None:
    assert (at(2026, 1, 19, 19, 30), "Imperialismus heute") == split_datetime(
        "Montag 19:30 Imperialismus heute", NOW, BERLIN
    )
    assert (at(2026, 1, 26), "Europa im hybriden Krieg") == split_datetime(
        "26.01. Europa im hybriden Krieg", NOW, BERLIN
    )
    assert (at(2026, 1, 26, 19, 30), "") == split_datetime("26.1.2026 19:30 Uhr", NOW, BERLIN)
    assert (at(2026, 1, 27), "Fazi") == split_datetime("in 2 Wochen Fazi", NOW, BERLIN)


def test_a_part_of_the_day_is_no_topic() -> None:
    assert (at(2026, 1, 13, 20, 0), "Imperialismus") == split_datetime(
        "heute Abend 20 Uhr Imperialismus", NOW, BERLIN
    )
    assert (at(2026, 1, 14), "Abendessen") == split_datetime("morgen Abendessen", NOW, BERLIN)


def test_split_reports_the_real_problem() -> None:
    with pytest.raises(ParseError, match="Kalender"):
        split_datetime("31.02. Thema", NOW, BERLIN)
    with pytest.raises(ParseError, match="verstehe ich nicht"):
        split_datetime("Thema am Montag", NOW, BERLIN)


def test_a_day_month_that_passed_months_ago_means_next_year() -> None:
    november = datetime(2026, 11, 21, 12, 0, tzinfo=BERLIN)
    assert at(2027, 1, 26) == parse_datetime("26.01.", november, BERLIN)
    assert at(2027, 1, 26) == parse_datetime("26. Januar", november, BERLIN)
    with pytest.raises(ParseError, match="Vergangenheit"):
        parse_datetime("20.11.", november, BERLIN)  # yesterday


def test_days_referring_to_meetings() -> None:
    assert date(2026, 1, 26) == parse_day("26.01.", NOW, BERLIN)
    assert date(2026, 1, 12) == parse_day("12.01.2026", NOW, BERLIN)  # past days allowed
    assert date(2026, 1, 19) == parse_day("Montag", NOW, BERLIN)
    assert date(2026, 1, 26) == parse_day("2026-01-26", NOW, BERLIN)
    assert (date(2026, 1, 26), "Thema X") == split_day("26. Januar Thema X", NOW, BERLIN)
    with pytest.raises(ParseError):
        parse_day("nie", NOW, BERLIN)


def test_times_weekdays_and_leads() -> None:
    assert time(19, 30) == parse_time("19:30")
    assert time(19, 0) == parse_time("19 Uhr")
    assert time(19, 30) == parse_time("19.30 Uhr")
    assert 0 == parse_weekday("Montag")
    assert 0 == parse_weekday("montags")
    assert 6 == parse_weekday("So")
    with pytest.raises(ParseError, match="kein Wochentag"):
        parse_weekday("Mitwoch-Abend")
    assert [1440, 60] == parse_leads("1d 1h")
    assert [2880, 30] == parse_leads("2 Tage, 30min")
    assert [10080, 120] == parse_leads("1 Woche und 2h")
    assert [60] == parse_leads("1h 60m")  # duplicates collapse
    for bad in ("1x", "bald", "1d zwei", "", "1d " * 5000):
        with pytest.raises(ParseError, match="Vorlaufzeit"):
            parse_leads(bad)


def test_lead_and_date_formatting() -> None:
    assert ["1 Tag", "2 Tage", "1 Stunde", "90 Minuten", "1 Woche"] == [
        format_lead(m) for m in (1440, 2880, 60, 90, 10080)
    ]
    assert "Montag, 26.01.2026, 19:00 Uhr" == format_datetime(at(2026, 1, 26))


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (at(2026, 1, 13, 10, 45), "in 45 Minuten"),
        (at(2026, 1, 13, 10, 1), "in einer Minute"),
        (at(2026, 1, 13, 11, 0), "in einer Stunde"),
        (at(2026, 1, 13, 12, 30), "in 2 Stunden und 30 Minuten"),
        (at(2026, 1, 14, 13, 0), "in einem Tag und 3 Stunden"),
        (at(2026, 1, 26, 19, 0), "in 13 Tagen"),
        (at(2026, 1, 15, 10, 0), "in 2 Tagen"),
        (at(2026, 1, 13, 9, 0), "läuft gerade oder ist vorbei"),
    ],
)
def test_countdown_in_german(start: datetime, expected: str) -> None:
    assert expected == countdown(start, NOW)


def test_date_phrases_are_found_in_free_text() -> None:
    assert (date(2026, 1, 26), None) == find_date_phrase(
        "Der nächste Jour fixe findet am **26. Januar** statt.", date(2026, 1, 12)
    )
    assert (date(2026, 2, 9), time(18, 30)) == find_date_phrase(
        "Nächster Termin: Montag, 9.2., 18:30 Uhr im Café", date(2026, 1, 26)
    )
    assert find_date_phrase("Die Runde war lang und so weiter.", date(2026, 1, 26)) is None
