"""What a Python project's pyproject.toml says that the image needs: the console scripts
installing the project puts on the PATH."""
from __future__ import annotations

import re
import tomllib

# The script tables with their own headers, each up to the next table header: a large
# pyproject.toml (tool settings, dependency lists) is parsed only where it names scripts.
_SCRIPT_TABLE = re.compile(r"^[ \t]*\[[ \t]*(?:project|tool[ \t]*\.[ \t]*poetry)[ \t]*\.[ \t]*scripts(?:[ \t]*\.[^\]\n]*)?[ \t]*\][^\n]*\n(?:(?![ \t]*\[).*\n?)*",
                           re.MULTILINE)


def console_scripts(text: str) -> frozenset[str]:
    """The names of [project.scripts] and [tool.poetry.scripts] (none when they are not TOML)."""
    if "scripts" not in text:
        return frozenset()
    tables = "".join(_SCRIPT_TABLE.findall(text))  # valid TOML defines each table once: these hold them all
    data = _loads(tables) if tables else None
    return _names(data if data is not None else _loads(text))


def _names(data: dict | None) -> frozenset[str]:
    project = data.get("project") if data else None
    tool = data.get("tool") if data else None
    poetry = tool.get("poetry") if isinstance(tool, dict) else None
    found: set[str] = set()
    for table in (project.get("scripts") if isinstance(project, dict) else None, poetry.get("scripts") if isinstance(poetry, dict) else None):
        found |= set(table) if isinstance(table, dict) else set()
    return frozenset(found)


def _loads(text: str) -> dict | None:
    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None
