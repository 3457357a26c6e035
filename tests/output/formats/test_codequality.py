"""GitLab Code Quality: the fields GitLab documents (docs.gitlab.com, "Code Quality",
"Import code quality results from a CI/CD job"), exact values, stable fingerprints."""
from __future__ import annotations

import hashlib
import json

import jsonschema

from dockharden.output.formats import FORMATS
from dockharden.core.vocabulary import FileReport, Finding, Report

from .conftest import MISSING_HEALTHCHECK, ROOT_USER, SAMPLE_RULES

# What GitLab reads from each issue; every field here is required by its documentation.
DOCUMENTED_ISSUE = {
    "type": "object",
    "required": ["description", "check_name", "fingerprint", "severity", "location"],
    "properties": {
        "description": {"type": "string", "minLength": 1},
        "check_name": {"type": "string", "minLength": 1},
        "fingerprint": {"type": "string", "minLength": 1},
        "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
        "location": {
            "type": "object",
            "required": ["path", "lines"],
            "properties": {
                "path": {"type": "string", "minLength": 1},
                "lines": {"type": "object", "required": ["begin"],
                          "properties": {"begin": {"type": "integer", "minimum": 1}}},
            },
        },
    },
}
DOCUMENTED_REPORT = {"type": "array", "items": DOCUMENTED_ISSUE}


def issues(report: Report) -> list[dict]:
    return json.loads(FORMATS["codequality"](report))


def sha256(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def test_sample_has_the_documented_fields(sample_report):
    jsonschema.validate(issues(sample_report), DOCUMENTED_REPORT)


def test_one_issue_per_finding_with_exact_values(sample_report):
    found = issues(sample_report)
    assert [(i["check_name"], i["severity"], i["location"]) for i in found] == [
        ("DH001", "major", {"path": "legacy/Dockerfile", "lines": {"begin": 3}}),
        ("DH101", "info", {"path": "legacy/Dockerfile", "lines": {"begin": 7}}),
        ("DH010", "minor", {"path": "legacy/Dockerfile", "lines": {"begin": 12}}),
    ]
    assert found[0]["description"] == "DH001 root-user: the final stage runs as root (USER root)"
    assert found[0]["fingerprint"] == sha256("DH001", "legacy/Dockerfile", "3", "the final stage runs as root (USER root)")
    assert list(found[0]) == ["description", "check_name", "fingerprint", "severity", "location"]


def test_unreadable_files_and_clean_files_give_no_issue(sample_report):
    paths = {issue["location"]["path"] for issue in issues(sample_report)}
    assert paths == {"legacy/Dockerfile"}
    assert FORMATS["codequality"](Report((), ())) == "[]\n"


def test_fingerprints_are_stable_and_unique():
    same = Finding(ROOT_USER, 4, "the final stage runs as root")
    file = FileReport("Dockerfile", (same, same, Finding(ROOT_USER, 5, "the final stage runs as root")))
    report = Report((file, FileReport("other/Dockerfile", (same,))), SAMPLE_RULES)
    prints = [issue["fingerprint"] for issue in issues(report)]
    assert len(set(prints)) == 4
    assert prints[0] == sha256("DH001", "Dockerfile", "4", "the final stage runs as root")
    assert prints[1] == sha256("DH001", "Dockerfile", "4", "the final stage runs as root", "2")
    assert prints == [issue["fingerprint"] for issue in issues(report)]


def test_a_finding_about_a_whole_image_begins_at_line_1():
    file = FileReport("registry.example/app:1.0", (Finding(MISSING_HEALTHCHECK, 0, "no Healthcheck"),), kind="image")
    [issue] = issues(Report((file,), SAMPLE_RULES))
    assert issue["location"] == {"path": "registry.example/app:1.0", "lines": {"begin": 1}}
    assert issue["fingerprint"] == sha256("DH010", "registry.example/app:1.0", "0", "no Healthcheck")


def test_an_overridden_severity_sets_the_issue_severity():
    demoted = Finding(ROOT_USER, 2, "root").with_severity(MISSING_HEALTHCHECK.severity)
    [issue] = issues(Report((FileReport("Dockerfile", (demoted,)),), SAMPLE_RULES))
    assert issue["severity"] == "minor"


def test_codequality_golden(sample_report, golden):
    golden("report.codequality.json", FORMATS["codequality"](sample_report))
