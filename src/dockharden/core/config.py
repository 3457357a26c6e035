"""Settings from `.dockharden.toml` or `[tool.dockharden]` in pyproject.toml."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from dockharden.core.settings import DEFAULT_REQUIRED_ENV, PURPOSES, Settings
from dockharden.core.vocabulary import Severity


class ConfigError(Exception):
    """A configuration file we cannot use; names the file."""


_KEYS = {"threshold", "disable", "enable", "required-uid", "required-env", "target", "size-budget-mb", "purpose"}


def find_config(start: Path) -> Path | None:
    """The nearest .dockharden.toml, or pyproject.toml with [tool.dockharden], from start upward."""
    for folder in (start, *start.parents):
        own = folder / ".dockharden.toml"
        if own.is_file():
            return own
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_own_table(pyproject):
            return pyproject
    return None


def _has_own_table(pyproject: Path) -> bool:
    """Whether pyproject.toml has [tool.dockharden]; one without the word is not parsed at all."""
    if "dockharden" not in _read_text(pyproject):
        return False
    return "dockharden" in _read(pyproject).get("tool", {})


def load_settings(path: Path | None) -> Settings:
    if path is None:
        return Settings()
    data = _read(path)
    table = data.get("tool", {}).get("dockharden", {}) if path.name == "pyproject.toml" else data
    return settings_from_table(table, path)


def _read(path: Path) -> dict:
    import tomllib  # only when there is a configuration to read

    text = _read_text(path)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None


def settings_from_table(table: dict, path: Path) -> Settings:
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown key {unknown[0]!r} (known: {', '.join(sorted(_KEYS))})")
    try:
        return Settings(
            threshold=Severity.parse(str(table.get("threshold", "warning"))),
            disabled=frozenset(_strings(table.get("disable", []), "disable")),
            enabled=frozenset(_strings(table.get("enable", []), "enable")),
            required_uid=_int(table.get("required-uid", 1000), "required-uid"),
            required_env=tuple(_strings(table.get("required-env", list(DEFAULT_REQUIRED_ENV)), "required-env")),
            target=table.get("target"),
            size_budget_mb=_int(table.get("size-budget-mb", 1024), "size-budget-mb"),
            purposes=_purposes(table.get("purpose", {})),
        )
    except ValueError as error:
        raise ConfigError(f"{path}: {error}") from None


def _strings(value, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{key} must be a list of strings")
    return value


def _purposes(value) -> tuple[tuple[str, str], ...]:
    """`purpose = {"compose/local/*" = "development", "images/base/*" = "base"}`: path globs,
    relative to the repository, and what their images are for."""
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ValueError("purpose must be a table of path globs and purposes")
    wrong = sorted(v for v in value.values() if v not in PURPOSES)
    if wrong:
        raise ValueError(f"purpose {wrong[0]!r} is not one of {', '.join(PURPOSES)}")
    return tuple(value.items())


def _int(value, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{key} must be a non-negative integer")
    return value


def with_overrides(settings: Settings, **overrides) -> Settings:
    """Command-line options win over the file; None means "not given"."""
    given = {k: v for k, v in overrides.items() if v is not None}
    return replace(settings, **given)
