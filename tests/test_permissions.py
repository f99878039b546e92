"""Who may change the shared library: a stranger's private chat, a non-admin group member and a
forged button each fail, in German, and change nothing (issue 13)."""

from __future__ import annotations

from datetime import timedelta

import helpers
from fixtures.readings.make import PROTOCOL_TEXT, article_pdf
from helpers import send

import bot.handlers  # noqa: F401  (registers every command)
from bot.core import permissions
from bot.handlers.base import Attachment, Reply
from bot.services import Services

SLUG = "europa-im-hybriden-krieg"
STRANGER = {"chat_id": 99, "chat_type": "private", "user_id": 99, "is_admin": True}
GROUP = -100


def _as_member(kw: dict[str, object]) -> dict[str, object]:
    """A member of GROUP (seen as admin unless said otherwise), overridable per call."""
    fields: dict[str, object] = {
        "chat_id": GROUP, "chat_type": "supergroup", "user_id": 7, "is_admin": True,
    }  # fmt: skip
    fields.update(kw)
    return fields


def run(services: Services, name: str, args: str = "", **kw: object) -> Reply:
    return send(f"/{name} {args}".strip(), services, **_as_member(kw))


def press(services: Services, data: str, **kw: object) -> Reply:
    return helpers.press(data, services, **_as_member(kw))


def text_of(reply: Reply) -> str:
    return reply.toast or "\n".join(m.html for m in reply.messages)


def pdf() -> Attachment:
    data = article_pdf()
    return Attachment("h.pdf", len(data), None, lambda: data)


def library(services: Services) -> list[tuple[str, str]]:
    return sorted((s.slug, s.title) for s in services.catalog.sources)


def added(services: Services) -> None:
    services.readings.add(article_pdf(), "h.pdf", dest_dir=services.config.data_dir / "r")


def test_a_strangers_private_chat_changes_nothing(services: Services) -> None:
    added(services)
    before = library(services)
    answers = [
        run(services, "neu", attachment=pdf(), **STRANGER),
        run(services, "entfernen", "hybriden", **STRANGER),
        press(services, f"rd:r:{SLUG}", **STRANGER),
        press(services, f"rd:y:{SLUG}", **STRANGER),
        press(services, f"rd:t:{SLUG}", **STRANGER),
        run(services, "protokoll_quelle", "12.01.2026", **STRANGER),
    ]
    for reply in answers:
        assert "nur Admins der Gruppen" in text_of(reply)
    assert all(len(r.toast) <= 200 for r in answers if r.toast)  # Telegram's toast limit
    assert library(services) == before


def test_a_non_admin_group_member_changes_nothing(services: Services) -> None:
    added(services)
    before = library(services)
    member = {"is_admin": False, "user_id": 8}
    answers = [
        run(services, "neu", attachment=pdf(), **member),
        run(services, "entfernen", "hybriden", **member),
        press(services, f"rd:y:{SLUG}", **member),
        press(services, f"rd:a:{SLUG}", **member),
        run(services, "protokoll_quelle", "12.01.2026", **member),
    ]
    assert {text_of(r) for r in answers} == {"Das dürfen in Gruppen nur Admins."}
    assert library(services) == before


def test_a_forged_confirmation_is_refused_with_a_toast(services: Services) -> None:
    added(services)
    refused = press(services, f"rd:y:{SLUG}")  # an admin, but nobody asked
    assert refused.toast == "Diese Bestätigung gilt nicht (mehr). Es wurde nichts geändert."
    assert refused.messages == []
    assert services.catalog.get(SLUG) is not None
    run(services, "entfernen", "hybriden", chat_id=-200)  # asked in another group
    assert press(services, f"rd:y:{SLUG}").toast.startswith("Diese Bestätigung gilt nicht")
    assert services.catalog.get(SLUG) is not None
    run(services, "entfernen", "hybriden")  # asked here: now "Ja" removes, once
    assert "ist entfernt" in text_of(press(services, f"rd:y:{SLUG}"))
    assert services.catalog.get(SLUG) is None


def test_a_confirmation_expires_and_cancel_forgets_it(services: Services) -> None:
    added(services)
    run(services, "entfernen", "hybriden")
    assert "Nichts entfernt" in text_of(press(services, "rd:n"))
    assert press(services, f"rd:y:{SLUG}").toast.startswith("Diese Bestätigung gilt nicht")
    run(services, "entfernen", "hybriden")
    now = services.clock()
    services.clock = lambda: now + timedelta(minutes=16)
    assert press(services, f"rd:y:{SLUG}").toast.startswith("Diese Bestätigung gilt nicht")
    assert services.catalog.get(SLUG) is not None


