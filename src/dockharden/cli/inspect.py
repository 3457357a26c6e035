"""`dockharden inspect IMAGE`: check a built image against the hardening patterns."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from dockharden.cli.options import load_settings, report_options, settings_options
from dockharden.cli.output import EXIT_INPUT, exit_code, render_report, use_color, write_output


def _rule_code(ctx, param, values: tuple[str, ...]) -> frozenset[str]:
    from dockharden.checks.catalog import by_key, image_rules

    known = by_key(image_rules())
    unknown = [v for v in values if v.upper() not in known and v.lower() not in known]
    if unknown:
        raise click.BadParameter(f"unknown image rule {unknown[0]!r}; `dockharden rules` lists them")
    return frozenset((known.get(v.upper()) or known[v.lower()]).code for v in values)


@click.command()
@click.argument("image")
@report_options
@click.option("--matrix", "as_matrix", is_flag=True, help="Print the image's verification matrix (markdown) instead.")
@settings_options(uid_of="image's user", target=False)
@click.option("--ignore", multiple=True, callback=_rule_code, help="Image rule to ignore for this run (repeatable).")
@click.option("--size-budget-mb", type=click.IntRange(min=0), help="Largest acceptable image, in MB (default 1024).")
@click.option("--dockerfile", type=click.Path(path_type=Path, dir_okay=False),
              help="The Dockerfile IMAGE was built from: findings point at its lines.")
def inspect(image, fmt, output, color, as_matrix, config, threshold, disable, enable, required_uid, ignore, size_budget_mb, dockerfile):
    """Check IMAGE: a `docker save` tarball, an OCI layout (directory or tar), `-` for stdin,
    or an image reference on the Docker Engine."""
    from dockharden.checks.inspect import image_report, inspect as inspect_image
    from dockharden.output.formats import matrix_markdown

    settings = load_settings(config, threshold, disable + tuple(ignore), enable, required_uid, size_budget_mb=size_budget_mb)
    checked = inspect_image(image, settings, dockerfile=None if dockerfile is None else _model(dockerfile, settings))
    if checked.error is not None:
        from dockharden.core.printable import printable

        click.echo(f"{printable(image)}: error: {printable(checked.error)}", err=True)
        sys.exit(EXIT_INPUT)
    report = image_report((checked,), settings)
    color = use_color(color, output) and not as_matrix
    text = matrix_markdown(report) if as_matrix else render_report(report, fmt, color)
    write_output(text, output, color and fmt == "text")
    sys.exit(exit_code(report))


def _model(path: Path, settings):
    """The parsed Dockerfile; one that cannot be read or parsed is an input error (exit 2)."""
    from dockharden.checks.lint import check_file

    report, model = check_file(path, settings)
    if model is None:
        click.echo(f"{report.path}: error: {report.error}", err=True)
        sys.exit(EXIT_INPUT)
    return model
