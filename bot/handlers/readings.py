"""Handlers: readings (filled in by its issue)."""
