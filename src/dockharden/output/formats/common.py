"""Orderings and counts that every reporter presents the same way."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from dockharden.core.printable import printable
from dockharden.core.vocabulary import PATTERNS, FileReport, Finding, PatternResult, Report, Severity, Status


STATUS_WORDS = {Status.PASS: "pass", Status.WARN: "warning", Status.FAIL: "fail", Status.NOT_CHECKED: "not checked"}


def sorted_findings(file: FileReport) -> list[Finding]:
    return sorted(file.findings, key=lambda f: (f.line, f.last_line, f.rule.code, f.message))


def ordered_patterns(file: FileReport) -> list[PatternResult]:
    """Every known pattern in PATTERNS order (missing ones as not checked), then any others."""
    if file.error is not None:
        return []
    given = {result.pattern: result for result in file.patterns}
    known = [given.get(name, PatternResult(name, Status.NOT_CHECKED, "")) for name in PATTERNS]
    return known + [result for result in file.patterns if result.pattern not in PATTERNS]


# What a FileReport is about, by its kind, as the summary line counts it.
SUBJECT_NOUNS = {"dockerfile": "file", "image": "image", "verify": "container"}


# FileReport kinds of a path that gave no Dockerfile: it does not exist, or is a folder without one.
PATH_KINDS = frozenset({"missing", "folder"})


@dataclass(frozen=True)
class Tally:
    subjects: str  # "3 files", "1 image", "2 files, 1 image"
    errors: int
    warnings: int
    infos: int
    unreadable: str  # the subjects that could not be checked, counted the same way; "" for none
    missing: int = 0  # paths that do not exist
    empty: int = 0  # folders without a Dockerfile


def tally(report: Report) -> Tally:
    severities = [f.rule.severity for file in report.files for f in file.findings]
    subjects = [file for file in report.files if file.kind not in PATH_KINDS]
    kinds = [file.kind for file in report.files]
    return Tally(
        subjects=count_subjects(subjects) or plural(0, "file"),
        errors=severities.count(Severity.ERROR),
        warnings=severities.count(Severity.WARNING),
        infos=severities.count(Severity.INFO),
        unreadable=count_subjects([file for file in subjects if file.error is not None]),
        missing=kinds.count("missing"),
        empty=kinds.count("folder"),
    )


def count_subjects(files: Sequence[FileReport]) -> str:
    """Subjects counted by kind, in first-seen order: "1 file", "2 images", "1 file, 1 container"."""
    counts = Counter(SUBJECT_NOUNS.get(file.kind, "file") for file in files)
    return ", ".join(plural(count, noun) for noun, count in counts.items())


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary_line(report: Report) -> str:
    counts = tally(report)
    parts = [counts.subjects, plural(counts.errors, "error"), plural(counts.warnings, "warning")]
    if counts.infos:
        parts.append(f"{counts.infos} info")
    if counts.unreadable:
        parts.append(f"{counts.unreadable} not checked")
    if counts.missing:
        parts.append(f"{plural(counts.missing, 'path')} not found")
    if counts.empty:
        parts.append(f"{plural(counts.empty, 'folder')} without a Dockerfile")
    return ", ".join(parts)


def line_span(finding: Finding) -> str:
    """"7" or "7-9"; "" for line 0, a finding about a whole image rather than a line."""
    if finding.line == 0:
        return ""
    return str(finding.line) if finding.last_line == finding.line else f"{finding.line}-{finding.last_line}"


def where(path: str, finding: Finding) -> str:
    span = line_span(finding)
    return f"{path}:{span}" if span else path


MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>|])")


def table_cell(text: str) -> str:
    """Text shown literally inside one markdown table cell: one line, specials and control
    characters escaped."""
    return MARKDOWN_SPECIALS.sub(r"\\\1", printable(" ".join(text.split())))


def code_span(text: str) -> str:
    text = printable(text)
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def used_in(file: FileReport) -> list[str]:
    """Where a deployment uses the image (`inspect --from-compose`, `--from-k8s`, `--images-from`)."""
    return [value for key, value in file.facts if key == "used_in"]
