"""What every command does with its result: exit codes, rendering, writing."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


def exit_code(report) -> int:
    """2 when a subject could not be checked, 1 when findings reach the threshold, else 0."""
    if any(f.error is not None for f in report.files):
        return EXIT_INPUT
    worst = [f.rule.severity for file in report.files for f in file.findings]
    return EXIT_FINDINGS if worst and max(worst) >= report.threshold else EXIT_OK


def write_output(text: str, output: Path | None, color: bool = False) -> None:
    """Print, or write the whole file at once so no half-written file is ever left."""
    if output is None:
        click.echo(text, nl=not text.endswith("\n"), color=color)
        return
    from dockharden.core.atomic import write_atomic

    try:
        write_atomic(output, text)
    except OSError as error:
        raise click.ClickException(f"{output}: cannot write: {error.strerror or error}") from None


def use_color(color: bool | None, output: Path | None) -> bool:
    if color is not None:
        return color
    return output is None and "NO_COLOR" not in os.environ and sys.stdout.isatty()


def render_report(report, fmt: str, color: bool) -> str:
    from dockharden.output.formats import FORMATS, colored_text

    return colored_text(report) if fmt == "text" and color else FORMATS[fmt](report)


def emit(report, fmt: str, output: Path | None, color: bool | None) -> None:
    """Render the report in the format asked for and print or write it."""
    colored = use_color(color, output)
    write_output(render_report(report, fmt, colored), output, colored and fmt == "text")


def print_errors(report, fmt: str) -> None:
    """Subjects that could not be checked, one line each on stderr (the text report shows them in place)."""
    if fmt == "text":
        return
    from dockharden.core.printable import printable

    for file in report.files:
        if file.error is not None:
            click.echo(f"{printable(file.path)}: error: {printable(file.error)}", err=True)
