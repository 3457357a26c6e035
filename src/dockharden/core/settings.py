"""Options that change what the checks expect; read from config files by config.py."""
from __future__ import annotations

import fnmatch
from collections.abc import Container
from dataclasses import dataclass

from dockharden.core.vocabulary import Severity

DEFAULT_REQUIRED_ENV = ("PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE")
# What an image can be for (dockerfile/purpose.py says how each is recognised).
PURPOSES = ("service", "job", "development", "base", "tool", "output")


@dataclass(frozen=True)
class Settings:
    threshold: Severity = Severity.WARNING
    disabled: frozenset[str] = frozenset()
    enabled: frozenset[str] = frozenset()  # optional rules switched on, by code or name
    required_uid: int = 1000
    required_env: tuple[str, ...] = DEFAULT_REQUIRED_ENV
    target: str | None = None
    size_budget_mb: int = 1024
    # (path glob, purpose): what the images of matching Dockerfiles are for (knowledge/purposes.py)
    purposes: tuple[tuple[str, str], ...] = ()
    shellcheck: bool = False  # lint: run ShellCheck on the RUN scripts (`lint --shellcheck`)
    # Findings carry their fixes (fix, lint --fix, SARIF, the rule docs); lint alone skips
    # working them out, which costs it about 5% of its time.
    fixes: bool = False
    today: str = ""  # the date end-of-life dates are compared with (ISO); "" for core/clock.py's

    def missing_env(self, env: Container[str]) -> list[str]:
        """The required ENV keys that `env` lacks, in the configured order."""
        return [key for key in self.required_env if key not in env]


def configured_purpose(settings: Settings, path: str) -> str | None:
    """The purpose the configuration gives a Dockerfile's path (relative to the repository), the first glob that matches."""
    path = path.replace("\\", "/").removeprefix("./")
    return next((purpose for glob, purpose in settings.purposes if fnmatch.fnmatchcase(path, glob)), None)
