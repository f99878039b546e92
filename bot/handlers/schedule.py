"""Handlers: schedule (filled in by its issue)."""
