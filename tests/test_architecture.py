"""The shape of the code: a pure core, adapters on top, no import cycles, imports at the top.

- ``bot/core`` imports nothing from Telegram, the services container, the handlers, the
  adapters or the command line; it receives its collaborators explicitly.
- Only the Telegram adapter (``bot/tg``) imports ``telegram``.
- No import cycles between our modules (counting every import, also inside functions).
- Imports of our own modules stand at the top of a module. Only the command line imports
  lazily (``jourfixe --help`` must not load the bot).
"""

from __future__ import annotations

import ast
from pathlib import Path

BOT = Path(__file__).resolve().parent.parent / "bot"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(BOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(BOT.rglob("*.py"))}


def _imported(node: ast.Import | ast.ImportFrom) -> list[str]:
    """The names an import statement refers to (our code uses absolute imports only)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    assert node.level == 0, "relative import"
    base = node.module or ""
    names = [f"{base}.{a.name}" for a in node.names]  # "from bot.core import notes"
    return [n for n in names if n in MODULES] or [base]


def _imports(module: str, *, top_level_only: bool = False) -> set[str]:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.If) and top_level_only:  # if TYPE_CHECKING: ...
            nodes.extend(node.body)
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.update(_imported(node))
    return found


def _ours(names: set[str]) -> set[str]:
    """Our modules among imported names (``bot.core.x`` or a package that is ours)."""
    result = set()
    for name in names:
        while name and name not in MODULES:
            name = name.rpartition(".")[0]
        if name.startswith("bot"):
            result.add(name)
    return result


def test_core_imports_no_adapter_services_handlers_or_cli() -> None:
    forbidden = ("telegram", "bot.services", "bot.handlers", "bot.cli", "bot.tg", "bot.console")
    offenders = {
        module: sorted(n for n in _imports(module) if n.startswith(forbidden))
        for module in MODULES
        if module.startswith("bot.core")
    }
    assert {m: names for m, names in offenders.items() if names} == {}


def test_only_the_telegram_adapter_imports_telegram() -> None:
    importing = {
        module
        for module in MODULES
        if any(n == "telegram" or n.startswith("telegram.") for n in _imports(module))
    }
    assert importing and all(m.startswith("bot.tg") for m in importing), importing


def test_no_import_cycles() -> None:
    graph = {module: _ours(_imports(module)) - {module} for module in MODULES}
    # a package's __init__ importing its own submodules is how packages re-export; a submodule
    # importing its package's __init__ would then be a cycle, which is what we look for
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done

    def visit(module: str, stack: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                cycles.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target, [*stack, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    real = [c for c in cycles if not _package_reexport(c)]
    assert real == []


def _package_reexport(cycle: list[str]) -> bool:
    """``bot.x`` (an __init__) -> ``bot.x.y`` -> ``bot.x``: Python resolves the submodule first."""
    return any(
        b.startswith(a + ".") and MODULES[a].name == "__init__.py"
        for a, b in zip(cycle, cycle[1:], strict=False)
    )


def test_our_modules_are_imported_at_the_top_outside_the_command_line() -> None:
    lazy: dict[str, list[str]] = {}
    for module, path in MODULES.items():
        if module.startswith("bot.cli"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in ast.walk(tree):
            if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(func):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    ours = _ours(set(_imported(node)))
                    if ours:
                        lazy.setdefault(module, []).extend(sorted(ours))
    assert lazy == {}
