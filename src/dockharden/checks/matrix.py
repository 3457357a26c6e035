"""The verification matrix, derived the same way for every subject: a pattern's status is the
worst finding of its rules; its detail and lines come from the subject's facts, through the
family's DETAILS (one function per pattern it can judge)."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from dockharden.checks.running import worst_status
from dockharden.core.records import frozen
from dockharden.core.settings import Settings
from dockharden.core.vocabulary import PATTERNS, Finding, PatternResult, Status


@frozen
class Cell:
    """What a family's detail function says of one pattern: the detail, the lines (or steps)
    it rests on, and whether it could be judged at all."""

    detail: str
    lines: tuple[int, ...] = ()
    checked: bool = True


Detail = Callable[[Any, list[Finding], Settings], Cell]


def pattern_results(details: Mapping[str, Detail], subject: Any, findings: list[Finding], settings: Settings) -> tuple[PatternResult, ...]:
    """One result per pattern the family judges, in PATTERNS order."""
    by_pattern: dict[str | None, list[Finding]] = {pattern: [] for pattern in PATTERNS}
    for finding in findings:
        by_pattern.setdefault(finding.rule.pattern, []).append(finding)
    results = []
    for pattern in PATTERNS:
        if pattern not in details:
            continue
        own = by_pattern[pattern]
        cell = details[pattern](subject, own, settings)
        status = worst_status(own) if cell.checked or own else Status.NOT_CHECKED
        lines = cell.lines if len(cell.lines) < 2 else tuple(sorted(set(cell.lines)))
        results.append(PatternResult(pattern, status, cell.detail, lines))
    return tuple(results)
