"""What a build context holds that a `.dockerignore` would leave out: the repository's `.git`,
dotenv files (and a `.env` that a `.env.example` or the folder's README asks users to make
there), keys and credential files, a Node project's node_modules (package.json), Python
virtual environments (and the .venv uv and Poetry make beside a project's pyproject.toml) and
caches, and what the folder's own .gitignore says is made there.

A folder below the repository root is walked (up to _MAX_ENTRIES entries); the repository
root, which may be huge, is judged by its own entries only.
"""
from __future__ import annotations

import os
import re

from dockharden.knowledge.secrets import NOT_SECRET_SUFFIXES, is_env_file, is_secret_path

WHOLE_CONTEXT = frozenset({".", "./", "*", "./*", "/"})  # COPY/ADD sources that take the whole context
_MAX_ENTRIES = 1000
_MAX_SAID = 4
_MADE = {"node_modules": "node_modules", ".venv": "a virtualenv", "venv": "a virtualenv", "__pycache__": "Python caches",
         ".pytest_cache": "Python caches", ".mypy_cache": "Python caches"}
_PROJECT_TABLE = re.compile(r"^\[(?:project|tool\.poetry)\]", re.MULTILINE)  # uv and Poetry make the project's .venv beside it
_README = re.compile(r"(?<![\w/.-])\.env\b(?![.\w-])")
_MAX_README = 1 << 16


def unwanted(folder: str, repository_root: bool) -> tuple[str, ...] | None:
    """What the folder holds that a .dockerignore would leave out, said for messages ("" kinds
    once each, nearest first); None when it holds more than can be looked through."""
    found: dict[str, None] = {}
    pending, seen = [folder], 0
    while pending:
        current = pending.pop(0)
        try:
            with os.scandir(current) as entries:
                listed = sorted((e.name, e.is_dir(follow_symlinks=False)) for e in entries)
        except OSError:
            continue
        seen += len(listed)
        if seen > _MAX_ENTRIES:
            return None
        for name, is_folder in listed:
            said = _unwanted_entry(current, name, is_folder)
            if said:
                found.setdefault(said)
            elif is_folder and not repository_root:
                pending.append(os.path.join(current, name))
    return tuple(found)[:_MAX_SAID]


def _unwanted_entry(folder: str, name: str, is_folder: bool) -> str:
    """Why one entry should stay out of the context ("" when nothing says so)."""
    if name == ".git":
        return ".git"
    if name in _MADE:
        return _MADE[name]
    if is_folder:
        return "a virtualenv" if os.path.isfile(os.path.join(folder, name, "pyvenv.cfg")) else ""
    if name == "package.json":
        return "node_modules (package.json)"
    if name == "pyproject.toml" and _PROJECT_TABLE.search(_text(os.path.join(folder, name))):
        return "a .venv (pyproject.toml)"
    if is_env_file(name):
        return f"a .env made from {name}" if name.endswith(NOT_SECRET_SUFFIXES) else name
    if is_secret_path(name):
        return name
    if name == ".gitignore":
        return _ignored(os.path.join(folder, name))
    if name.lower().startswith("readme") and _asks_for_env(os.path.join(folder, name)):
        return f"a .env its {name} asks for"
    return ""


def _ignored(path: str) -> str:
    """What a .gitignore in the context says is made there ("what its .gitignore leaves out: dist, ...")."""
    patterns = [line.strip() for line in _text(path).splitlines() if line.strip() and not line.lstrip().startswith(("#", "!"))]
    return f".gitignore'd files ({', '.join(patterns[:2])})" if patterns else ""


def _asks_for_env(path: str) -> bool:
    return _README.search(_text(path)) is not None


def _text(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read(_MAX_README)
    except OSError:
        return ""
