"""Importing this package registers every command, button and edit handler.

The import order is the order of /hilfe and of Telegram's command menu: quotes first.
"""

from bot.handlers import quotes  # noqa: I001,F401 - first: /start, /hilfe, /zitat, /frage
from bot.handlers import content, notes  # noqa: I001,F401
from bot.handlers import uploads  # noqa: I001,F401 - before schedule: /neu, /entfernen
from bot.handlers import schedule  # noqa: I001,F401
