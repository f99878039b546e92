"""Importing this package registers every command, button and edit handler.

The import order is the order of /hilfe and of Telegram's command menu: reading first.
"""

from bot.handlers import reading  # noqa: I001,F401 - first: /start, /hilfe, /zitat, /frage
from bot.handlers import content, notes, readings, schedule  # noqa: F401
