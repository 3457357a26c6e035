"""`dockharden report`: the full verification document, generated from checks that ran."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import click
from click.core import ParameterSource

from dockharden.cli.options import load_settings, settings_options
from dockharden.cli.output import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, write_output

# Options about the bundled templates, which a report on the user's own inputs would silently ignore.
_BUNDLED_ONLY = {"build": "--build/--no-build", "base_image": "--base-image", "keep_images": "--keep-images"}
DOCUMENT_FORMATS = ("markdown", "html")
_SUFFIXES = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--image", "images", multiple=True, help="Inspect this image (docker save tar, OCI layout, or engine reference); repeatable.")
@click.option("--verify", "runs", multiple=True, help="Run this image on the Docker Engine and verify it; repeatable.")
@click.option("--format", "fmt", metavar="FORMAT[,FORMAT]", help="markdown or html, or several for several --output files (markdown,html)  [default: "
              "from each --output's suffix, else markdown]")
@click.option("--output", "-o", "outputs", multiple=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Write the document to a file; repeatable: every file from one run (the containers run once).")
@click.option("--build/--no-build", default=True, help="With no arguments: build the bundled templates (default: when an engine is available).")
@click.option("--base-image", help="With no arguments: BASE_IMAGE build argument for the bundled templates it builds.")
@click.option("--keep-images", is_flag=True, help="With no arguments: keep the images it builds (default: removed when done).")
@settings_options()
@click.pass_context
def report(ctx, paths, images, runs, fmt, outputs, build, base_image, keep_images, config, threshold, disable, enable, required_uid, target):
    """Write the verification document: verdict, provenance, pattern status, verification
    matrix, per-file evidence with line numbers, image and runtime results, the compliance
    checklist and the text of every rule it cites.

    With no arguments it reports on the bundled templates. Exit codes as for lint: 1 when
    findings reach --threshold; 2 when something asked for could not be done, which is
    stated at the top of the document and on stderr, one line each."""
    from dockharden.checks.evidence.bundled import BuildRequest
    from dockharden.checks.evidence.gather import Request, gather
    from dockharden.checks.evidence.records import all_problems
    from dockharden.cli.progress import LIVE, OFF, progress_display
    from dockharden.core.vocabulary import Status
    from dockharden.output.document import verdict

    targets = _targets(fmt, outputs)
    given = [name for name in _BUNDLED_ONLY if ctx.get_parameter_source(name) is ParameterSource.COMMANDLINE]
    request = Request(tuple(paths), tuple(images), tuple(runs), BuildRequest(build if "build" in given else None, base_image, keep_images))
    if request.has_inputs and given:
        flags = ", ".join(_BUNDLED_ONLY[name] for name in given)
        raise click.UsageError(f"{flags}: only for the bundled templates (a report with no PATH, --image or --verify)")
    settings = load_settings(config, threshold, disable, enable, required_uid, target)
    context = _context(settings, config)
    with tempfile.TemporaryDirectory(prefix="dockharden-report-") as scratch, progress_display(LIVE if sys.stderr.isatty() else OFF, "report") as progress:
        evidence = gather(request, settings, Path(scratch), progress)
    _write(evidence, context, targets)
    for problem in all_problems(evidence):
        click.echo(problem.line(), err=True)
    judged = verdict.verdict(evidence, settings.threshold)
    sys.exit(EXIT_INPUT if judged.problems else EXIT_FINDINGS if judged.status is Status.FAIL else EXIT_OK)


def _targets(fmt: str | None, outputs: tuple[Path, ...]) -> list[tuple[str, Path | None]]:
    """(format, file or None for stdout) for each document to write, checked before anything runs."""
    formats = [f.strip() for f in fmt.split(",")] if fmt else []
    wrong = [f for f in formats if f not in DOCUMENT_FORMATS]
    if wrong:
        raise click.BadParameter(f"{wrong[0]!r} is not one of {', '.join(DOCUMENT_FORMATS)}", param_hint="'--format'")
    if not outputs:
        if len(formats) > 1:
            raise click.BadParameter("several formats need an --output file for each", param_hint="'--format'")
        return [(formats[0] if formats else "markdown", None)]
    if formats and len(formats) != len(outputs):
        raise click.BadParameter(f"{len(formats)} formats for {len(outputs)} --output files: give one format per file, "
                                 "or none (each file's suffix says: .md, .html)", param_hint="'--format'")
    return list(zip(formats or [_SUFFIXES.get(o.suffix.lower(), "markdown") for o in outputs], outputs))


def _context(settings, config: Path | None):
    import datetime as dt
    import os
    import shlex

    from dockharden.core.compiled import build_description
    from dockharden.core.config import find_config
    from dockharden.core.version import VERSION
    from dockharden.output.document.provenance import RunContext, generation_time

    try:
        generated, source = generation_time(os.environ, lambda: dt.datetime.now(dt.timezone.utc))
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    found = config if config is not None else find_config(Path.cwd())
    return RunContext(generated, source, shlex.join(["dockharden", *sys.argv[1:]]), VERSION, build_description(), settings,
                      str(found) if found is not None else "")


def _write(evidence, context, targets: list[tuple[str, Path | None]]) -> None:
    from dockharden.output.document import html, markdown

    text = markdown.render(evidence, context)
    for fmt, output in targets:
        write_output(html.render(text) if fmt == "html" else text, output)
