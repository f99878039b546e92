"""The handlers of every feature; importing this package registers them (see ``registry``)."""

from bot.handlers import registry  # noqa: F401
