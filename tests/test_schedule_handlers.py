"""The schedule commands and buttons through the plain handler functions (real Services)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from helpers import CHAT, buttons, html, press
from helpers import send as run
from icalendar import Calendar

from bot.core.schedule import DueReminder, next_meeting_info
from bot.handlers.base import COMMANDS, Button, Reply
from bot.handlers.schedule import reminder_message
from bot.services import Services

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 1, 13, 10, 0, tzinfo=BERLIN)  # the day after the seed protocol's session
GROUP = -1001234

CHANGES = [
    "/termin 26.01. 19:30 Imperialismus",
    "/jourfixe Montag 19:00 alle 2 Wochen",
    "/absagen 26.01.",
    "/verschieben 26.01. 27.01.",
    "/thema 26.01. Neues Thema",
    "/erinnerung 2h",
    "/zeitzone Europe/Vienna",
    "/jourfixe aus",
]


@pytest.fixture
def svc(services: Services) -> Services:
    services.clock = lambda: NOW.astimezone(UTC)
    return services


def group(text: str, services: Services, admin: bool) -> Reply:
    return run(text, services, chat_id=GROUP, chat_type="supergroup", is_admin=admin)


def state(services: Services, chat_id: int) -> tuple:
    """Everything the schedule stores for a chat (to prove a refusal saved nothing)."""
    db = services.store.db
    return (
        list(db.query("SELECT * FROM schedule_meetings WHERE chat_id = ?", [chat_id])),
        list(db.query("SELECT * FROM schedule_chats WHERE chat_id = ?", [chat_id])),
        list(db.query("SELECT * FROM schedule_overrides")),
    )


# --- creating ----------


def test_termin_saves_and_confirms_with_a_countdown(svc: Services) -> None:
    text = html(run("/termin 26.01. 19:30 Imperialismus", svc))
    assert "✅ Termin eingetragen: <b>Montag, 26.01.2026, 19:30 Uhr</b>" in text
    assert "Thema: Imperialismus" in text and "in 13 Tagen" in text
    assert "Imperialismus" == svc.schedule.next_meeting(CHAT, NOW).topic


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/termin", "So geht's"),
        ("/termin gestern 19 Uhr", "Vergangenheit"),
        ("/termin nächstes Jahr irgendwann", "verstehe ich nicht"),
        ("/termin 31.02. Thema", "Kalender"),
        ("/termin 🎉", "verstehe ich nicht"),
        ("/termin " + "x" * 10_000, "verstehe ich nicht"),
        ("/termin 26.01. " + "y" * 10_000, "zu lang"),
    ],
)
def test_termin_bad_input_gets_a_german_error_and_saves_nothing(
    svc: Services, text: str, expected: str
) -> None:
    reply = html(run(text, svc))
    assert expected in reply
    assert len(reply) < 1000
    assert svc.schedule.next_meeting(CHAT, NOW) is None


def test_user_text_is_escaped(svc: Services) -> None:
    text = html(run("/termin morgen <b>Lenin</b> & Co", svc))
    assert "&lt;b&gt;Lenin&lt;/b&gt; &amp; Co" in text


def test_jourfixe_sets_the_biweekly_monday_series_in_one_command(svc: Services) -> None:
    text = html(run("/jourfixe Montag 19:00 alle 2 Wochen ab 26.01. Imperialismus", svc))
    assert "alle 2 Wochen montags, 19:00 Uhr, ab 26.01.2026" in text
    assert "Nächster Termin: <b>Montag, 26.01.2026, 19:00 Uhr</b>" in text
    listing = html(run("/termine", svc))
    assert listing.count("🔁") >= 4
    assert "Montag, 09.02.2026, 19:00 Uhr" in listing and "Montag, 02.02.2026" not in listing


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("/jourfixe Mo 19 Uhr", "Montag, 19.01.2026, 19:00 Uhr"),
        ("/jourfixe montags", "Montag, 19.01.2026, 19:00 Uhr"),
        ("/jourfixe Mittwoch 18:30 14-tägig Fazi", "Mittwoch, 14.01.2026, 18:30 Uhr"),
        ("/jourfixe Do 20 Uhr alle zwei Wochen ab 5.2.", "Donnerstag, 05.02.2026, 20:00 Uhr"),
        ("/jourfixe Montag 19:00 jede Woche", "Montag, 19.01.2026, 19:00 Uhr"),
    ],
)
def test_jourfixe_variants(svc: Services, text: str, first: str) -> None:
    assert f"Nächster Termin: <b>{first}</b>" in html(run(text, svc))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/jourfixe täglich 19 Uhr", "kein Wochentag"),
        ("/jourfixe Montag 19:00 täglich", "tägliche oder stündliche"),
        ("/jourfixe Montag 19:00 alle 3 Tage", "tägliche oder stündliche"),
        ("/jourfixe Montag 19:00 alle 2 Stunden", "tägliche oder stündliche"),
        ("/jourfixe Montag 19:00 alle 0 Wochen", "tägliche oder stündliche"),
        ("/jourfixe Montag 19:00 ab gestern-ish", "verstehe ich nicht"),
        ("/jourfixe", "So geht's"),
    ],
)
def test_jourfixe_refuses_short_intervals_and_bad_input(
    svc: Services, text: str, expected: str
) -> None:
    assert expected in html(run(text, svc))
    assert [] == svc.schedule.meetings(CHAT)


@pytest.mark.parametrize(
    ("text", "rule", "topic"),
    [
        ("/jourfixe Montag 19.30 alle 2 Wochen", "alle 2 Wochen montags, 19:30 Uhr", ""),
        (
            "/jourfixe Montags um 19 Uhr alle zwei Wochen Imperialismus",
            "alle 2 Wochen montags, 19:00 Uhr",
            "Imperialismus",
        ),
        ("/jourfixe Mo alle 2 Wochen 18 Uhr", "alle 2 Wochen montags, 18:00 Uhr", ""),
        (
            "/jourfixe Mo 19:00 ab 9.2. alle 2 Wochen Krieg",
            "alle 2 Wochen montags, 19:00 Uhr, ab 09.02.2026",
            "Krieg",
        ),
        (
            "/jourfixe Montag, 19:00, alle 2 Wochen, ab 26.01.",
            "alle 2 Wochen montags, 19:00 Uhr, ab 26.01.2026",
            "",
        ),
        ("/jourfixe jeden zweiten Dienstag 19 Uhr", "alle 2 Wochen dienstags, 19:00 Uhr", ""),
        ("/jourfixe Donnerstag 1984 lesen", "jeden Donnerstag, 19:00 Uhr", "1984 lesen"),
        ("/jourfixe Freitag abends um 7 Uhr Kapital", "jeden Freitag, 19:00 Uhr", "Kapital"),
    ],
)
def test_jourfixe_time_interval_and_start_in_any_order_never_end_up_in_the_topic(
    svc: Services, text: str, rule: str, topic: str
) -> None:
    assert rule in html(run(text, svc))
    [meeting] = svc.schedule.meetings(CHAT)
    assert topic == meeting.topic


@pytest.mark.parametrize("text", ["/jourfixe Montag 25:00", "/jourfixe Mo 19:75 alle 2 Wochen"])
def test_jourfixe_with_an_impossible_time_is_refused_not_saved_as_topic(
    svc: Services, text: str
) -> None:
    assert "ist keine Uhrzeit" in html(run(text, svc))
    assert [] == svc.schedule.meetings(CHAT)


def test_jourfixe_from_a_day_long_past_keeps_the_rhythm_and_starts_at_the_next_meeting(
    svc: Services,
) -> None:
    svc.clock = lambda: datetime(2026, 11, 21, 6, tzinfo=UTC)  # the machine's "today"
    text = html(run("/jourfixe Montag 19:00 alle 2 Wochen ab 26.01.2026", svc))
    assert "alle 2 Wochen montags, 19:00 Uhr, ab 30.11.2026" in text
    assert "Nächster Termin: <b>Montag, 30.11.2026, 19:00 Uhr</b>" in text


def test_jourfixe_names_its_first_meeting_even_after_ten_others(svc: Services) -> None:
    run("/jourfixe Dienstag 19:00", svc)
    text = html(run("/jourfixe Montag 19:00 alle 2 Wochen ab 6.4.", svc))
    assert "Nächster Termin: <b>Montag, 06.04.2026, 19:00 Uhr</b>" in text


def test_jourfixe_aus_ends_the_series(svc: Services) -> None:
    run("/jourfixe Montag 19:00", svc)
    assert "1 Terminreihe(n) beendet" in html(run("/jourfixe aus", svc))
    assert "Noch keine Termine" in html(run("/termine", svc))
    assert "keine Terminreihe" in html(run("/jourfixe aus", svc))


def test_the_21st_meeting_is_refused(svc: Services) -> None:
    for day in range(20):
        assert "✅" in html(run(f"/termin {day + 1}.02. 19 Uhr", svc))
    text = html(run("/termin 1.3. 19 Uhr", svc))
    assert "mehr als 20 gehen nicht" in text
    assert 20 == svc.schedule.count_scheduled(CHAT, NOW)


# --- admin checks in groups ----------


@pytest.mark.parametrize("text", CHANGES)
def test_non_admins_in_groups_get_a_german_refusal_and_nothing_is_saved(
    svc: Services, text: str
) -> None:
    schedule = svc.schedule
    schedule.add_meeting(GROUP, datetime(2026, 1, 26, 19, tzinfo=BERLIN), NOW)
    schedule.add_series(GROUP, 0, datetime(2026, 1, 1, 19).time(), NOW, 2, date(2026, 2, 9))
    before = state(svc, GROUP)
    reply = html(group(text, svc, admin=False))
    assert "nur Admins" in reply
    assert before == state(svc, GROUP)


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        (CHANGES[0], "✅ Termin eingetragen: <b>Montag, 26.01.2026, 19:30 Uhr</b>"),
        (CHANGES[1], "✅ Jour fixe eingetragen: <b>alle 2 Wochen montags, 19:00 Uhr, ab 19.01."),
        (CHANGES[2], "✅ Abgesagt: <b>Montag, 26.01.2026, 19:00 Uhr</b>"),
        (CHANGES[3], "✅ Verschoben: <s>Montag, 26.01.2026, 19:00 Uhr</s> → <b>Dienstag, 27.01."),
        (CHANGES[4], "✅ Thema für <b>Montag, 26.01.2026, 19:00 Uhr</b>: Neues Thema"),
        (CHANGES[5], "✅ Erinnerungen: 2 Stunden vor jedem Termin."),
        (CHANGES[6], "✅ Zeitzone: <b>Europe/Vienna</b>."),
        (CHANGES[7], "Es gibt keine Terminreihe, die ich beenden könnte."),  # none was set
    ],
)
def test_admins_in_groups_may_change(svc: Services, text: str, answer: str) -> None:
    schedule = svc.schedule
    schedule.add_meeting(GROUP, datetime(2026, 1, 26, 19, tzinfo=BERLIN), NOW)
    assert html(group(text, svc, admin=True)).startswith(answer)


@pytest.mark.parametrize("text", ["/termine", "/naechster", "/erinnerung", "/zeitzone", "/ical"])
def test_everyone_may_look(svc: Services, text: str) -> None:
    svc.schedule.add_meeting(GROUP, datetime(2026, 1, 26, 19, tzinfo=BERLIN), NOW)
    reply = group(text, svc, admin=False)
    assert reply.messages and "nur Admins" not in html(reply)


def test_private_chats_need_no_admin(svc: Services) -> None:
    assert "✅" in html(run("/termin morgen", svc, is_admin=False))


# --- viewing and /naechster ----------


def test_naechster_offers_the_meeting_the_protocol_announces(svc: Services) -> None:
    reply = run("/naechster", svc)
    text = html(reply)
    assert "Kein Termin geplant" in text
    assert "Das Protokoll vom 12.01.2026 kündigt an: <b>Montag, 26.01.2026, 19:00 Uhr</b>" in text
    assert "Europa im hybriden Krieg" in text
    [button] = buttons(reply)
    assert button.data == "sa:protokoll-2026-01-12"

    non_admin = press(button, svc, chat_id=CHAT, chat_type="group", is_admin=False)
    assert "nur Admins" in html(non_admin)
    assert svc.schedule.next_meeting(CHAT, NOW) is None

    saved = html(press(button, svc))
    assert "✅ Termin eingetragen: <b>Montag, 26.01.2026, 19:00 Uhr</b>" in saved
    occ = svc.schedule.next_meeting(CHAT, NOW)
    assert "Europa im hybriden Krieg" in occ.topic
    assert "Am 26.01.2026 ist schon ein Termin" in html(press(button, svc))

    again = run("/naechster", svc)
    assert "kündigt an" not in html(again)  # scheduled: no more offer
    assert "<b>Montag, 26.01.2026, 19:00 Uhr</b>" in html(again)
    assert html(again).endswith("⏳ in 13 Tagen")


def test_the_announced_meeting_takes_the_series_time(svc: Services) -> None:
    run("/jourfixe Montag 18:30 alle 2 Wochen ab 9.2.", svc)
    reply = run("/naechster", svc)
    assert "kündigt an: <b>Montag, 26.01.2026, 18:30 Uhr</b>" in html(reply)


def test_no_offer_once_the_announced_day_has_passed(svc: Services) -> None:
    svc.clock = lambda: datetime(2026, 1, 27, 12, tzinfo=UTC)
    reply = run("/naechster", svc)
    assert "kündigt an" not in html(reply) and [] == buttons(reply)
    assert "Diese Ankündigung finde ich nicht mehr" in html(
        press(Button("x", data="sa:protokoll-2026-01-12"), svc)
    )


def test_naechster_links_the_reading_summary(svc: Services) -> None:
    run("/termin 26.01. Lektüre: Fazi Endspiel", svc)
    reply = run("/naechster", svc)
    assert "Lektüre: Trumps Endspiel in der Ukraine" in html(reply)
    summary = next(b for b in buttons(reply) if b.data and b.data.startswith("ss:"))
    assert "ss:fazi-endspiel" == summary.data
    pressed = press(summary, svc)
    if "zusammenfassung" in COMMANDS:  # the content feature answers itself
        direct = run("/zusammenfassung fazi-endspiel", svc)
        assert html(direct) == html(pressed)
    else:
        assert "/zusammenfassung fazi-endspiel" in html(pressed)


def test_a_topic_naming_a_corpus_title_links_it(svc: Services) -> None:
    run("/termin 26.01. Die Illusion des Friedens", svc)
    assert svc.schedule.next_meeting(CHAT, NOW).reading == "fazi-illusion"
    run("/termin 27.01. Europa im hybriden Krieg", svc)
    assert [o.reading for o in svc.schedule.upcoming(CHAT, NOW, 2)] == ["fazi-illusion", ""]


def test_protocol_button_runs_the_notes_protokoll_command(svc: Services) -> None:
    pressed = press(Button("p", data="sp:"), svc)
    assert pressed.messages
    if "protokoll" in COMMANDS:
        assert html(run("/protokoll", svc)) == html(pressed)


def test_termine_lists_meetings_series_and_reminder_settings(svc: Services) -> None:
    assert "Noch keine Termine geplant" in html(run("/termine", svc))
    run("/jourfixe Montag 19:00 alle 2 Wochen ab 26.01.", svc)
    run("/termin 1.2. 15 Uhr Sondertermin", svc)
    run("/verschieben 9.2. 10.2. 18 Uhr", svc)
    text = html(run("/termine", svc))
    lines = [line for line in text.splitlines() if line.startswith("• <b>")]
    assert lines[:3] == [
        "• <b>Montag, 26.01.2026, 19:00 Uhr</b> 🔁",
        "• <b>Sonntag, 01.02.2026, 15:00 Uhr</b> – Sondertermin",
        "• <b>Dienstag, 10.02.2026, 18:00 Uhr</b> 🔁 (verschoben)",
    ]
    assert "Erinnerungen: 1 Tag, 1 Stunde vorher" in text


def test_termine_shortens_long_topics(svc: Services) -> None:
    run("/termin 26.01. " + "Imperialismus " * 20, svc)
    line = next(x for x in html(run("/termine", svc)).splitlines() if x.startswith("• "))
    assert line.endswith("…") and len(line) < 140
    assert ("Imperialismus " * 20).strip() == svc.schedule.next_meeting(CHAT, NOW).topic


# --- changing single dates ----------


def test_absagen_verschieben_thema(svc: Services) -> None:
    run("/jourfixe Montag 19:00 alle 2 Wochen ab 26.01.", svc)
    assert "✅ Abgesagt: <b>Montag, 26.01.2026, 19:00 Uhr</b>" in html(run("/absagen 26.01.", svc))
    assert "Am 26.01.2026 ist kein Termin" in html(run("/absagen 26.01.", svc))
    moved = html(run("/verschieben 9.2. 20 Uhr", svc))  # only a new time: same day
    assert "<s>Montag, 09.02.2026, 19:00 Uhr</s> → <b>Montag, 09.02.2026, 20:00 Uhr</b>" in moved
    moved = html(run("/verschieben 23.02. 24.02.", svc))  # a new day keeps the time
    assert "→ <b>Dienstag, 24.02.2026, 19:00 Uhr</b>" in moved
    topic = html(run("/thema 24.2. Imperialismus Lektüre: WSWS", svc))
    assert "Thema für <b>Dienstag, 24.02.2026, 19:00 Uhr</b>: Imperialismus" in topic
    assert "Lektüre: Nach dem Alaska-Gipfel" in topic
    occ = svc.schedule.on_day(CHAT, date(2026, 2, 24))[0]
    assert ("Imperialismus", "wsws-alaska") == (occ.topic, occ.reading)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/absagen", "So geht's"),
        ("/absagen 30.02.", "Kalender"),
        ("/absagen 27.01.", "kein Termin"),
        ("/verschieben 26.01.", "So geht's"),
        ("/verschieben 26.01. 12.01.2026", "Vergangenheit"),
        ("/verschieben 26.01. bald", "verstehe ich nicht"),
        ("/verschieben 26.01. 27.01. und noch was", "verstehe ich nicht"),
        ("/thema 26.01.", "So geht's"),
        ("/thema irgendwann Thema", "verstehe ich nicht"),
    ],
)
def test_changes_with_bad_input_save_nothing(svc: Services, text: str, expected: str) -> None:
    run("/termin 26.01. 19 Uhr Alt", svc)
    before = state(svc, CHAT)
    assert expected in html(run(text, svc))
    assert before == state(svc, CHAT)


# --- settings ----------


def test_erinnerung_show_set_off(svc: Services) -> None:
    assert "Erinnerungen: 1 Tag, 1 Stunde vorher" in html(run("/erinnerung", svc))
    assert "✅ Erinnerungen: 2 Tage, 30 Minuten vor jedem Termin" in html(
        run("/erinnerung 2 Tage 30min", svc)
    )
    assert (2880, 30) == svc.schedule.settings(CHAT).leads
    assert "Erinnerungen sind aus" in html(run("/erinnerung aus", svc))
    assert () == svc.schedule.settings(CHAT).leads
    assert "Höchstens 5" in html(run("/erinnerung 1h 2h 3h 4h 5h 6h", svc))
    assert "Vorlaufzeit" in html(run("/erinnerung morgen früh", svc))
    assert () == svc.schedule.settings(CHAT).leads


def test_erinnerung_resumes_a_paused_chat(svc: Services) -> None:
    svc.schedule.add_meeting(CHAT, datetime(2026, 1, 26, 19, tzinfo=BERLIN), NOW)
    svc.schedule.pause(CHAT, NOW)
    assert "pausiert" in html(run("/erinnerung", svc))
    assert "pausiert" in html(run("/termine", svc))
    run("/erinnerung 1d 1h", svc)
    assert not svc.schedule.settings(CHAT).paused


@pytest.mark.parametrize(
    "text",
    [
        "/termin 27.01.",
        "/absagen 26.01.",
        "/thema 26.01. Neu",
        "/verschieben 26.01. 28.01.",
        "/zeitzone Europe/Berlin",
    ],
)
def test_any_change_in_a_paused_chat_resumes_its_reminders(svc: Services, text: str) -> None:
    svc.schedule.add_meeting(CHAT, datetime(2026, 1, 26, 19, tzinfo=BERLIN), NOW)
    svc.schedule.pause(CHAT, NOW)
    assert "✅" in html(run(text, svc))
    assert not svc.schedule.settings(CHAT).paused


def test_zeitzone(svc: Services) -> None:
    assert "Zeitzone: <b>Europe/Berlin</b>" in html(run("/zeitzone", svc))
    assert "✅ Zeitzone: <b>Europe/London</b>. Jetzt ist es dort 09:00 Uhr" in html(
        run("/zeitzone europe/london", svc)
    )
    assert "kenne ich nicht" in html(run("/zeitzone Berlin/Mitte", svc))
    assert "Europe/London" == svc.schedule.settings(CHAT).tz.key
    run("/termin 26.01. 19:00", svc)
    assert "(Europe/London)" in html(run("/termine", svc))


# --- calendar ----------


def test_ical_sends_an_ics_document_that_parses_back(svc: Services) -> None:
    assert "Keine Termine" in html(run("/ical", svc))
    run("/jourfixe Montag 19:00 alle 2 Wochen ab 23.3. Imperialismus", svc)
    reply = run("/ical", svc)
    document = reply.messages[0].document
    assert document is not None and document.file_name.endswith(".ics")
    cal = Calendar.from_ical(document.content)
    events = list(cal.walk("VEVENT"))
    assert 22 == len(events)  # 23.03.2026 .. 11.01.2027: biweekly up to a year from now
    starts = [e.decoded("dtstart") for e in events[:3]]
    assert [(19, 0)] * 3 == [(s.hour, s.minute) for s in starts]
    assert ["+01:00", "+02:00", "+02:00"] == [s.isoformat()[-6:] for s in starts]
    assert "Jour fixe: Imperialismus" == str(events[0]["summary"])


# --- reminders text ----------


def test_reminder_text_names_date_time_topic_reading_with_buttons(svc: Services) -> None:
    occ = svc.schedule.add_meeting(
        CHAT,
        datetime(2026, 1, 26, 19, tzinfo=BERLIN),
        NOW,
        "Krieg <&> Frieden",
        "fazi-endspiel",
        "Trumps Endspiel",
    )
    now = datetime(2026, 1, 25, 19, tzinfo=BERLIN)
    message = reminder_message(DueReminder(occ, 1440, now, False), now)
    assert message.html.startswith("⏰ <b>Erinnerung: Jour fixe morgen</b>")
    assert "<b>Montag, 26.01.2026, 19:00 Uhr</b>" in message.html
    assert "Thema: Krieg &lt;&amp;&gt; Frieden" in message.html
    assert "Lektüre: Trumps Endspiel" in message.html
    assert "verspätet" not in message.html
    assert ["ss:fazi-endspiel", "sp:"] == [b.data for row in message.buttons for b in row]
    assert "⏳ in einem Tag" in message.html
    late = reminder_message(DueReminder(occ, 60, now, True), now + timedelta(hours=23, minutes=5))
    assert "Jour fixe heute" in late.html and "verspätet" in late.html
    assert "⏳ in 55 Minuten" in late.html
    early = reminder_message(DueReminder(occ, 4320, now, False), now - timedelta(days=2))
    assert "Jour fixe am Montag" in early.html and "⏳ in 3 Tagen" in early.html


def test_next_meeting_info_for_the_protocol(svc: Services) -> None:
    assert next_meeting_info(svc.schedule, CHAT, svc.clock()) is None
    run("/termin 26.01. 19:30 Imperialismus", svc)
    topic, sentence = next_meeting_info(svc.schedule, CHAT, svc.clock())
    assert "Imperialismus" == topic
    assert (
        "Der nächste Jour fixe findet am Montag, 26.01.2026, um 19:30 Uhr statt. "
        "Thema ist dann: Imperialismus." == sentence
    )


def test_every_schedule_command_has_help_text_and_the_termine_group() -> None:
    names = [
        "termin",
        "jourfixe",
        "termine",
        "naechster",
        "absagen",
        "verschieben",
        "thema",
        "erinnerung",
        "zeitzone",
        "ical",
    ]
    aliases = [
        "meeting",
        "series",
        "meetings",
        "next",
        "cancel",
        "move",
        "topic",
        "reminders",
        "timezone",
        "ics",
    ]
    for name, alias in zip(names, aliases, strict=True):
        cmd = COMMANDS[name]
        assert cmd is COMMANDS[alias]
        assert cmd.group == "Termine" and cmd.summary and cmd.usage and cmd.example


def test_ical_of_one_meeting_says_so_in_the_singular_and_once(svc: Services) -> None:
    run("/termin 26.01. 19:30 Imperialismus", svc)
    [message] = run("/ical", svc).messages
    assert "1 Termin zum Importieren" in message.html
    assert message.document is not None and "" == message.document.caption


@pytest.mark.parametrize(
    "text", ["/termin 26.01. 19:30", "/jourfixe Montag 19:00", "/erinnerung", "/erinnerung 2h"]
)
def test_the_console_says_reminders_come_only_from_the_telegram_bot(
    svc: Services, text: str
) -> None:
    console = html(run(text, svc, chat_id=0, chat_type="console"))
    assert "in der Konsole kommen keine Erinnerungen" in console and "jourfixe run" in console
    assert "Konsole" not in html(run(text, svc, chat_id=CHAT))


def test_console_meetings_are_never_reminded(svc: Services) -> None:
    """The console's chat 0 is no Telegram chat: the bot must not try to send there."""
    run("/termin 26.01. 19:30", svc, chat_id=0, chat_type="console")
    run("/termin 26.01. 19:30", svc)
    assert "in der Konsole" in html(run("/termine", svc, chat_id=0, chat_type="console"))
    due = svc.schedule.due_reminders(datetime(2026, 1, 25, 19, 30, tzinfo=BERLIN))
    assert [CHAT] == [d.chat_id for d in due]
