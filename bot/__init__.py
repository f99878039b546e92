"""jourfixe: a Telegram bot for political reading groups."""

from importlib.resources import files
from pathlib import Path

__version__ = "0.1.0"

# The project root holds content/ and seeds/ next to the package (editable install or checkout).
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _data_root() -> Path:
    """Where content/ and seeds/ are: inside the package when installed from a wheel
    (bot/_bundled/, see pyproject.toml), else the checkout's top level."""
    bundled = Path(str(files(__name__) / "_bundled"))
    return bundled if (bundled / "content" / "sources.yaml").is_file() else PROJECT_ROOT


DATA_ROOT = _data_root()
INSTALLED = DATA_ROOT != PROJECT_ROOT  # running from an installed wheel, not a checkout
