from __future__ import annotations

import xml.etree.ElementTree as ET

from dockharden.output.formats import FORMATS
from dockharden.core.vocabulary import FileReport, Report, Severity


def parsed(report: Report) -> ET.Element:
    return ET.fromstring(FORMATS["junit"](report).encode("utf-8"))


def test_totals_add_up(sample_report):
    root = parsed(sample_report)
    assert root.tag == "testsuites"
    assert dict(root.attrib) == {"name": "dockharden", "tests": "9", "failures": "2", "errors": "1"}
    suites = [(s.get("name"), s.get("tests"), s.get("failures"), s.get("errors")) for s in root]
    assert suites == [
        ("legacy/Dockerfile", "4", "2", "0"),
        ("services/api/Dockerfile", "4", "0", "0"),
        ("broken/Dockerfile.dev", "1", "0", "1"),
    ]


def test_findings_and_passing_rules_become_testcases(sample_report):
    legacy = parsed(sample_report)[0]
    cases = [(case.get("name"), [child.tag for child in case]) for case in legacy]
    assert cases == [
        ("DH001 root-user (line 3)", ["failure"]),
        ("DH101 pip-cache-kept (lines 7-9)", ["system-out"]),
        ("DH010 missing-healthcheck (line 12)", ["failure"]),
        ("DH040 chown-after-copy", []),
    ]
    failure = legacy[2].find("failure")
    assert failure.attrib == {"type": "warning", "message": 'no HEALTHCHECK in the final stage "runtime"'}
    assert failure.text == 'legacy/Dockerfile:12: no HEALTHCHECK in the final stage "runtime"'
    assert legacy[1].find("system-out").text.endswith('<flag> & "quote"')


def test_unreadable_file_is_an_error_case(sample_report):
    case = parsed(sample_report)[2].find("testcase")
    assert case.get("name") == "read and parse"
    assert case.find("error").get("message") == "line 4: unterminated heredoc <<EOF"


def test_threshold_decides_what_fails(sample_report):
    strict = Report(sample_report.files, sample_report.rules, threshold=Severity.ERROR)
    assert parsed(strict).get("failures") == "1"
    lenient = Report(sample_report.files, sample_report.rules, threshold=Severity.INFO)
    assert parsed(lenient).get("failures") == "3"


def test_declaration_and_golden(sample_report, golden):
    text = FORMATS["junit"](sample_report)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')
    golden("report.junit.xml", text)


def test_control_characters_still_give_well_formed_xml():
    report = Report((FileReport("bad\x01name", error="NUL \x00 and ESC \x1b in the file"),), ())
    case = parsed(report)[0].find("testcase")
    assert case.get("classname") == "bad\ufffdname"
    assert case.find("error").get("message") == "NUL \ufffd and ESC \ufffd in the file"
