"""Find Dockerfiles under the paths a user gives.

A file given by name is always checked. In a directory, Dockerfiles are found by name
(the common real-world spellings: `Dockerfile.prod`, `Dockerfile-dev`, `Dockerfile_amd`,
`DockerfileProd`, `dockerfile.dev`, `app.dockerfile`, `base_Dockerfile`, `CPUDockerfile`, `Containerfile.prod`), skipping version-control folders, node_modules,
virtualenvs and, inside a git repository, what its ignore files exclude. A file of another
name is found too when a build the folder declares names it as its Dockerfile (a compose
file's `dockerfile:`, `docker build -f` in a shell script, Makefile or GitHub workflow:
celery's `docker build -f t/smoke/workers/docker/dev .`; dockerfile/context.py reads them).
"""
from __future__ import annotations

import fnmatch
import os
import re
from pathlib import Path

from dockharden.core.external import find_program, run_program
from dockharden.dockerfile.context import ContextFinder

_STEMS = ("Dockerfile", "dockerfile", "Containerfile", "containerfile")
# The stem alone or with a suffix after a separator, in either case (`dockerfile.dev`), or
# followed by a capitalised word (`DockerfileCelery`, `DockerfileProd`); the stem as a suffix
# (`api.Dockerfile`, `Qwen2VL_Dockerfile`), or capitalised after a capitalised word with nothing
# after it (IOPaint's `CPUDockerfile`: source files have an extension), in lower case only after
# a dot: `generate-dockerfile` and `mydockerfile` are not Dockerfiles.
_NAMES = (*_STEMS, *(f"{stem}{sep}*" for stem in _STEMS for sep in "._-"), "Dockerfile[A-Z]*", "Containerfile[A-Z]*",
          "*.dockerfile", "*.containerfile", *(f"*{sep}{stem}" for stem in ("Dockerfile", "Containerfile") for sep in "._-"),
          "[A-Z]*Dockerfile", "[A-Z]*Containerfile")
# Templates, backups, notes, configuration, scripts and source code named after Dockerfiles
# (`Dockerfile.j2`, `dockerfile.yml`, `dockerfile_facts.py`, an editor's `dockerfile.js`).
_NOT_DOCKERFILES = ("*.dockerignore", "*.j2", "*.orig", "*.rej", "*.swp", "*~", "*.bak", "*.md", "*.txt", "*.yml", "*.yaml",
                    "*.json", "*.sh", "*.ps1", "*.lock", "*.toml", "*.cfg", "*.ini", "*.tmpl", "*.template",
                    "*.py", "*.pyc", "*.js", "*.mjs", "*.ts", "*.map", "*.go", "*.rs", "*.rb", "*.java", "*.html", "*.css")
_SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".nox",
                        ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages"})
MISSING = "no such file or directory"
EMPTY = "no Dockerfile found in this directory"


def path_kind(error: str) -> str:
    """The FileReport kind of a path that gave no Dockerfile (reporters count them apart)."""
    return "missing" if error == MISSING else "folder"


# Each list as one pattern: a repository's every file name is matched (30 fnmatch calls per
# name took 100 ms in saleor's 4,673 files; one regex per list takes a tenth of that).
_NAME_PATTERN = re.compile("|".join(fnmatch.translate(p) for p in _NAMES))
_NOT_PATTERN = re.compile("|".join(fnmatch.translate(p) for p in _NOT_DOCKERFILES))


def is_dockerfile_name(name: str) -> bool:
    return _NAME_PATTERN.match(name) is not None and _NOT_PATTERN.match(name) is None


def discover(paths: list[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """(Dockerfiles found, (path, one-line error) for each path that gives none)."""
    found: list[Path] = []
    errors: list[tuple[str, str]] = []
    for path in paths:
        if path.is_dir():
            walked = _walk(path)
            inside = _not_ignored(path, walked + _declared(path, walked))
            found.extend(inside)
            if not inside:
                errors.append((str(path), EMPTY))
        elif path.exists() or path.is_symlink():
            found.append(path)  # a file, FIFO or device: reading it says what is wrong
        else:
            errors.append((str(path), MISSING))
    return found, errors


def _walk(root: Path) -> list[Path]:
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not _is_virtualenv(os.path.join(folder, d)))
        found.extend(Path(folder) / name for name in sorted(files) if is_dockerfile_name(name))
    return found


def _declared(root: Path, walked: list[Path]) -> list[Path]:
    """The files under root, not found by name, that a build root declares builds as its
    Dockerfile; not in a skipped folder, and not named like a template or a script."""
    folder = os.path.abspath(root)
    known = {os.path.abspath(p) for p in walked}
    found: set[str] = set()
    for declared in ContextFinder(folder).declarations(folder, folder):
        path = os.path.normpath(declared.dockerfile)
        relative = os.path.relpath(path, folder)
        if (path not in known and not relative.startswith("..") and os.path.isfile(path) and _NOT_PATTERN.match(os.path.basename(path)) is None
                and _SKIP_DIRS.isdisjoint(relative.split(os.sep))):
            found.add(relative)
    return [root / relative for relative in sorted(found)]


def _is_virtualenv(folder: str) -> bool:
    return os.path.isfile(os.path.join(folder, "pyvenv.cfg"))


def _not_ignored(root: Path, candidates: list[Path]) -> list[Path]:
    """The candidates that the git repository around root does not ignore. A root that is
    itself ignored was asked for by name: nothing in it is dropped."""
    if not candidates or not _in_git_worktree(root) or find_program("git") is None:
        return candidates
    if _git_ignores(root, [Path(".")]):
        return candidates
    ignored = _git_ignores(root, [c.relative_to(root) for c in candidates])
    return [c for c in candidates if c.relative_to(root) not in ignored]


def _in_git_worktree(root: Path) -> bool:
    folder = root.resolve()
    return any((parent / ".git").exists() for parent in (folder, *folder.parents))


def _git_ignores(root: Path, relative: list[Path]) -> set[Path]:
    """Which of the paths (relative to root) git's ignore rules exclude; tracked files never are."""
    listing = "\0".join(str(p) for p in relative) + "\0"
    try:
        done = run_program(["git", "-C", str(root), "check-ignore", "-z", "--stdin"], input=listing, timeout=60)
    except OSError:
        return set()
    if done.returncode not in (0, 1):  # 1: nothing ignored; anything else: git could not tell
        return set()
    return {Path(p) for p in done.stdout.split("\0") if p}
