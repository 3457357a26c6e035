"""Which of dockharden's modules run as compiled extensions (mypyc, see setup.py)."""
from __future__ import annotations

import importlib.machinery
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # the package, not core/


def compiled_modules() -> tuple[str, ...]:
    """Dotted names of the modules that import from an extension, which Python prefers to
    the source beside it."""
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    found = (path.relative_to(_PACKAGE) for path in _PACKAGE.rglob("*") if path.name.endswith(suffixes))
    return tuple(sorted(".".join(("dockharden", *p.parent.parts, p.name.partition(".")[0])) for p in found))


def build_description() -> str:
    count = len(compiled_modules())
    return f"compiled: {count} modules" if count else "pure Python"