def test_a_pending_title_edit_rechecks_the_permission(services: Services) -> None:
    added(services)
    permissions.record_admin_status(services.store, GROUP, 7, True, services.clock())
    press(services, f"rd:t:{SLUG}", chat_id=7, chat_type="private")  # allowed: asks
    permissions.record_admin_status(services.store, GROUP, 7, False, services.clock())
    reply = send("Neuer Titel", services, **_as_member({"chat_id": 7, "chat_type": "private"}))
    assert "nur Admins der Gruppen" in text_of(reply)
    assert services.catalog.get(SLUG).title == "Europa im hybriden Krieg"


def test_known_group_admin_may_in_private_until_the_record_is_old(services: Services) -> None:
    me = {"chat_id": 7, "chat_type": "private", "user_id": 7}
    old = services.clock() - timedelta(days=permissions.ADMIN_RECORD_DAYS + 1)
    permissions.record_admin_status(services.store, GROUP, 7, True, old)
    assert "nur Admins der Gruppen" in text_of(run(services, "neu", attachment=pdf(), **me))
    permissions.record_admin_status(services.store, GROUP, 7, True, services.clock())
    assert "Neuer Text aufgenommen" in text_of(run(services, "neu", attachment=pdf(), **me))


def test_the_console_is_the_local_operator(services: Services) -> None:
    console = {"chat_id": 0, "chat_type": "console", "user_id": 0, "is_admin": True}
    assert "Neuer Text aufgenommen" in text_of(run(services, "neu", attachment=pdf(), **console))


def test_an_editor_list_overrides_group_admins(services: Services) -> None:
    from dataclasses import replace

    services.config = replace(services.config, editors=frozenset({5}))
    data = PROTOCOL_TEXT.encode()
    att = Attachment("p.txt", len(data), None, lambda: data)
    reply = run(services, "neu", attachment=att)  # a group admin, not on the list
    assert "dafür eingetragenen Personen" in text_of(reply)
    assert len(services.catalog.sources) == 5


# --- through Telegram: the adapter learns who is an admin where ---------------------------------


def _membership(api, chat: dict, status: str) -> dict:
    return {
        "my_chat_member": {
            "chat": chat, "from": api.user(1, "Ada"), "date": 1_700_000_000,
            "old_chat_member": {"user": api.bot_user, "status": "member"},
            "new_chat_member": {"user": api.bot_user, "status": status},
        }
    }  # fmt: skip


async def test_telegram_admin_may_add_privately_until_demoted(tg, fake_api, services) -> None:
    chat = fake_api.group_chat()
    ada, max_ = fake_api.user(1, "Ada"), fake_api.user(2, "Max")
    fake_api.admins.add((chat["id"], 1))

    def upload(user: dict) -> dict:
        return fake_api.document_message(article_pdf(), "h.pdf", "/neu", user=user)

    [sent] = await tg.replies(upload(ada))  # never seen in a group yet
    assert "nur Admins der Gruppen" in sent.text
    await tg.replies(fake_api.group_message("/hilfe", ada, chat))
    await tg.replies(fake_api.group_message("/hilfe", max_, chat))
    [sent] = await tg.replies(upload(max_))  # a member of the group, not an admin
    assert "nur Admins der Gruppen" in sent.text
    sent = await tg.replies(upload(ada))
    assert "Neuer Text aufgenommen" in sent[0].text
    # demoted: the private chat asks Telegram again (after the one-minute cache)
    fake_api.admins.discard((chat["id"], 1))
    adapter = tg.app.bot_data["adapter"]
    adapter._admins.clear()
    [sent] = await tg.replies(fake_api.private_message("/entfernen hybriden", ada))
    assert "nur Admins der Gruppen" in sent.text
    assert services.catalog.get(SLUG) is not None


async def test_telegram_bot_removed_from_the_group_forgets_its_admins(tg, fake_api) -> None:
    chat = fake_api.group_chat()
    ada = fake_api.user(1, "Ada")
    fake_api.admins.add((chat["id"], 1))
    await tg.replies(fake_api.group_message("/hilfe", ada, chat))
    await tg.process(_membership(fake_api, chat, "left"))
    [sent] = await tg.replies(fake_api.private_message("/entfernen hybriden", ada))
    assert "nur Admins der Gruppen" in sent.text


async def test_telegram_forged_callback_gets_a_toast(tg, fake_api, services) -> None:
    chat = fake_api.group_chat()
    ada = fake_api.user(1, "Ada")
    fake_api.admins.add((chat["id"], 1))
    sent = await tg.replies(
        fake_api.document_message(article_pdf(), "h.pdf", "/neu", chat=chat, user=ada)
    )
    calls = await tg.process(fake_api.callback(f"rd:y:{SLUG}", sent[-1], user=ada))
    assert [(c.method, c.params.get("text")) for c in calls] == [
        ("answerCallbackQuery", "Diese Bestätigung gilt nicht (mehr). Es wurde nichts geändert.")
    ]
    assert services.catalog.get(SLUG) is not None
