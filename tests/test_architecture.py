"""The package's layers: no import cycle, and no import from a lower layer back into a higher one.

Imports are read from the source (every `import` statement, at module level or inside a
function, TYPE_CHECKING ones too), so a lazy import is held to the same rule.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "dockharden"
# Lowest first. A module may import its own layer's modules and those of lower layers.
LAYERS = (
    ("core",),
    ("knowledge",),
    ("dockerfile", "runtime", "scaffold"),
    ("image",),
    ("checks",),
    ("output",),
    ("cli",),
)
LAYER_OF = {folder: rank for rank, folders in enumerate(LAYERS) for folder in folders}
TOP = {"__init__": len(LAYERS), "__main__": len(LAYERS)}  # the package itself and `python -m`


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The dockharden modules a file imports (a `from X import name` may name a submodule)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            submodules = {f"{node.module}.{alias.name}" for alias in node.names} & MODULES.keys()
            found |= submodules or {node.module}  # `from pkg import module` needs the module, not pkg's names
    return {name for name in found if name == "dockharden" or name.startswith("dockharden.")}


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}
GRAPH = {name: {i for i in imports(path) if i in MODULES and i != name} for name, path in MODULES.items()}


def layer(module: str) -> int:
    parts = module.split(".")
    if len(parts) == 1:
        return TOP["__init__"]
    return LAYER_OF.get(parts[1], TOP.get(parts[1], -1))


def test_every_module_is_in_a_layer():
    assert [m for m in MODULES if layer(m) < 0] == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_import_from_a_higher_layer(module):
    upward = sorted(i for i in GRAPH[module] if layer(i) > layer(module))
    assert upward == [], f"{module} (layer {layer(module)}) imports a higher layer"


def _cycle() -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(GRAPH[node]):
            if state.get(target) == 1:
                return stack[stack.index(target):] + [target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(GRAPH):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_no_import_cycle():
    assert _cycle() is None


def test_the_checker_sees_a_cycle_and_an_upward_import():
    global GRAPH
    saved = GRAPH
    try:
        GRAPH = {"dockharden.core.a": {"dockharden.checks.b"}, "dockharden.checks.b": {"dockharden.core.a"}}
        assert _cycle() == ["dockharden.checks.b", "dockharden.core.a", "dockharden.checks.b"]
        assert layer("dockharden.checks.b") > layer("dockharden.core.a")
    finally:
        GRAPH = saved


ARCHITECTURE = PACKAGE.parent.parent / "docs" / "ARCHITECTURE.md"


def _named_paths(text: str) -> list[str]:
    """Code spans that name a module or folder: `checks/running.py`, `checks/image/`."""
    import re

    return [span for span in re.findall(r"`([\w./]+)`", text) if span.endswith((".py", "/")) and "/" in span]


def test_architecture_names_only_modules_that_exist():
    named = _named_paths(ARCHITECTURE.read_text(encoding="utf-8"))
    root = PACKAGE.parent.parent
    missing = [p for p in named if not (PACKAGE / p).exists() and not (root / p).exists()]
    assert named and missing == []


def test_architecture_lists_every_folder_and_layer():
    text = ARCHITECTURE.read_text(encoding="utf-8")
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and not p.name.startswith("__")}
    assert {folder for folder in folders if f"`{folder}/`" not in text} == set()
    assert set(LAYER_OF) == folders
