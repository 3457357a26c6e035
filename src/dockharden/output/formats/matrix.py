"""The verification matrix as the specification's markdown table: a row per file, a column per pattern."""
from __future__ import annotations

from dockharden.output.formats.common import STATUS_WORDS as WORDS, code_span, ordered_patterns, table_cell
from dockharden.core.vocabulary import PATTERN_TITLES, PATTERNS, PRODUCTION_ONLY_PATTERNS, FileReport, PatternResult, Report, Status

ICONS = {Status.PASS: "✅", Status.WARN: "⚠️", Status.FAIL: "❌", Status.NOT_CHECKED: "➖"}
DEVELOPMENT = ("*development only*: a Dockerfile for development, and what says so; "
               + ", ".join(PATTERN_TITLES[p] for p in PATTERNS if p in PRODUCTION_ONLY_PATTERNS)
               + " are not required of it (marked \"not required for development\").")
LEGEND = "Legend: " + " · ".join(f"{ICONS[status]} {WORDS[status]}" for status in Status)


def render_markdown(report: Report) -> str:
    columns = matrix_columns(report)
    header = ["| File | " + " | ".join(PATTERN_TITLES.get(name, name) for name in columns) + " |"]
    header.append("|" + "|".join("---" for _ in range(len(columns) + 1)) + "|")
    rows = [matrix_row(file, columns) for file in report.files]
    development = ["", DEVELOPMENT] if any(_development(file) is not None for file in report.files) else []
    return "\n".join(header + rows + ["", LEGEND, *development, *error_lines(report)]) + "\n"


def matrix_columns(report: Report) -> list[str]:
    """PATTERNS first, then any other pattern a file reported, in first-seen order."""
    extra = [r.pattern for file in report.files for r in ordered_patterns(file) if r.pattern not in PATTERNS]
    return list(PATTERNS) + list(dict.fromkeys(extra))


def matrix_row(file: FileReport, columns: list[str]) -> str:
    results = {result.pattern: result for result in ordered_patterns(file)}
    development = _development(file)
    cells = [cell(results.get(name), development is not None and name in PRODUCTION_ONLY_PATTERNS) for name in columns]
    mark = f" *(development only: {table_cell(development)})*" if development is not None else ""
    return f"| {code_span(file.path)}{mark} | " + " | ".join(cells) + " |"


def _development(file: FileReport) -> str | None:
    """What says the file is for development (lint's `development` fact), or None."""
    return dict(file.facts).get("development")


def cell(result: PatternResult | None, not_required: bool = False) -> str:
    status = result.status if result else Status.NOT_CHECKED
    detail = table_cell(result.detail) if result else ""
    return f"{ICONS[status]} {detail or WORDS[status]}" + (" (not required for development)" if not_required else "")


def error_lines(report: Report) -> list[str]:
    errors = [f"- {code_span(file.path)}: {table_cell(file.error)}" for file in report.files if file.error is not None]
    return ["", "Not checked:", *errors] if errors else []
