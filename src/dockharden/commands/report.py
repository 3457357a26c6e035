"""`dockharden report`: the full verification document, generated from checks that ran."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import click

from dockharden.cli import EXIT_INPUT, EXIT_OK, load_options, with_common_options, write_output


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--image", "images", multiple=True, help="Inspect this image (docker save tar, OCI layout, or engine reference); repeatable.")
@click.option("--verify", "runs", multiple=True, help="Run this image on the Docker Engine and verify it; repeatable.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "html"]), default="markdown", show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), help="Write the document to a file.")
@click.option("--build/--no-build", default=True, help="With no arguments: build the bundled templates when an engine is available.")
@click.option("--base-image", help="BASE_IMAGE build argument for the bundled templates.")
@with_common_options
def report(paths, images, runs, fmt, output, build, base_image, config, threshold, disable, required_uid, target):
    """Write the verification document: pattern status, verification matrix, per-file
    evidence with line numbers, image and runtime results, and the compliance checklist.

    With no arguments it reports on the bundled templates."""
    from dockharden.verification_report import html, markdown
    from dockharden.verification_report.gather import gather

    from dockharden.verification.progress import LIVE, OFF, progress_display

    settings = load_options(config, threshold, disable, required_uid, target)
    with tempfile.TemporaryDirectory(prefix="dockharden-report-") as scratch, progress_display(LIVE if sys.stderr.isatty() else OFF, "report") as progress:
        evidence = gather(list(paths), list(images), list(runs), settings, Path(scratch), build, base_image, progress)
    text = markdown.render(evidence)
    write_output(html.render(text) if fmt == "html" else text, output)
    errors = [f.report for f in evidence.dockerfiles if f.report.error] + [i for i in evidence.images if i.error]
    for failed in errors:
        click.echo(f"{failed.path}: error: {failed.error}", err=True)
    sys.exit(EXIT_INPUT if errors else EXIT_OK)
