"""The findings as a markdown document, one section per file."""
from __future__ import annotations

from dockharden.output.formats.common import (
    STATUS_WORDS, code_span, line_span, sorted_findings, summary_line, table_cell, used_in,
)
from dockharden.core.vocabulary import FileReport, Finding, Report, Step

TABLE_HEADER = ["| Line | Rule | Severity | Message |", "|------|------|----------|---------|"]
STEPS_HEADER = ["| Step | Checked | Verdict | Seen | Command |", "|------|---------|---------|------|---------|"]


def render(report: Report) -> str:
    sections = [file_section(file) for file in report.files]
    return "\n\n".join(["# dockharden findings", summary_line(report), *sections]) + "\n"


def file_section(file: FileReport) -> str:
    places = used_in(file)
    heading = f"## {code_span(file.path)}" + (f"\n\n**Used in:** {'; '.join(map(table_cell, places))}" if places else "")
    if file.error is not None:
        return f"{heading}\n\n**Not checked:** {table_cell(file.error)}"
    steps = [*STEPS_HEADER, *(step_row(step) for step in file.steps), ""] if file.steps else []
    findings = sorted_findings(file)
    if not findings:
        return "\n".join([heading, "", *steps, "No findings."])
    return "\n".join([heading, "", *steps, *TABLE_HEADER, *(finding_row(finding) for finding in findings)])


def step_row(step: Step) -> str:
    command = code_span(" ".join(step.executed.split())).replace("|", "\\|") if step.executed else "-"
    cells = [str(step.number), table_cell(step.title), STATUS_WORDS[step.verdict], table_cell(step.detail) or "-", command]
    return "| " + " | ".join(cells) + " |"


def finding_row(finding: Finding) -> str:
    rule = finding.rule
    rule_cell = f"{rule.code} {code_span(rule.name)}"
    cells = [line_span(finding) or "-", rule_cell, rule.severity.label, table_cell(finding.message)]
    return "| " + " | ".join(cells) + " |"
