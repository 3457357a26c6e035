"""Which results judge a pattern, and how: the worst of lint, inspect and verify, with
development files left out of the patterns a development image need not meet. The summary
and the checklist both judge patterns here, so they cannot disagree."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dockharden.checks.evidence.records import DockerfileEvidence, Evidence, development_subjects
from dockharden.core.vocabulary import PRODUCTION_ONLY_PATTERNS, FileReport, Status

_ORDER = {Status.PASS: 0, Status.NOT_CHECKED: 1, Status.WARN: 2, Status.FAIL: 3}


@dataclass(frozen=True)
class Judgement:
    status: Status
    evidence: str
    info_only: bool = False  # nothing fails, but info findings say the item is not met: shown as info, not ticked




def _left_out(evidence: Evidence, production_only: bool) -> frozenset[str]:
    return development_subjects(evidence) if production_only else frozenset()


def checked_dockerfiles(evidence: Evidence, production_only: bool) -> list[DockerfileEvidence]:
    skip = _left_out(evidence, production_only)
    return [d for d in evidence.dockerfiles if d.report.error is None and d.report.path not in skip]


def checked_images(evidence: Evidence, production_only: bool) -> list[FileReport]:
    skip = _left_out(evidence, production_only)
    return [i for i in evidence.images if i.error is None and i.path not in skip]


def checked_runs(evidence: Evidence, production_only: bool) -> list[FileReport]:
    skip = _left_out(evidence, production_only)
    return [r.report for r in evidence.runtime if r.report.error is None and r.report.path not in skip]


def worst(statuses: list[Status]) -> Status:
    return max(statuses, key=_ORDER.__getitem__) if statuses else Status.NOT_CHECKED


def pattern_statuses(reports: list[FileReport], pattern: str) -> list[Status]:
    return [r.status for report in reports for r in report.patterns if r.pattern == pattern and r.status is not Status.NOT_CHECKED]


def _summary(kind: str, statuses: list[Status]) -> str:
    passing = sum(s is Status.PASS for s in statuses)
    return f"{kind}: {passing}/{len(statuses)} pass"


def not_judged(evidence: Evidence, production_only: bool) -> list[str]:
    skipped = sorted(_left_out(evidence, production_only))
    return [f"not judged (development only): {', '.join(skipped)}"] if skipped else []


def pattern(name: str) -> Callable[[Evidence], Judgement]:
    """The worst of lint, inspect and verify for one pattern; production-only patterns leave development files out."""
    production_only = name in PRODUCTION_ONLY_PATTERNS

    def judge(evidence: Evidence) -> Judgement:
        sources = (("lint", [d.report for d in checked_dockerfiles(evidence, production_only)]),
                   ("inspect", checked_images(evidence, production_only)), ("verify", checked_runs(evidence, production_only)))
        parts, statuses = [], []
        for kind, reports in sources:
            found = pattern_statuses(reports, name)
            if found:
                parts.append(_summary(kind, found))
                statuses.extend(found)
        judged = "; ".join(parts) or f"no check of {name} ran"
        return Judgement(worst(statuses), "; ".join([judged, *not_judged(evidence, production_only)]))

    return judge
