"""JUnit XML: a testsuite per file, a testcase per finding and per rule that passed."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from dockharden.output.formats.common import line_span, sorted_findings, used_in, where
from dockharden.core.vocabulary import FileReport, Finding, Report, Severity

# Characters XML 1.0 cannot carry even escaped; a Dockerfile's text can hold them.
NOT_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render(report: Report) -> str:
    suites = [testsuite(file, report) for file in report.files]
    root = ET.Element("testsuites", {"name": "dockharden", **counts(suites)})
    root.extend(suites)
    ET.indent(root, space="  ")
    body = NOT_XML_CHARS.sub("\ufffd", ET.tostring(root, encoding="unicode"))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def counts(elements: list[ET.Element]) -> dict[str, str]:
    keys = ("tests", "failures", "errors")
    return {key: str(sum(int(element.get(key, "0")) for element in elements)) for key in keys}


def testsuite(file: FileReport, report: Report) -> ET.Element:
    cases = [unreadable_case(file)] if file.error is not None else checked_cases(file, report)
    suite = ET.Element("testsuite", name=file.path, tests=str(len(cases)))
    suite.set("failures", str(sum(case.find("failure") is not None for case in cases)))
    suite.set("errors", str(sum(case.find("error") is not None for case in cases)))
    if places := used_in(file):  # the suite is the image: its properties come before its cases (JUnit's XSD)
        properties = ET.SubElement(suite, "properties")
        for place in places:
            ET.SubElement(properties, "property", name="used_in", value=place)
    suite.extend(cases)
    return suite


def unreadable_case(file: FileReport) -> ET.Element:
    case = ET.Element("testcase", classname=file.path, name="read and parse")
    ET.SubElement(case, "error", type="error", message=file.error or "")
    return case


def checked_cases(file: FileReport, report: Report) -> list[ET.Element]:
    flagged = {finding.rule.code for finding in file.findings}
    passed = [rule for rule in report.rules if rule.code not in flagged]
    finding_cases = [finding_case(file.path, finding, report.threshold) for finding in sorted_findings(file)]
    return finding_cases + [ET.Element("testcase", classname=file.path, name=f"{r.code} {r.name}") for r in passed]


def finding_case(path: str, finding: Finding, threshold: Severity) -> ET.Element:
    rule = finding.rule
    span = line_span(finding)
    lines = "line" if finding.last_line == finding.line else "lines"
    name = f"{rule.code} {rule.name} ({lines} {span})" if span else f"{rule.code} {rule.name}"
    case = ET.Element("testcase", classname=path, name=name)
    text = f"{where(path, finding)}: {finding.message}"
    if rule.severity >= threshold:
        ET.SubElement(case, "failure", type=rule.severity.label, message=finding.message).text = text
    else:
        ET.SubElement(case, "system-out").text = text
    return case
