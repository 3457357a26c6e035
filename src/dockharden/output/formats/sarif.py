"""SARIF 2.1.0, with rule metadata rendered from the same source as docs/rules/."""
from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import quote

from dockharden.core.version import VERSION
from dockharden.output.docs import doc_section, render_rule_doc
from dockharden.output.formats import pretty_json
from dockharden.output.formats.common import sorted_findings, used_in
from dockharden.core.vocabulary import FileReport, Finding, Fix, Report, Rule, Severity

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/dockharden/dockharden"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(report: Report) -> str:
    return pretty_json.dumps(sarif_log(report)) + "\n"


def sarif_log(report: Report) -> dict:
    rules = run_rules(report)
    index = {rule.code: position for position, rule in enumerate(rules)}
    results = [result(file, finding, index) for file in report.files for finding in sorted_findings(file)]
    run = {
        "tool": {"driver": driver(rules)},
        "invocations": [invocation(report)],
        "results": results,
    }
    places = {file.path: used for file in report.files if (used := used_in(file))}
    if places:  # every image a deployment uses, those without results too
        run["properties"] = {"used_in": places}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def run_rules(report: Report) -> list[Rule]:
    """The report's rules, plus any rule a finding names that the report does not list."""
    known = {rule.code for rule in report.rules}
    extra = {f.rule.code: f.rule for file in report.files for f in file.findings if f.rule.code not in known}
    return list(report.rules) + [extra[code] for code in sorted(extra)]


def driver(rules: list[Rule]) -> dict:
    return {
        "name": "dockharden",
        "version": VERSION,
        "informationUri": INFORMATION_URI,
        "rules": [rule_descriptor(rule) for rule in rules],
    }


def rule_descriptor(rule: Rule) -> dict:
    page = render_rule_doc(rule)
    descriptor = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": doc_section(rule.docs, "What it does") or rule.summary},
        "help": {"text": page, "markdown": page},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    }
    if rule.pattern is not None:
        descriptor["properties"] = {"pattern": rule.pattern}
    return descriptor


def result(file: FileReport, finding: Finding, index: dict[str, int]) -> dict:
    # Image findings outside any history step have line 0, and GitHub code scanning rejects
    # a result without a region: they point at line 1 of the image (SARIF lines start at 1).
    start = max(finding.line, 1)
    place = location(file.path, start, max(finding.last_line, start))
    found = {
        "ruleId": finding.rule.code,
        "ruleIndex": index[finding.rule.code],
        "level": LEVELS[finding.rule.severity],
        "message": {"text": finding.message},
        "locations": [place],
    }
    if finding.fix is not None:
        found["fixes"] = [sarif_fix(file.path, finding.fix)]
    if places := used_in(file):
        found["properties"] = {"used_in": places}
    return found


def sarif_fix(path: str, fix: Fix) -> dict:
    """The fix as SARIF's `fix`: one artifactChange whose replacements are the edits, their
    regions by character offset into the file (where the edits point)."""
    replacements = [
        {"deletedRegion": {"charOffset": edit.start, "charLength": edit.end - edit.start}, "insertedContent": {"text": edit.text}}
        for edit in fix.edits
    ]
    return {
        "description": {"text": f"{fix.description} ({fix.safety.value})"},
        "artifactChanges": [{"artifactLocation": {"uri": artifact_uri(path)}, "replacements": replacements}],
    }


def location(path: str, start_line: int, end_line: int) -> dict:
    region = {"startLine": start_line, "endLine": end_line}
    return {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}, "region": region}}


def file_location(path: str) -> dict:
    return {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}}}


def artifact_uri(path: str) -> str:
    posix = PureWindowsPath(path).as_posix() if "\\" in path else path
    if PurePosixPath(posix).is_absolute():
        return "file://" + quote(posix)
    return quote(posix)


def invocation(report: Report) -> dict:
    """Files that could not be checked become error notifications, not results."""
    notifications = [
        {"level": "error", "message": {"text": f"{file.path}: {file.error}"}, "locations": [file_location(file.path)]}
        for file in report.files
        if file.error is not None
    ]
    return {"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}
