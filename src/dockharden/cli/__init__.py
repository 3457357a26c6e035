"""The `dockharden` command line: one module per command, shared options (options.py), exit
codes and output (output.py). Command modules import what they run inside the command's
function, so `dockharden lint` starts without loading the image reader or the engine SDK."""
from __future__ import annotations

import sys

import click

from dockharden.cli import fix, inspect, lint, new, report, rules, verify
from dockharden.cli.output import EXIT_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED


def _print_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from dockharden.core.compiled import build_description
    from dockharden.core.version import VERSION

    click.echo(f"dockharden, version {VERSION} ({build_description()})")
    ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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


for command in (fix.fix, inspect.inspect, lint.lint, lint.matrix, new.new, report.report, rules.rule, rules.rules, verify.verify):
    cli.add_command(command)


def main() -> None:
    try:
        cli.main(args=sys.argv[1:] or ["--help"], standalone_mode=False)  # no command: the help, as `docker` prints it
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as error:
        from dockharden.core.printable import printable

        click.echo(f"dockharden: error: {printable(error.format_message())}", err=True)
        sys.exit(EXIT_INPUT)
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("dockharden: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except Exception as error:  # never a traceback: one line and a distinct exit code
        click.echo(f"dockharden: internal error: {type(error).__name__}: {error}", err=True)
        sys.exit(EXIT_INTERNAL)
