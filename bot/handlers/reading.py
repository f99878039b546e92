"""Handlers: reading (filled in by its issue)."""
