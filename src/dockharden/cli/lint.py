"""`dockharden lint` and `dockharden matrix`: Dockerfiles against the hardening patterns."""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import click

from dockharden.cli.options import cores, load_settings, report_options, settings_options
from dockharden.cli.output import EXIT_FINDINGS, EXIT_OK, emit, exit_code, print_errors, write_output


def lint_report(paths: tuple[Path, ...], settings, jobs: int | None = None):
    """Every Dockerfile the paths name or hold, linted (on `jobs` cores, default all of them,
    where there are files enough); a path that gives none is an error entry."""
    from dockharden.checks.catalog import LINT_RULES
    from dockharden.checks.lint import lint_files
    from dockharden.core.vocabulary import FileReport, Report
    from dockharden.dockerfile.discover import discover, path_kind

    found, errors = discover(list(paths))
    files = lint_files(found, settings, jobs or cores()) + tuple(FileReport(path, error=message, kind=path_kind(message)) for path, message in errors)
    return Report(files, LINT_RULES, settings.threshold)


JOBS = click.option("--jobs", "-j", type=click.IntRange(min=1),
                    help="Worker processes for many files (default: one per core; 1 lints in this process).")


def _fixed_report(paths: tuple[Path, ...], settings, unsafe: bool):
    """The report of the files after their fixes were written; how many were fixed on stderr."""
    from dockharden.checks.fixing import Choice
    from dockharden.cli.fix import fix_paths, report_of

    results = fix_paths(paths, Choice(unsafe=unsafe), settings, write=True)
    fixed = sum(len(r.applied) for r in results if r.error is None)
    click.echo(f"dockharden: fixed {fixed} finding{'' if fixed == 1 else 's'} in {sum(1 for r in results if r.changed)} file(s)", err=True)
    return report_of(results, settings)


def _require_shellcheck() -> None:
    from dockharden.checks.shellcheck import INSTALL, PROGRAM
    from dockharden.core.external import find_program

    if find_program(PROGRAM) is None:
        raise click.ClickException(f"--shellcheck: {PROGRAM} is not installed ({INSTALL})")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@report_options
@click.option("--shellcheck", is_flag=True, default=None, help="Also run ShellCheck on each RUN script (findings as SC codes).")
@click.option("--fix", "fix_files", is_flag=True, help="Apply the safe fixes first (as `dockharden fix`), then report what is left.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix: apply the unsafe fixes too.")
@JOBS
@settings_options()
def lint(paths, fmt, output, color, shellcheck, fix_files, unsafe_fixes, jobs, config, threshold, disable, enable, required_uid, target):
    """Check Dockerfiles (files or directories) against the hardening patterns."""
    settings = load_settings(config, threshold, disable, enable, required_uid, target, shellcheck=shellcheck)
    if settings.shellcheck:
        _require_shellcheck()
    if unsafe_fixes and not fix_files:
        raise click.UsageError("--unsafe-fixes needs --fix")
    if fmt == "sarif":  # SARIF results carry their fixes
        settings = replace(settings, fixes=True)
    report = _fixed_report(paths, settings, unsafe_fixes) if fix_files else lint_report(paths, settings, jobs)
    emit(report, fmt, output, color)
    print_errors(report, fmt)
    sys.exit(exit_code(report))


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), help="Write the matrix to a file.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when patterns fail (input errors still exit 2).")
@JOBS
@settings_options()
def matrix(paths, fmt, output, exit_zero, jobs, config, threshold, disable, enable, required_uid, target):
    """Print the verification matrix: one row per Dockerfile, one column per pattern."""
    from dockharden.output.formats import MATRIX_FORMATS

    settings = load_settings(config, threshold, disable, enable, required_uid, target)
    report = lint_report(paths, settings, jobs)
    write_output(MATRIX_FORMATS[fmt](report), output)
    print_errors(report, "json")
    code = exit_code(report)
    sys.exit(EXIT_OK if exit_zero and code == EXIT_FINDINGS else code)
