"""Importing this package registers every command, button and edit handler."""

from bot.handlers import content, notes, reading, readings, schedule  # noqa: F401
