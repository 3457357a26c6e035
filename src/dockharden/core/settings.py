"""Options that change what the checks expect; read from config files by config.py."""
from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

from dockharden.core.vocabulary import Severity

DEFAULT_REQUIRED_ENV = ("PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE")


@dataclass(frozen=True)
class Settings:
    threshold: Severity = Severity.WARNING
    disabled: frozenset[str] = frozenset()
    enabled: frozenset[str] = frozenset()  # optional rules switched on, by code or name
    required_uid: int = 1000
    required_env: tuple[str, ...] = DEFAULT_REQUIRED_ENV
    target: str | None = None
    size_budget_mb: int = 1024

    def missing_env(self, env: Container[str]) -> list[str]:
        """The required ENV keys that `env` lacks, in the configured order."""
        return [key for key in self.required_env if key not in env]
