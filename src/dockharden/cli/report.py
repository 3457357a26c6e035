"""`dockharden report`: the full verification document, generated from checks that ran."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import click
from click.core import ParameterSource

from dockharden.cli.options import load_settings, settings_options
from dockharden.cli.output import EXIT_INPUT, EXIT_OK, write_output

# Options about the bundled templates, which a report on the user's own inputs would silently ignore.
_BUNDLED_ONLY = {"build": "--build/--no-build", "base_image": "--base-image", "keep_images": "--keep-images"}


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--image", "images", multiple=True, help="Inspect this image (docker save tar, OCI layout, or engine reference); repeatable.")
@click.option("--verify", "runs", multiple=True, help="Run this image on the Docker Engine and verify it; repeatable.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "html"]), default="markdown", show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), help="Write the document to a file.")
@click.option("--build/--no-build", default=True, help="With no arguments: build the bundled templates (default: when an engine is available).")
@click.option("--base-image", help="With no arguments: BASE_IMAGE build argument for the bundled templates it builds.")
@click.option("--keep-images", is_flag=True, help="With no arguments: keep the images it builds (default: removed when done).")
@settings_options()
@click.pass_context
def report(ctx, paths, images, runs, fmt, output, build, base_image, keep_images, config, threshold, disable, enable, required_uid, target):
    """Write the verification document: pattern status, verification matrix, per-file
    evidence with line numbers, image and runtime results, and the compliance checklist.

    With no arguments it reports on the bundled templates. Whatever could not be done is
    stated at the top of the document and on stderr, one line each, and the exit code is 2."""
    from dockharden.output.document import html, markdown
    from dockharden.checks.evidence.bundled import BuildRequest
    from dockharden.checks.evidence.records import all_problems
    from dockharden.checks.evidence.gather import Request, gather

    from dockharden.cli.progress import LIVE, OFF, progress_display

    given = [name for name in _BUNDLED_ONLY if ctx.get_parameter_source(name) is ParameterSource.COMMANDLINE]
    request = Request(tuple(paths), tuple(images), tuple(runs), BuildRequest(build if "build" in given else None, base_image, keep_images))
    if request.has_inputs and given:
        flags = ", ".join(_BUNDLED_ONLY[name] for name in given)
        raise click.UsageError(f"{flags}: only for the bundled templates (a report with no PATH, --image or --verify)")
    settings = load_settings(config, threshold, disable, enable, required_uid, target)
    with tempfile.TemporaryDirectory(prefix="dockharden-report-") as scratch, progress_display(LIVE if sys.stderr.isatty() else OFF, "report") as progress:
        evidence = gather(request, settings, Path(scratch), progress)
    text = markdown.render(evidence)
    write_output(html.render(text) if fmt == "html" else text, output)
    problems = all_problems(evidence)
    for problem in problems:
        click.echo(problem.line(), err=True)
    sys.exit(EXIT_INPUT if problems else EXIT_OK)

