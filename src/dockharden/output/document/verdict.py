"""The overall verdict: fail when a finding reaches the threshold (as `lint` exits 1), counted
per subject (Dockerfiles, images, containers); the CLI's exit code follows the same verdict."""
from __future__ import annotations

from dataclasses import dataclass

from dockharden.checks.evidence.records import Evidence, all_problems
from dockharden.core.vocabulary import FileReport, Severity, Status
from dockharden.output.formats.common import STATUS_WORDS, plural
from dockharden.output.formats.matrix import ICONS


@dataclass(frozen=True)
class SubjectCount:
    subject: str  # "Dockerfiles", "Images", "Containers"
    checked: int
    not_checked: int
    errors: int
    warnings: int
    infos: int
    status: Status  # FAIL when a finding reaches the threshold; NOT_CHECKED when nothing was checked


@dataclass(frozen=True)
class Verdict:
    status: Status  # PASS, FAIL, or NOT_CHECKED: nothing failed but something asked for could not be done
    threshold: Severity
    counts: tuple[SubjectCount, ...]
    problems: int


def verdict(evidence: Evidence, threshold: Severity) -> Verdict:
    groups = (("Dockerfiles", [d.report for d in evidence.dockerfiles]), ("Images", list(evidence.images)),
              ("Containers", [r.report for r in evidence.runtime]))
    counts = tuple(_count(name, reports, threshold) for name, reports in groups)
    problems = len(all_problems(evidence))
    if any(c.status is Status.FAIL for c in counts):
        status = Status.FAIL
    else:
        status = Status.NOT_CHECKED if problems or not any(c.checked for c in counts) else Status.PASS
    return Verdict(status, threshold, counts, problems)


def _count(subject: str, reports: list[FileReport], threshold: Severity) -> SubjectCount:
    checked = [r for r in reports if r.error is None]
    severities = [f.rule.severity for r in checked for f in r.findings]
    failing = any(s >= threshold for s in severities)
    status = Status.FAIL if failing else Status.PASS if checked else Status.NOT_CHECKED
    return SubjectCount(subject, len(checked), len(reports) - len(checked), severities.count(Severity.ERROR),
                        severities.count(Severity.WARNING), severities.count(Severity.INFO), status)


_HEADLINE = {Status.PASS: "pass", Status.FAIL: "fail", Status.NOT_CHECKED: "incomplete"}


def headline(judged: Verdict) -> str:
    """`❌ fail ...: Dockerfiles: 5 errors, 4 warnings; Images: 0 errors, 0 warnings; Containers: none given`."""
    parts = [f"{c.subject}: " + (f"{plural(c.errors, 'error')}, {plural(c.warnings, 'warning')}" if c.checked else _none(c))
             for c in judged.counts]
    icon = ICONS[judged.status]
    text = f"**Verdict: {icon} {_HEADLINE[judged.status]}** (threshold: {judged.threshold.label}): " + "; ".join(parts) + "."
    if judged.problems:
        text += f" {plural(judged.problems, 'thing')} asked for could not be done (see Problems)."
    return text


def _none(count: SubjectCount) -> str:
    return f"{count.not_checked} not checked" if count.not_checked else "none given"


def section(judged: Verdict) -> str:
    rows = ["| Subject | Checked | Not checked | Errors | Warnings | Info | Verdict |", "|---|---|---|---|---|---|---|"]
    for c in judged.counts:
        word = STATUS_WORDS[c.status] if c.checked else _none(c)
        rows.append(f"| {c.subject} | {c.checked} | {c.not_checked} | {c.errors} | {c.warnings} | {c.infos} | {ICONS[c.status]} {word} |")
    why = (f"A subject fails when one of its findings is {judged.threshold.label} or worse (`--threshold`); "
           "`dockharden report` then exits 1, as `lint` does (2 when something could not be checked).")
    return "## Verdict\n\n" + headline(judged) + "\n\n" + "\n".join(rows) + "\n\n" + why + "\n"

