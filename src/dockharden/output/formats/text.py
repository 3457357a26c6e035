"""Human-readable findings, one line each; rich colours them only when asked."""
from __future__ import annotations

from dockharden.core.printable import printable
from dockharden.core.vocabulary import FileReport, Finding, Report, Severity, Status, Step
from dockharden.output.formats.common import STATUS_WORDS, sorted_findings, summary_line, used_in, where

SEVERITY_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
VERDICT_STYLES = {Status.PASS: "green", Status.WARN: "yellow", Status.FAIL: "bold red", Status.NOT_CHECKED: "dim"}
Segments = list[tuple[str, str]]  # (text, rich style)


def render(report: Report) -> str:
    return "".join("".join(text for text, _ in line) + "\n" for line in report_lines(report))


def render_text(report: Report, color: bool) -> str:
    if not color:
        return render(report)
    from io import StringIO

    from rich.console import Console
    from rich.text import Text

    # An empty environment keeps the output independent of NO_COLOR, COLUMNS and TERM:
    # whether to colour is the caller's decision.
    buffer = StringIO()
    console = Console(
        file=buffer, force_terminal=True, color_system="standard", width=120, highlight=False,
        markup=False, emoji=False, legacy_windows=False, _environ={},
    )
    for line in report_lines(report):
        console.print(Text.assemble(*line), soft_wrap=True)
    return buffer.getvalue()


def report_lines(report: Report) -> list[Segments]:
    lines = [line for file in report.files for line in file_lines(file)]
    return lines + [[(summary_line(report), "bold")]]


def file_lines(file: FileReport) -> list[Segments]:
    used = [[(printable(file.path), "bold"), (f": used in {printable(place)}", "dim")] for place in used_in(file)]
    if file.error is not None:
        return used + [[(printable(file.path), "bold"), (": ", ""), ("error", "bold red"), (f": {printable(file.error)}", "")]]
    steps = [line for step in file.steps for line in step_lines(file.path, step)]
    return used + steps + [finding_line(file.path, finding) for finding in sorted_findings(file)]


def step_lines(path: str, step: Step) -> list[Segments]:
    """What a verify step checked and saw, then the command that ran, indented."""
    head = [
        (f"{printable(path)}: step {step.number}", "bold"), (" ", ""), (printable(step.title), ""), (" ", ""),
        (f"[{STATUS_WORDS[step.verdict]}]", VERDICT_STYLES[step.verdict]), (" ", ""), (printable(step.detail), ""),
    ]
    return [head, [("    $ " + printable(step.executed), "dim")]] if step.executed else [head]


def finding_line(path: str, finding: Finding) -> Segments:
    style = SEVERITY_STYLES[finding.rule.severity]
    return [
        (where(printable(path), finding), "bold"), (" ", ""),
        (finding.rule.code, style), (" ", ""),
        (finding.rule.name, "dim"), (" ", ""),
        (f"[{finding.rule.severity.label}]", style), (" ", ""),
        (printable(finding.message), ""),
    ]
