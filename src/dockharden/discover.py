"""Find Dockerfiles under the paths a user gives."""
from __future__ import annotations

import fnmatch
import os
from pathlib import Path

_NAMES = ("Dockerfile", "Dockerfile.*", "*.Dockerfile", "*.dockerfile", "Containerfile", "Containerfile.*")
_NOT_DOCKERFILES = ("*.dockerignore", "*.j2", "*.orig", "*.rej", "*.swp", "*~")
_SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache", ".pytest_cache"})


def is_dockerfile_name(name: str) -> bool:
    if any(fnmatch.fnmatchcase(name, p) for p in _NOT_DOCKERFILES):
        return False
    return any(fnmatch.fnmatchcase(name, p) for p in _NAMES)


def discover(paths: list[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """(Dockerfiles found, (path, one-line error) for each path that gives none)."""
    found: list[Path] = []
    errors: list[tuple[str, str]] = []
    for path in paths:
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            inside = _walk(path)
            found.extend(inside)
            if not inside:
                errors.append((str(path), "no Dockerfile found in this directory"))
        else:
            errors.append((str(path), "no such file or directory"))
    return found, errors


def _walk(root: Path) -> list[Path]:
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
        found.extend(Path(folder) / name for name in sorted(files) if is_dockerfile_name(name))
    return found
