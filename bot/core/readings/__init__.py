"""New readings, by concern.

- :mod:`~bot.core.readings.extract`: uploaded files (txt, Markdown, PDF, HTML, .docx) to text;
- :mod:`~bot.core.readings.metadata`: title, author, date, kind and slug of a new text;
- :mod:`~bot.core.readings.library`: storing, registering and indexing it, all or nothing.

Every refusal raises :class:`ReadingError` with a German message for the user.
"""

from bot.core.readings.extract import (
    FIELD_LIMITS,
    FORMATS,
    KINDS,
    MAX_BYTES,
    Extracted,
    ReadingError,
    UnknownProtocolLayout,
    check_size,
    check_upload,
    extract,
    human_size,
    sha256,
)
from bot.core.readings.library import AddResult, ReadingLibrary, ex_name, written_content_files
from bot.core.readings.metadata import (
    SLUG_RE,
    Guessed,
    Meta,
    find_author,
    guess_metadata,
    make_slug,
    parse_meta_args,
    unique_slug,
)

__all__ = [
    "FIELD_LIMITS",
    "FORMATS",
    "KINDS",
    "MAX_BYTES",
    "SLUG_RE",
    "AddResult",
    "Extracted",
    "Guessed",
    "Meta",
    "ReadingError",
    "ReadingLibrary",
    "UnknownProtocolLayout",
    "check_size",
    "check_upload",
    "ex_name",
    "extract",
    "find_author",
    "guess_metadata",
    "human_size",
    "make_slug",
    "parse_meta_args",
    "sha256",
    "unique_slug",
    "written_content_files",
]
