"""The matrix details of a running container: each pattern judged from the steps that prove it.

multi_stage and no_build_tools are not visible in a running container: inspect judges them.
"""
from __future__ import annotations

from dockharden.checks.matrix import Cell, Detail
from dockharden.core.settings import Settings
from dockharden.core.vocabulary import Finding, Status
from dockharden.runtime.observation import VerifyResult

# Which steps prove each pattern, and the step whose detail stands for the pattern.
PATTERN_STEPS: dict[str, tuple[tuple[str, ...], str]] = {
    "non_root_user": (("whoami", "id", "user"), "id"),
    "healthcheck": (("run", "health"), "health"),
    "env_config": (("env",), "env"),
    "chown": (("workdir", "history"), "workdir"),
    "no_secrets": (("env", "history"), "history"),
    "exec_form": (("stop",), "stop"),
}


def _judged_by(pattern: str) -> Detail:
    names, shown = PATTERN_STEPS[pattern]

    def detail(result: VerifyResult, findings: list[Finding], settings: Settings) -> Cell:
        steps = [result.step(name) for name in names]
        numbers = tuple(sorted(step.number for step in steps))
        if not findings and all(step.verdict is Status.NOT_CHECKED for step in steps):
            return Cell("not checked", tuple(step.number for step in steps), checked=False)
        if pattern == "no_secrets":
            return Cell(f"{len(findings)} found" if findings else "None found", numbers)
        if findings:
            first = findings[0].message
            return Cell(first if len(findings) == 1 else f"{first} (and {len(findings) - 1} more)", numbers)
        return Cell(result.step(shown).detail, numbers)

    return detail


DETAILS: dict[str, Detail] = {pattern: _judged_by(pattern) for pattern in PATTERN_STEPS}
