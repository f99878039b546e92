"""jourfixe: a Telegram bot for political reading groups."""

from pathlib import Path

__version__ = "0.1.0"

# The project root holds content/ and seeds/ next to the package (editable install or checkout).
PROJECT_ROOT = Path(__file__).resolve().parent.parent
