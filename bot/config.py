"""Configuration read once from the environment into a frozen dataclass."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot import DATA_ROOT

DEFAULT_API_BASE = "https://api.telegram.org/bot"


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "jourfixe"


def _ids(text: str) -> frozenset[int]:
    """Comma- or space-separated user ids; anything else is ignored."""
    return frozenset(int(x) for x in re.split(r"[\s,;]+", text) if x.strip().lstrip("-").isdigit())


def _count(text: str | None, default: int) -> int:
    """A non-negative whole number; the default when unset or not a number."""
    text = (text or "").strip()
    return int(text) if text.isdigit() and len(text) < 6 else default


@dataclass(frozen=True)
class Config:
    token: str | None = None
    api_base_url: str = DEFAULT_API_BASE
    db_path: Path = Path("jourfixe.db")
    data_dir: Path = Path("data")
    content_dir: Path = DATA_ROOT / "content"
    seeds_dir: Path = DATA_ROOT / "seeds"
    timezone: str = "Europe/Berlin"
    webhook_url: str | None = None
    webhook_port: int = 8443
    rate_limit: bool = True
    # Telegram user ids that may change the shared sources (/neu, /entfernen,
    # /protokoll_quelle); empty: chat admins in groups and anyone in a private chat.
    editors: frozenset[int] = frozenset()
    # daily backups kept in <data_dir>/backups (JOURFIXE_BACKUP_DAYS; 0 switches them off)
    backup_days: int = 7

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Config:
        """Build the config from environment variables (or a dict in tests)."""
        env = os.environ if env is None else env
        data_dir = Path(env.get("JOURFIXE_DATA_DIR") or _default_data_dir())
        db = env.get("JOURFIXE_DB")
        return cls(
            token=env.get("TELEGRAM_BOT_TOKEN") or None,
            api_base_url=env.get("TELEGRAM_API_BASE_URL") or DEFAULT_API_BASE,
            db_path=Path(db) if db else data_dir / "jourfixe.db",
            data_dir=data_dir,
            content_dir=Path(env.get("JOURFIXE_CONTENT") or DATA_ROOT / "content"),
            seeds_dir=Path(env.get("JOURFIXE_SEEDS") or DATA_ROOT / "seeds"),
            timezone=env.get("JOURFIXE_TZ") or "Europe/Berlin",
            webhook_url=env.get("JOURFIXE_WEBHOOK_URL") or None,
            webhook_port=int(env.get("JOURFIXE_WEBHOOK_PORT") or 8443),
            rate_limit=(env.get("JOURFIXE_RATE_LIMIT", "1") != "0"),
            editors=_ids(env.get("JOURFIXE_EDITORS", "")),
            backup_days=_count(env.get("JOURFIXE_BACKUP_DAYS"), 7),
        )

    def __repr__(self) -> str:  # never print the token
        return f"Config(db_path={self.db_path!s}, api_base_url={self.api_base_url!r}, token=***)"
