"""Schedule commands through the real PTB Application and the fake Bot API server."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 1, 13, 10, 0, tzinfo=BERLIN)
GROUP = -1001234


async def test_ical_arrives_as_one_document_with_its_caption_once(tg, services) -> None:
    services.clock = lambda: NOW.astimezone(UTC)
    await tg.replies(tg.api.private_message("/jourfixe Montag 19:00 alle 2 Wochen ab 26.01."))
    sent = await tg.replies(tg.api.private_message("/ical"))
    assert ["sendDocument"] == [c.method for c in sent]
    [call] = sent
    assert "Termine zum Importieren" in call.params["caption"]
    [(name, content)] = call.files.values()
    assert name.endswith(".ics")
    events = list(Calendar.from_ical(content).walk("VEVENT"))
    assert datetime(2026, 1, 26, 19, tzinfo=BERLIN) == events[0].decoded("dtstart")


async def test_only_group_admins_change_the_schedule_everyone_may_look(tg, services) -> None:
    services.clock = lambda: NOW.astimezone(UTC)
    member, admin = tg.api.user(2001, "Ben"), tg.api.user(2002, "Cleo")
    tg.api.admins.add((GROUP, admin["id"]))
    [refusal] = await tg.replies(tg.api.group_message("/termin 26.01. 19:30", user=member))
    assert "nur Admins" in refusal.text
    assert services.schedule.next_meeting(GROUP, NOW) is None
    [saved] = await tg.replies(tg.api.group_message("/termin 26.01. 19:30", user=admin))
    assert "Termin eingetragen" in saved.text
    [seen] = await tg.replies(tg.api.group_message("/naechster", user=member))
    assert "Montag, 26.01.2026, 19:30 Uhr" in seen.text


def _membership(tg, chat: dict, status: str) -> dict:
    return {
        "my_chat_member": {
            "chat": chat,
            "from": tg.api.user(2002, "Cleo"),
            "date": int(NOW.timestamp()),
            "old_chat_member": {"user": tg.api.bot_user, "status": "member"},
            "new_chat_member": {"user": tg.api.bot_user, "status": status},
        }
    }


async def test_removed_bot_pauses_reminders_and_re_added_bot_resumes(tg, services) -> None:
    services.clock = lambda: NOW.astimezone(UTC)
    chat = tg.api.group_chat(GROUP)
    tg.api.admins.add((GROUP, 2002))
    await tg.replies(tg.api.group_message("/termin 26.01. 19:30", user=tg.api.user(2002, "Cleo")))
    schedule = services.schedule
    await tg.process(_membership(tg, chat, "left"))
    assert schedule.settings(GROUP).paused
    await tg.process(_membership(tg, chat, "member"))
    assert not schedule.settings(GROUP).paused
