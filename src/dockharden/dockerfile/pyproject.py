"""What a Python project's pyproject.toml says that the image needs: the console scripts
installing the project puts on the PATH, and which of them are its command-line interface."""
from __future__ import annotations

import tomllib

from dockharden.core.records import record

_CLI_NAMES = frozenset({"cli", "__cli__"})


@record
class ConsoleScripts:
    names: frozenset[str] = frozenset()  # [project.scripts] and [tool.poetry.scripts]
    cli: frozenset[str] = frozenset()  # those whose entry point is in a module named cli or is a function cli (`pkg.cli:main`)


def console_scripts(text: str) -> ConsoleScripts:
    """The console scripts of [project.scripts] and [tool.poetry.scripts] (none when the file is not TOML)."""
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return ConsoleScripts()
    project = data.get("project")
    tool = data.get("tool")
    poetry = tool.get("poetry") if isinstance(tool, dict) else None
    found: dict[str, str] = {}
    for table in (project.get("scripts") if isinstance(project, dict) else None, poetry.get("scripts") if isinstance(poetry, dict) else None):
        if isinstance(table, dict):
            found.update((str(k), v if isinstance(v, str) else "") for k, v in table.items())
    return ConsoleScripts(frozenset(found), frozenset(name for name, target in found.items() if _is_cli(target)))


def _is_cli(target: str) -> bool:
    """`browser_use.cli:main`, `acme.cli:cli`: the project's command-line interface by its own name."""
    module, _, function = target.partition(":")
    return module.strip().rsplit(".", 1)[-1] in _CLI_NAMES or function.strip() == "cli"
