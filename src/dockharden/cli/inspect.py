"""`dockharden inspect IMAGE`: check a built image against the hardening patterns."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from dockharden.cli.options import cores, load_settings, report_options, settings_options
from dockharden.cli.output import EXIT_INPUT, exit_code, print_errors, render_report, use_color, write_output


SOURCES = ("archive", "engine", "registry")  # as image/inputs.py SOURCES (not imported here: start-up stays fast)


def _rule_code(ctx, param, values: tuple[str, ...]) -> frozenset[str]:
    if not values:
        return frozenset()  # the catalog imports every Dockerfile rule: 0.1 s of start-up an inspect rarely needs
    from dockharden.checks.catalog import by_key, image_rules

    known = by_key(image_rules())
    unknown = [v for v in values if v.upper() not in known and v.lower() not in known]
    if unknown:
        raise click.BadParameter(f"unknown image rule {unknown[0]!r}; `dockharden rules` lists them")
    return frozenset((known.get(v.upper()) or known[v.lower()]).code for v in values)


@click.command()
@click.argument("images", nargs=-1)
@report_options
@click.option("--matrix", "as_matrix", is_flag=True, help="Print the image's verification matrix (markdown) instead.")
@settings_options(uid_of="image's user", target=False)
@click.option("--ignore", multiple=True, callback=_rule_code, help="Image rule to ignore for this run (repeatable).")
@click.option("--size-budget-mb", type=click.IntRange(min=0), help="Largest acceptable image, in MB (default 1024).")
@click.option("--dockerfile", type=click.Path(path_type=Path, dir_okay=False),
              help="The Dockerfile IMAGE was built from: findings point at its lines.")
@click.option("--source", "origin", type=click.Choice(SOURCES),
              help="Read IMAGE from this only (default: a path, else the engine if it has it, else its registry).")
@click.option("--platform", "platform_", metavar="OS/ARCH[/VARIANT]",
              help="The image to pick from a multi-platform index (default: linux and this machine's architecture).")
@click.option("--insecure-registry", multiple=True, metavar="HOST[:PORT]",
              help="A registry that may use plain HTTP or an unverified certificate (repeatable; loopback needs none).")
@click.option("--config-only", is_flag=True, help="Read and check the image config only: no layer is fetched.")
@click.option("--images-from", type=click.Path(path_type=Path, dir_okay=False), help="A file of image references, one a line.")
@click.option("--from-compose", type=click.Path(path_type=Path, dir_okay=False), help="Check every image a compose file's services use.")
@click.option("--from-k8s", type=click.Path(path_type=Path), help="Check every image the Kubernetes manifests (a file or a folder) use.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Images checked at once (default: one per core this process may run on).")
def inspect(images, fmt, output, color, as_matrix, config, threshold, disable, enable, required_uid, ignore, size_budget_mb,
            dockerfile, origin, platform_, insecure_registry, config_only, images_from, from_compose, from_k8s, jobs):
    """Check IMAGE: a `docker save` tarball, an OCI layout (directory or tar), `-` for stdin,
    or an image reference (on the Docker Engine, or in its registry: `ghcr.io/org/app:1.2`,
    `localhost:5000/app`, `python@sha256:...`). Several IMAGEs, `--images-from`,
    `--from-compose` and `--from-k8s` check many images in one report."""
    from dockharden.checks.inspect import Sources, image_report, inspect as inspect_image, inspect_many
    from dockharden.core.printable import printable
    from dockharden.output.formats import matrix_markdown

    settings = load_settings(config, threshold, disable + tuple(ignore), enable, required_uid, size_budget_mb=size_budget_mb)
    sources = _sources(origin, platform_, insecure_registry, config_only)
    listed = _listed(images, images_from, from_compose, from_k8s)
    if len(listed) == 1 and not (images_from or from_compose or from_k8s):
        model = None if dockerfile is None else _model(dockerfile, settings)
        checked = inspect_image(listed[0][0], settings, dockerfile=model, sources=sources)
        if checked.error is not None:
            click.echo(f"{printable(listed[0][0])}: error: {printable(checked.error)}", err=True)
            sys.exit(EXIT_INPUT)
        reports = (checked,)
    else:
        if dockerfile is not None:
            raise click.UsageError("--dockerfile goes with one IMAGE only")
        reports = inspect_many(listed, settings, jobs or cores(), sources)
    report = image_report(reports, settings)
    color = use_color(color, output) and not as_matrix
    text = matrix_markdown(report) if as_matrix else render_report(report, fmt, color)
    write_output(text, output, color and fmt == "text")
    if len(reports) > 1:
        print_errors(report, fmt)
    sys.exit(exit_code(report))


def _sources(origin, platform_, insecure, config_only):
    from dockharden.checks.inspect import Sources
    from dockharden.image.registry.options import ClientOptions, RegistryOptions

    if platform_ is not None and not _PLATFORM.fullmatch(platform_):
        raise click.BadParameter(f"{platform_!r} is not OS/ARCH[/VARIANT] (linux/amd64, linux/arm64/v8)",
                                 param_hint="--platform")
    registry = RegistryOptions(platform_, ClientOptions(insecure=frozenset(insecure)))
    return Sources(origin, registry, config_only)


def _listed(images, images_from, from_compose, from_k8s) -> list[tuple[str, tuple[str, ...]]]:
    """(image, where it is used) for every image named, in order, each once."""
    listed: dict[str, tuple[str, ...]] = {image: () for image in images}
    if (images_from, from_compose, from_k8s) != (None, None, None):  # the YAML readers load only when asked for
        _add_deployed(listed, images_from, from_compose, from_k8s)
    if not listed:
        raise click.UsageError("give an IMAGE, --images-from, --from-compose or --from-k8s")
    return list(listed.items())


def _add_deployed(listed: dict[str, tuple[str, ...]], images_from, from_compose, from_k8s) -> None:
    from dockharden.checks.deployments import DeploymentError, images_from_compose, images_from_k8s, images_from_list

    try:
        for path, read in ((images_from, images_from_list), (from_compose, images_from_compose), (from_k8s, images_from_k8s)):
            for image, used in read(str(path)) if path is not None else ():
                listed[image] = listed.get(image, ()) + used
    except DeploymentError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_INPUT)


_PLATFORM = re.compile(r"[a-z0-9]+/[a-z0-9_]+(/[a-z0-9]+)?")


def _model(path: Path, settings):
    """The parsed Dockerfile; one that cannot be read or parsed is an input error (exit 2)."""
    from dockharden.checks.lint import check_file

    report, model = check_file(path, settings)
    if model is None:
        click.echo(f"{report.path}: error: {report.error}", err=True)
        sys.exit(EXIT_INPUT)
    return model
