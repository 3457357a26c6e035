from __future__ import annotations

import json

from dockharden.output.formats import FORMATS
from dockharden.core.vocabulary import FileReport, Finding, PatternResult, Report, Status

from .conftest import MISSING_HEALTHCHECK, SAMPLE_RULES


def parsed(report: Report) -> dict:
    return json.loads(FORMATS["json"](report))


def test_findings_are_sorted_by_line_with_exact_fields(sample_report):
    findings = parsed(sample_report)["files"][0]["findings"]
    assert findings == [
        {"rule": "DH001", "name": "root-user", "pattern": "non_root_user", "severity": "error",
         "line": 3, "end_line": 3, "message": "the final stage runs as root (USER root)"},
        {"rule": "DH101", "name": "pip-cache-kept", "pattern": None, "severity": "info",
         "line": 7, "end_line": 9, "message": 'pip install keeps its cache | add --no-cache-dir <flag> & "quote"'},
        {"rule": "DH010", "name": "missing-healthcheck", "pattern": "healthcheck", "severity": "warning",
         "line": 12, "end_line": 12, "message": 'no HEALTHCHECK in the final stage "runtime"'},
    ]
    assert [list(finding) for finding in findings] == [
        ["rule", "name", "pattern", "severity", "line", "end_line", "message"]
    ] * 3


def test_patterns_follow_patterns_order_with_exact_values(sample_report):
    patterns = parsed(sample_report)["files"][0]["patterns"]
    assert list(patterns.items()) == [
        ("non_root_user", {"status": "fail", "detail": "root", "lines": [3]}),
        ("healthcheck", {"status": "warn", "detail": "missing", "lines": [12]}),
        ("env_config", {"status": "pass", "detail": "Full config", "lines": [4, 5]}),
        ("chown", {"status": "pass", "detail": "All COPY", "lines": []}),
        ("multi_stage", {"status": "fail", "detail": "No", "lines": []}),
        ("no_secrets", {"status": "pass", "detail": "", "lines": []}),
        ("exec_form", {"status": "pass", "detail": "exec form", "lines": [14]}),
        ("no_build_tools", {"status": "not_checked", "detail": "", "lines": []}),
    ]


def test_file_with_error_has_error_key_and_nothing_else(sample_report):
    assert parsed(sample_report)["files"][2] == {
        "path": "broken/Dockerfile.dev", "patterns": {}, "findings": [],
        "error": "line 4: unterminated heredoc <<EOF",
    }


def test_error_wins_over_stray_findings_and_patterns():
    file = FileReport("x/Dockerfile", (Finding(MISSING_HEALTHCHECK, 1, "m"),),
                      (PatternResult("chown", Status.PASS, "ok"),), error="empty file")
    assert parsed(Report((file,), SAMPLE_RULES))["files"] == [
        {"path": "x/Dockerfile", "patterns": {}, "findings": [], "error": "empty file"}
    ]


def test_missing_patterns_are_not_checked_and_unknown_ones_come_last():
    file = FileReport("image.tar", patterns=(PatternResult("layer_waste", Status.WARN, "12 MB", (3,)),
                                             PatternResult("healthcheck", Status.PASS, "30s/30s/0s")), kind="image")
    patterns = parsed(Report((file,), ()))["files"][0]["patterns"]
    assert list(patterns) == ["non_root_user", "healthcheck", "env_config", "chown", "multi_stage",
                              "no_secrets", "exec_form", "no_build_tools", "layer_waste"]
    assert patterns["non_root_user"] == {"status": "not_checked", "detail": "", "lines": []}
    assert patterns["healthcheck"] == {"status": "pass", "detail": "30s/30s/0s", "lines": []}
    assert patterns["layer_waste"] == {"status": "warn", "detail": "12 MB", "lines": [3]}


def test_layout_is_two_space_indent_with_trailing_newline_and_non_ascii_kept():
    file = FileReport("ü/Dockerfile")
    text = FORMATS["json"](Report((file,), ()))
    assert text.startswith('{\n  "files": [\n    {\n      "path": "ü/Dockerfile",')
    assert text.endswith("}\n")


def test_json_golden(sample_report, golden):
    golden("report.json", FORMATS["json"](sample_report))
