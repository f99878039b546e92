"""The one dispatcher: routing of buttons, edits, commands and questions; the registry."""

from __future__ import annotations

import inspect

from helpers import html, request, send

from bot.handlers import content, notes, quotes, registry, schedule, uploads
from bot.handlers.base import (
    CALLBACKS,
    COMMANDS,
    callback_prefix_of,
    command_of,
    unique_commands,
)
from bot.handlers.dispatch import dispatch, is_expensive, knows_button, parse_command
from bot.services import Services

# The order of /hilfe and of Telegram's command menu (setMyCommands): users know it.
COMMAND_ORDER = [
    "start", "hilfe", "quellen", "zitat", "frage", "zusammenfassung", "position", "vergleich",
    "themen", "sitzung", "notiz", "ergebnis", "offen", "abschnitt", "korrektur", "loeschen",
    "papierkorb", "notizen", "protokoll", "namen", "protokoll_quelle", "neu", "entfernen",
    "termin", "jourfixe", "termine", "naechster", "absagen", "verschieben", "thema",
    "erinnerung", "zeitzone", "ical",
]  # fmt: skip


def test_every_described_handler_is_registered() -> None:
    described_commands, described_buttons = set(), set()
    for module in (content, notes, quotes, schedule, uploads):
        for _, func in inspect.getmembers(module, inspect.isfunction):
            if command_of(func) is not None:
                described_commands.add(func)
            if callback_prefix_of(func) is not None:
                described_buttons.add(func)
    assert described_commands == set(registry.COMMAND_HANDLERS)
    assert described_buttons == set(registry.CALLBACK_HANDLERS)
    assert set(CALLBACKS) == {"p", "a", "m", "z", "po", "vg", "nr", "pp", "rd", "sa", "ss", "sp"}


def test_command_order_is_the_order_users_know() -> None:
    assert [c.name for c in unique_commands()] == COMMAND_ORDER
    assert COMMANDS["quote"] is COMMANDS["zitat"]


def test_parse_command() -> None:
    parsed = parse_command("/Zitat@jourfixe_bot  Karaganow Atomwaffen")
    assert parsed is not None
    assert (parsed.name, parsed.target, parsed.args) == (
        "zitat",
        "jourfixe_bot",
        "Karaganow Atomwaffen",
    )
    assert parsed.is_bot_command
    assert parse_command("Was sagt /zitat?") is None
    assert parse_command("/lösche 3").is_bot_command is False  # the console still answers it


def test_unknown_buttons_and_edits_nobody_cares_about_get_no_reply(services: Services) -> None:
    assert dispatch(request(callback_data="zz:1"), services) is None
    assert not knows_button("zz:1") and knows_button("p:1:0")
    assert dispatch(request("Kein Befehl", edited=True), services) is None


def test_unknown_command_gets_the_hint(services: Services) -> None:
    assert html(send("/quatsch", services)) == (
        "Den Befehl /quatsch kenne ich nicht. Was ich kann, zeigt /hilfe."
    )


def test_plain_text_is_a_question(services: Services) -> None:
    assert html(send("Was sagt Karaganow über Atomwaffen?", services)).startswith(
        "<b>Textstellen zu deiner Frage</b>"
    )


def test_questions_and_searches_are_expensive_help_is_not() -> None:
    assert is_expensive(None) and is_expensive("zitat") and is_expensive("frage")
    assert not is_expensive("hilfe") and not is_expensive("quatsch")
