"""Handlers: notes (filled in by its issue)."""
