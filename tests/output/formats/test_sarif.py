from __future__ import annotations

import json


import dockharden
from dockharden.output.docs import render_rule_doc
from dockharden.output.formats import FORMATS
from dockharden.core.vocabulary import FileReport, Finding, Report, Rule, Severity

from .conftest import CHOWN_AFTER_COPY, PIP_CACHE, ROOT_USER, SAMPLE_RULES


def sarif(report: Report) -> dict:
    return json.loads(FORMATS["sarif"](report))


def test_sample_validates_against_the_sarif_schema(sample_report, sarif_validator):
    sarif_validator.validate(sarif(sample_report))


def test_empty_report_validates(sarif_validator):
    sarif_validator.validate(sarif(Report((), ())))


def test_schema_rejects_a_broken_log(sample_report, sarif_validator):
    log = sarif(sample_report)
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert not sarif_validator.is_valid(log)


def test_driver_metadata(sample_report):
    driver = sarif(sample_report)["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("dockharden", dockharden.__version__)
    assert [rule["id"] for rule in driver["rules"]] == ["DH001", "DH010", "DH040", "DH101"]
    assert driver["rules"][0] == {
        "id": "DH001",
        "name": "root-user",
        "shortDescription": {"text": "The final stage runs as root."},
        "fullDescription": {"text": "Checks that the final stage runs as a non-root user."},
        "help": {"text": render_rule_doc(ROOT_USER), "markdown": render_rule_doc(ROOT_USER)},
        "defaultConfiguration": {"level": "error"},
        "properties": {"pattern": "non_root_user"},
    }
    assert driver["rules"][3]["defaultConfiguration"] == {"level": "note"}
    assert "properties" not in driver["rules"][3]


def test_results_point_at_their_rules_and_lines(sample_report):
    results = sarif(sample_report)["runs"][0]["results"]
    summary = [(r["ruleId"], r["ruleIndex"], r["level"], r["locations"][0]["physicalLocation"]) for r in results]
    location = {"artifactLocation": {"uri": "legacy/Dockerfile"}}
    assert summary == [
        ("DH001", 0, "error", {**location, "region": {"startLine": 3, "endLine": 3}}),
        ("DH101", 3, "note", {**location, "region": {"startLine": 7, "endLine": 9}}),
        ("DH010", 1, "warning", {**location, "region": {"startLine": 12, "endLine": 12}}),
    ]
    assert results[1]["message"] == {"text": 'pip install keeps its cache | add --no-cache-dir <flag> & "quote"'}


def test_unreadable_files_are_notifications_not_results(sample_report):
    invocation = sarif(sample_report)["runs"][0]["invocations"][0]
    assert invocation == {
        "executionSuccessful": False,
        "toolExecutionNotifications": [{
            "level": "error",
            "message": {"text": "broken/Dockerfile.dev: line 4: unterminated heredoc <<EOF"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "broken/Dockerfile.dev"}}}],
        }],
    }


def test_overridden_severity_sets_result_level_and_unlisted_rules_are_appended(sarif_validator):
    demoted = Finding(ROOT_USER, 2, "root").with_severity(Severity.WARNING)
    stray_rule = Rule("DH999", "stray", None, Severity.ERROR, "Not in the report's rules.", "")
    file = FileReport("my dir/Dockerfile", (demoted, Finding(stray_rule, 5, "x")))
    log = sarif(Report((file,), (PIP_CACHE, ROOT_USER)))
    sarif_validator.validate(log)
    run = log["runs"][0]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == ["DH101", "DH001", "DH999"]
    assert [(r["ruleIndex"], r["level"]) for r in run["results"]] == [(1, "warning"), (2, "error")]
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "my%20dir/Dockerfile"}
    assert run["tool"]["driver"]["rules"][2]["fullDescription"] == {"text": "Not in the report's rules."}


def test_absolute_paths_become_file_uris():
    log = sarif(Report((FileReport("/srv/app/Dockerfile", (Finding(ROOT_USER, 1, "root"),)),), SAMPLE_RULES))
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "file:///srv/app/Dockerfile"}


def physical_locations(log: dict) -> list[dict]:
    return [place["physicalLocation"] for result in log["runs"][0]["results"] for place in result["locations"]]


def test_every_result_of_an_image_has_a_file_and_a_region(sarif_validator):
    """GitHub code scanning rejects a result without a physical location (dockle's image
    SARIF is rejected for that): a finding about the whole image points at line 1."""
    findings = (Finding(ROOT_USER, 0, "the image runs as root"), Finding(CHOWN_AFTER_COPY, 7, "step 7 stores files again"))
    image = FileReport("registry.example/team/api:1.4", findings, kind="image")
    log = sarif(Report((image,), SAMPLE_RULES))
    sarif_validator.validate(log)
    assert physical_locations(log) == [
        {"artifactLocation": {"uri": "registry.example/team/api%3A1.4"}, "region": {"startLine": 1, "endLine": 1}},
        {"artifactLocation": {"uri": "registry.example/team/api%3A1.4"}, "region": {"startLine": 7, "endLine": 7}},
    ]


def test_sarif_golden(sample_report, golden):
    golden("report.sarif", FORMATS["sarif"](sample_report))


def test_a_fix_becomes_a_sarif_fix_with_its_replacements(sarif_validator):
    from dockharden.core.vocabulary import Edit, Fix, Safety

    fix = Fix((Edit(30, 30, " --no-cache-dir"), Edit(40, 45, "")), Safety.SAFE, "add --no-cache-dir to pip install")
    finding = Finding(PIP_CACHE, 2, "pip keeps its cache", fix=fix)
    log = sarif(Report((FileReport("app/Dockerfile", (finding,)),), SAMPLE_RULES))
    sarif_validator.validate(log)
    assert log["runs"][0]["results"][0]["fixes"] == [{
        "description": {"text": "add --no-cache-dir to pip install (safe)"},
        "artifactChanges": [{
            "artifactLocation": {"uri": "app/Dockerfile"},
            "replacements": [
                {"deletedRegion": {"charOffset": 30, "charLength": 0}, "insertedContent": {"text": " --no-cache-dir"}},
                {"deletedRegion": {"charOffset": 40, "charLength": 5}, "insertedContent": {"text": ""}},
            ],
        }],
    }]


def test_a_finding_without_a_fix_has_no_fixes(sample_report):
    assert all("fixes" not in result for result in sarif(sample_report)["runs"][0]["results"])
