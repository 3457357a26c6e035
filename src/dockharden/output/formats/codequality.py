"""GitLab Code Quality: a JSON array of issues, as `artifacts: reports: codequality:` reads it.

Each issue has description, check_name, fingerprint, severity and location (path, and
lines.begin); GitLab matches issues between pipelines by fingerprint. Files that could not
be checked have no issue: the command reports them on stderr and exits 2.
"""
from __future__ import annotations

import hashlib
from collections import Counter

from dockharden.output.formats import pretty_json
from dockharden.output.formats.common import sorted_findings
from dockharden.core.vocabulary import Finding, Report, Severity

SEVERITIES = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}


def render(report: Report) -> str:
    issues, seen = [], Counter[tuple[str, ...]]()
    for file in report.files:
        for finding in sorted_findings(file):
            identity = (finding.rule.code, file.path, str(finding.line), finding.message)
            seen[identity] += 1
            issues.append(issue(file.path, finding, fingerprint(identity, seen[identity])))
    return pretty_json.dumps(issues) + "\n"


def issue(path: str, finding: Finding, fingerprint: str) -> dict:
    return {
        "description": f"{finding.rule.code} {finding.rule.name}: {finding.message}",
        "check_name": finding.rule.code,
        "fingerprint": fingerprint,
        "severity": SEVERITIES[finding.rule.severity],
        # Line 0 (about a whole image) has no line to show; GitLab's lines start at 1.
        "location": {"path": path, "lines": {"begin": max(finding.line, 1)}},
    }


def fingerprint(identity: tuple[str, ...], occurrence: int) -> str:
    """sha256 of rule, path, line and message: the same finding keeps it from run to run,
    and a second identical finding in one file (the occurrence count) gets its own."""
    parts = identity if occurrence == 1 else (*identity, str(occurrence))
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()
