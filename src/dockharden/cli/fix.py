"""`dockharden fix`: apply the fixes that lint's findings carry, in place and atomically."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from dockharden.cli.options import load_settings, settings_options
from dockharden.cli.output import EXIT_FINDINGS, EXIT_INPUT, exit_code


def fix_paths(paths: tuple[Path, ...], choice, settings, write: bool, matrix: bool = True):
    """Every Dockerfile the paths name or hold, fixed (and rewritten when `write` and a fix
    applied); a path that gives none, or a file that cannot be fixed, is a result with its
    error. Without `matrix` the reports have no patterns (`fix` prints none)."""
    from dockharden.checks.fixing import FixResult, fix_files
    from dockharden.core.vocabulary import FileReport
    from dockharden.dockerfile.discover import discover, path_kind

    found, errors = discover(list(paths))
    results = fix_files(found, choice, settings, matrix)
    if write:
        results = [written(result, path) for result, path in zip(results, found)]
    return results + [FixResult(p, "", "", (), FileReport(p, error=m, kind=path_kind(m))) for p, m in errors]


def written(result, path: Path):
    """The result, after writing its fixed text over the file (through a symlink to its
    target); a file that cannot be written becomes an error and keeps its old text."""
    from dataclasses import replace

    from dockharden.core.atomic import write_atomic

    if result.error is not None or not result.changed:
        return result
    try:
        write_atomic(Path(os.path.realpath(path)), result.written_text())
    except OSError as error:
        return replace(result, report=replace(result.report, error=f"cannot write: {error.strerror or error}"), fixed=result.original, applied=())
    return result


def parse_codes(text: str | None) -> frozenset[str]:
    """Rule codes or names, comma-separated, in lower case (as Choice compares them)."""
    return frozenset(part.strip().lower() for part in (text or "").split(",") if part.strip())


def report_of(results, settings):
    from dockharden.checks.catalog import LINT_RULES
    from dockharden.core.vocabulary import Report

    return Report(tuple(r.report for r in results), LINT_RULES, settings.threshold)


def print_errors(results) -> None:
    from dockharden.core.printable import printable

    for result in results:
        if result.error is not None:
            click.echo(f"{printable(result.path)}: error: {printable(result.error)}", err=True)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--unsafe", is_flag=True, help="Also apply unsafe fixes, which change what runs (a new user, a health probe).")
@click.option("--diff", is_flag=True, help="Print a unified diff of the fixes and write nothing.")
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 when a fix is available.")
@click.option("--select", help="Fix only these rules (codes or names, comma-separated).")
@click.option("--ignore", help="Do not fix these rules (codes or names, comma-separated).")
@settings_options()
def fix(paths, unsafe, diff, check_only, select, ignore, config, threshold, disable, enable, required_uid, target):
    """Rewrite Dockerfiles with the fixes of their findings (safe ones; --unsafe for all).

    \b
    Exit codes: 0 nothing left at or above the threshold, 1 findings left (with --check:
    also when a fix is available), 2 input errors (such a file is never written), 3 internal.
    """
    from dockharden.checks.fixing import Choice
    from dockharden.output.fixes import render_diff, render_summary

    settings = load_settings(config, threshold, disable, enable, required_uid, target)
    choice = Choice(unsafe, parse_codes(select), parse_codes(ignore))
    write = not (diff or check_only)
    results = fix_paths(paths, choice, settings, write, matrix=False)
    if diff:
        click.echo(render_diff(results), nl=False)
    click.echo(render_summary(results, write), nl=False, err=diff)
    print_errors(results)
    code = exit_code(report_of(results, settings))
    if check_only and code != EXIT_INPUT and any(r.changed for r in results):
        code = EXIT_FINDINGS
    sys.exit(code)
