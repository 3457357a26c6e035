"""Facts about a Dockerfile that the checklist needs beyond the patterns."""
from __future__ import annotations

import fnmatch

from dockharden.dockerfile.model import Model, Stage

_DEPENDENCY_FILES = ("requirements*.txt", "requirements*.in", "pyproject.toml", "uv.lock", "poetry.lock", "setup.py", "setup.cfg", "Pipfile", "Pipfile.lock", "constraints*.txt")


def is_dependency_file(path: str) -> bool:
    name = path.rstrip("/").rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in _DEPENDENCY_FILES)


def uses_uv(model: Model) -> bool:
    return any(c.program == "uv" for s in model.stages for r in s.runs for c in r.commands)


def dependencies_first(model: Model) -> bool:
    """Every stage that installs Python packages gets only dependency files before its first install."""
    return all(_stage_dependencies_first(stage) for stage in model.stages)


def _stage_dependencies_first(stage: Stage) -> bool:
    installs = [r for r in stage.runs if any(p.manager in ("pip", "uv") and p.action == "install" for p in r.packages)]
    if not installs:
        return True
    first = installs[0].instruction.start_line
    earlier = [c for c in stage.copies if c.from_context and c.instruction.start_line < first]
    return all(is_dependency_file(source) for c in earlier for source in c.sources)
