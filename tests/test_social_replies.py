"""A greeting, thanks, a wish or a goodbye sent to the bot is answered in kind (bot.core.social).

Before, "hallo zusammen" got three passages, "danke!" and "frohes neues Jahr" the reply about
arrangements for the meeting, and "gute Besserung, Anna!" the news that "Anna" is not in the
texts. A message that asks something after its formula is still searched.
"""

from __future__ import annotations

import pytest
from helpers import html, send

from bot.core.social import only_greeting, social_formula
from bot.services import Services
from bot.texts import quotes as t


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("hallo zusammen", "greeting"),
        ("Moin ihr Lieben 👋", "greeting"),
        ("guten Morgen allerseits!", "greeting"),
        ("Hallo Anna", "greeting"),
        ("danke!", "thanks"),
        ("vielen Dank euch allen für die Runde heute", "thanks"),
        ("frohes neues Jahr allerseits 🎆", "wish"),
        ("gute Besserung, Anna!", "wish"),
        ("alles Gute zum Geburtstag, Micha", "wish"),
        ("herzlichen Glückwunsch nachträglich", "wish"),
        ("gute Nacht euch", "wish"),
        ("tschüss, bis Montag", "farewell"),
    ],
)
def test_a_social_formula_is_answered_in_kind(services: Services, message: str, kind: str) -> None:
    reply = send(message, services)
    assert [m.html for m in reply.messages] == [t.SOCIAL_REPLIES[kind]]
    assert not any(m.buttons for m in reply.messages)


@pytest.mark.parametrize(
    "message",
    [
        "hallo, was sagt Fazi zu den Sanktionen",
        "hi, kurze Frage: was meint Fazi mit Endspiel",
        "gute Frage, warum hat Trump die Sanktionen fallen lassen",
    ],
)
def test_a_question_after_the_formula_is_searched(services: Services, message: str) -> None:
    assert social_formula(message) is None
    assert "Textstellen zu deiner Frage" in html(send(message, services))


def test_thanks_followed_by_a_question_is_not_answered_with_thanks(services: Services) -> None:
    message = "danke! und was schreibt die WSWS über Alaska?"
    assert social_formula(message) is None
    assert html(send(message, services)) != t.SOCIAL_REPLIES["thanks"]


def test_a_greeting_that_goes_on_to_say_something_keeps_its_reply(services: Services) -> None:
    # not all greeting: the meeting-chat reply, as before
    assert not only_greeting("hallo zusammen, ich komme heute später")
    assert html(send("hallo zusammen, ich komme heute später", services)) == t.MEETING_CHAT
    assert not only_greeting("guten Morgen! kann jemand das Protokoll hochladen")


def test_every_social_reply_is_german_and_points_to_the_topics() -> None:
    assert set(t.SOCIAL_REPLIES) == {"greeting", "thanks", "wish", "farewell"}
    for text in t.SOCIAL_REPLIES.values():
        assert "/themen" in text and len(text) < 200
