"""Handlers: content (filled in by its issue)."""
