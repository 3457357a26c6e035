"""What a Python project's pyproject.toml says that the image needs: the console scripts
installing the project puts on the PATH."""
from __future__ import annotations

import tomllib


def console_scripts(text: str) -> frozenset[str]:
    """The names of [project.scripts] and [tool.poetry.scripts] (none when the file is not TOML)."""
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return frozenset()
    project = data.get("project")
    tool = data.get("tool")
    poetry = tool.get("poetry") if isinstance(tool, dict) else None
    found: set[str] = set()
    for table in (project.get("scripts") if isinstance(project, dict) else None, poetry.get("scripts") if isinstance(poetry, dict) else None):
        found |= set(table) if isinstance(table, dict) else set()
    return frozenset(found)
