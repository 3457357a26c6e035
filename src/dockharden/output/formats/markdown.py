"""The findings as a markdown document, one section per file."""
from __future__ import annotations

from dockharden.output.formats.common import code_span, line_span, sorted_findings, summary_line, table_cell
from dockharden.core.vocabulary import FileReport, Finding, Report

TABLE_HEADER = ["| Line | Rule | Severity | Message |", "|------|------|----------|---------|"]


def render(report: Report) -> str:
    sections = [file_section(file) for file in report.files]
    return "\n\n".join(["# dockharden findings", summary_line(report), *sections]) + "\n"


def file_section(file: FileReport) -> str:
    heading = f"## {code_span(file.path)}"
    if file.error is not None:
        return f"{heading}\n\n**Not checked:** {table_cell(file.error)}"
    findings = sorted_findings(file)
    if not findings:
        return f"{heading}\n\nNo findings."
    return "\n".join([heading, "", *TABLE_HEADER, *(finding_row(finding) for finding in findings)])


def finding_row(finding: Finding) -> str:
    rule = finding.rule
    rule_cell = f"{rule.code} {code_span(rule.name)}"
    cells = [line_span(finding) or "-", rule_cell, rule.severity.label, table_cell(finding.message)]
    return "| " + " | ".join(cells) + " |"
