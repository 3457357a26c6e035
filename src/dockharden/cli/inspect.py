"""`dockharden inspect IMAGE`: check a built image against the hardening patterns."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from dockharden.cli import EXIT_INPUT, LINT_FORMATS, exit_code, load_options, render_report, use_color, write_output


def _rule_code(ctx, param, values: tuple[str, ...]) -> frozenset[str]:
    from dockharden.checks.catalog import by_key
    from dockharden.checks.catalog import image_rules

    known = by_key(image_rules())
    unknown = [v for v in values if v.upper() not in known and v.lower() not in known]
    if unknown:
        raise click.BadParameter(f"unknown image rule {unknown[0]!r}; `dockharden rules` lists them")
    return frozenset((known.get(v.upper()) or known[v.lower()]).code for v in values)


@click.command()
@click.argument("image")
@click.option("--format", "fmt", type=click.Choice(LINT_FORMATS), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), help="Write the report to a file.")
@click.option("--matrix", "as_matrix", is_flag=True, help="Print the image's verification matrix (markdown) instead.")
@click.option("--color/--no-color", default=None, help="Colour text output (default: on a terminal, unless NO_COLOR).")
@click.option("--config", type=click.Path(path_type=Path, dir_okay=False), help="A .dockharden.toml or pyproject.toml.")
@click.option("--threshold", type=click.Choice(["info", "warning", "error"]), help="Lowest severity that fails the run.")
@click.option("--disable", multiple=True, help="Rule code or name to switch off (repeatable).")
@click.option("--ignore", multiple=True, callback=_rule_code, help="Image rule to ignore for this run (repeatable).")
@click.option("--required-uid", type=int, help="The UID the image's user must have (default 1000).")
@click.option("--size-budget-mb", type=click.IntRange(min=0), help="Largest acceptable image, in MB (default 1024).")
def inspect(image, fmt, output, as_matrix, color, config, threshold, disable, ignore, required_uid, size_budget_mb):
    """Check IMAGE: a `docker save` tarball, an OCI layout (directory or tar), `-` for stdin,
    or an image reference on the Docker Engine."""
    from dockharden.checks.inspect import image_report, inspect as inspect_image
    from dockharden.output.formats import MATRIX_FORMATS

    settings = load_options(config, threshold, disable + tuple(ignore), required_uid, size_budget_mb=size_budget_mb)
    checked = inspect_image(image, settings)
    if checked.error is not None:
        from dockharden.core.printable import printable

        click.echo(f"{printable(image)}: error: {printable(checked.error)}", err=True)
        sys.exit(EXIT_INPUT)
    report = image_report((checked,), settings)
    color = use_color(color, output) and not as_matrix
    text = MATRIX_FORMATS["markdown"](report) if as_matrix else render_report(report, fmt, color)
    write_output(text, output, color and fmt == "text")
    sys.exit(exit_code(report))
