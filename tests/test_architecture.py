"""The core never imports Telegram; only the adapter does."""

import ast
from pathlib import Path

BOT = Path(__file__).resolve().parent.parent / "bot"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_core_and_handlers_do_not_import_telegram():
    pure = [*BOT.glob("core/**/*.py"), *BOT.glob("handlers/**/*.py"), BOT / "console.py"]
    offenders = [str(p.relative_to(BOT)) for p in pure if p.exists() and "telegram" in _imports(p)]
    assert offenders == []


def test_adapter_does_import_telegram():
    assert any("telegram" in _imports(p) for p in BOT.glob("tg/*.py"))
