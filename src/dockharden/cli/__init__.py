"""The `dockharden` command line. Heavy imports stay inside commands to keep start-up fast."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
LINT_FORMATS = ("text", "json", "sarif", "junit", "markdown")


# Commands that live in their own modules, imported only when run.
LAZY_COMMANDS = {
    "new": "dockharden.cli.new:new",
    "inspect": "dockharden.cli.inspect:inspect",
    "verify": "dockharden.cli.verify:verify",
    "report": "dockharden.cli.report:report",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted(set(super().list_commands(ctx)) | {n for n, t in LAZY_COMMANDS.items() if _module_exists(t)})

    def get_command(self, ctx, name):
        target = LAZY_COMMANDS.get(name)
        if target is None or not _module_exists(target):
            return super().get_command(ctx, name)
        import importlib

        module, _, attribute = target.partition(":")
        return getattr(importlib.import_module(module), attribute)


def _module_exists(target: str) -> bool:
    from importlib.util import find_spec

    try:
        return find_spec(target.partition(":")[0]) is not None
    except ModuleNotFoundError:
        return False


def _print_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from importlib.metadata import version

    from dockharden.core.compiled import build_description

    click.echo(f"dockharden, version {version('dockharden')} ({build_description()})")
    ctx.exit()


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version, help="Show the version and exit.")
def cli() -> None:
    """Make container images for Python and AI/ML services production-hardened, and prove it.

    \b
    Exit codes:
      0    clean: no finding at or above the threshold
      1    findings at or above the threshold
      2    usage or input errors (one line on stderr naming the file and line)
      3    internal error
      130  interrupted (Ctrl-C or SIGTERM)
    """


def settings_from(config: Path | None, start: Path, **overrides):
    from dockharden.core.config import ConfigError, find_config, load_settings, with_overrides

    try:
        settings = load_settings(config if config is not None else find_config(start))
    except ConfigError as error:
        raise click.ClickException(str(error)) from None
    return with_overrides(settings, **overrides)


def _lint_report(paths: tuple[Path, ...], settings):
    from dockharden.checks.catalog import LINT_RULES
    from dockharden.dockerfile.discover import discover, path_kind
    from dockharden.checks.lint import lint_files
    from dockharden.core.vocabulary import FileReport, Report

    found, errors = discover(list(paths))
    files = lint_files(found, settings) + tuple(FileReport(path, error=message, kind=path_kind(message)) for path, message in errors)
    return Report(files, LINT_RULES, settings.threshold)


def exit_code(report) -> int:
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
    if fmt == "text" and color:
        from dockharden.output.formats import render_text

        return render_text(report, color=True)
    from dockharden.output.formats import FORMATS

    return FORMATS[fmt](report)


def _print_errors(report, fmt: str) -> None:
    if fmt == "text":
        return  # the text report shows them in place
    from dockharden.core.printable import printable

    for file in report.files:
        if file.error is not None:
            click.echo(f"{printable(file.path)}: error: {printable(file.error)}", err=True)


common_options = [
    click.option("--config", type=click.Path(path_type=Path, dir_okay=False), help="A .dockharden.toml or pyproject.toml."),
    click.option("--threshold", type=click.Choice(["info", "warning", "error"]), help="Lowest severity that fails the run."),
    click.option("--disable", multiple=True, help="Rule code or name to switch off (repeatable)."),
    click.option("--required-uid", type=int, help="The UID the final user must have (default 1000)."),
    click.option("--target", help="The build stage to check (default: the last)."),
]


def with_common_options(function):
    for option in reversed(common_options):
        function = option(function)
    return function


def load_options(config, threshold, disable, required_uid, target=None, **more):
    """Settings from the config file, with the command line's options on top (None: not given)."""
    from dockharden.core.config import with_overrides
    from dockharden.core.vocabulary import Severity

    base = settings_from(config, Path.cwd())
    return with_overrides(
        base,
        threshold=Severity.parse(threshold) if threshold else None,
        disabled=base.disabled | frozenset(disable) if disable else None,
        required_uid=required_uid,
        target=target,
        **more,
    )


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(LINT_FORMATS), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), help="Write the report to a file.")
@click.option("--color/--no-color", default=None, help="Colour text output (default: on a terminal, unless NO_COLOR).")
@with_common_options
def lint(paths, fmt, output, color, config, threshold, disable, required_uid, target):
    """Check Dockerfiles (files or directories) against the hardening patterns."""
    settings = load_options(config, threshold, disable, required_uid, target)
    report = _lint_report(paths, settings)
    color = use_color(color, output)
    write_output(render_report(report, fmt, color), output, color and fmt == "text")
    _print_errors(report, fmt)
    sys.exit(exit_code(report))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), help="Write the matrix to a file.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when patterns fail (input errors still exit 2).")
@with_common_options
def matrix(paths, fmt, output, exit_zero, config, threshold, disable, required_uid, target):
    """Print the verification matrix: one row per Dockerfile, one column per pattern."""
    from dockharden.output.formats import MATRIX_FORMATS

    settings = load_options(config, threshold, disable, required_uid, target)
    report = _lint_report(paths, settings)
    write_output(MATRIX_FORMATS[fmt](report), output)
    _print_errors(report, "json")
    code = exit_code(report)
    sys.exit(EXIT_OK if exit_zero and code == EXIT_FINDINGS else code)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
def rules(fmt):
    """List every rule: code, name, pattern, severity and summary."""
    from dockharden.checks.catalog import all_rules
    from dockharden.output.listing import LISTINGS

    click.echo(LISTINGS[fmt](all_rules()), nl=False)


@cli.command()
@click.argument("code")
def rule(code):
    """Print one rule's documentation (by code or name)."""
    from dockharden.checks.catalog import by_key
    from dockharden.checks.fixability import fix_safety
    from dockharden.output.docs import render_rule_doc

    found = by_key().get(code.upper()) or by_key().get(code.lower())
    if found is None:
        raise click.ClickException(f"unknown rule {code!r}; `dockharden rules` lists them")
    click.echo(render_rule_doc(found, fix_safety(found)), nl=False)


def main() -> None:
    try:
        cli.main(args=sys.argv[1:] or ["--help"], standalone_mode=False)  # no command: the help, as `docker` prints it
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as error:
        from dockharden.core.printable import printable

        click.echo(f"dockharden: error: {printable(error.format_message())}", err=True)
        sys.exit(EXIT_INPUT)
    except click.exceptions.Abort:
        click.echo("dockharden: interrupted", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        click.echo("dockharden: interrupted", err=True)
        sys.exit(130)
    except Exception as error:  # never a traceback: one line and a distinct exit code
        click.echo(f"dockharden: internal error: {type(error).__name__}: {error}", err=True)
        sys.exit(EXIT_INTERNAL)
