"""The verification matrix as the specification's markdown table: a row per file, a column per pattern."""
from __future__ import annotations

from dockharden.output.formats.common import STATUS_WORDS as WORDS, code_span, ordered_patterns, table_cell
from dockharden.core.vocabulary import PATTERN_TITLES, PATTERNS, FileReport, PatternResult, Report, Status

ICONS = {Status.PASS: "✅", Status.WARN: "⚠️", Status.FAIL: "❌", Status.NOT_CHECKED: "➖"}
LEGEND = "Legend: " + " · ".join(f"{ICONS[status]} {WORDS[status]}" for status in Status)


def render_markdown(report: Report) -> str:
    columns = matrix_columns(report)
    header = ["| File | " + " | ".join(PATTERN_TITLES.get(name, name) for name in columns) + " |"]
    header.append("|" + "|".join("---" for _ in range(len(columns) + 1)) + "|")
    rows = [matrix_row(file, columns) for file in report.files]
    return "\n".join(header + rows + ["", LEGEND, *error_lines(report)]) + "\n"


def matrix_columns(report: Report) -> list[str]:
    """PATTERNS first, then any other pattern a file reported, in first-seen order."""
    extra = [r.pattern for file in report.files for r in ordered_patterns(file) if r.pattern not in PATTERNS]
    return list(PATTERNS) + list(dict.fromkeys(extra))


def matrix_row(file: FileReport, columns: list[str]) -> str:
    results = {result.pattern: result for result in ordered_patterns(file)}
    cells = [cell(results.get(name)) for name in columns]
    return f"| {code_span(file.path)} | " + " | ".join(cells) + " |"


def cell(result: PatternResult | None) -> str:
    status = result.status if result else Status.NOT_CHECKED
    detail = table_cell(result.detail) if result else ""
    return f"{ICONS[status]} {detail or WORDS[status]}"


def error_lines(report: Report) -> list[str]:
    errors = [f"- {code_span(file.path)}: {table_cell(file.error)}" for file in report.files if file.error is not None]
    return ["", "Not checked:", *errors] if errors else []
