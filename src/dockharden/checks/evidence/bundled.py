"""`dockharden report` with no arguments: the bundled templates, rendered, built on the engine
(unless --no-build), inspected, run, and the images it built removed (unless --keep-images)."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from dockharden.core.settings import Settings
from dockharden.checks.evidence.collect import connect, dockerfile_evidence, engine_info, inspect_all, verify_all
from dockharden.checks.evidence.building import build_problems, build_templates, built_note, remove_images
from dockharden.checks.evidence.records import Build, Evidence, Problem

REPORT_HEALTH_INTERVAL = 2.0


@dataclass(frozen=True)
class BuildRequest:
    build: bool | None  # None: build when an engine is there; True: asked for (--build)
    base_image: str | None
    keep_images: bool


def bundled_evidence(request: BuildRequest, settings: Settings, scratch: Path, progress) -> Evidence:
    paths = render_bundled_templates(scratch / "templates")
    dockerfiles = {name: dockerfile_evidence(path, settings, f"templates/{path.name}") for name, path in paths.items()}
    static = Evidence(tuple(dockerfiles.values()), bundled=True, notes=(
        "Reported on the bundled templates (dockharden new --template all).",
        "The alpine template is verified statically only: building it needs an Alpine base image."))
    if request.build is False:
        return _not_built(static, "images were not built (--no-build)")
    engine, no_engine = connect()
    if engine is None:
        asked = [Problem("dockharden", f"--build: no Docker Engine ({no_engine})", "start one, or set DOCKER_HOST")]
        return _not_built(static, f"no Docker Engine ({no_engine})", asked if request.build else [])
    builds = build_templates(paths, dockerfiles, request.base_image, engine, progress)
    problems = build_problems(builds, engine)
    if all(b.error for b in builds):
        why = builds[-1].error if builds[-1].base_missing else "; ".join(f"{b.dockerfile}: {b.error}" for b in builds)
        return dataclasses.replace(_not_built(static, f"the bundled templates could not be built: {why}", problems, builds),
                                   engine=engine_info(engine))
    return _checked(static, builds, problems, engine, settings, request.keep_images, progress)


def _checked(static: Evidence, builds: list[Build], problems: list[Problem], engine, settings: Settings,
             keep_images: bool, progress) -> Evidence:
    tags = [b.tag for b in builds if b.error is None]
    kept: dict = {}
    images, details = inspect_all(tags, settings, engine, kept)
    runtime = verify_all(tags, settings, engine, "", progress, REPORT_HEALTH_INTERVAL, kept)
    cleanup, removal = remove_images(engine, tags, progress) if not keep_images else (
        f"Kept the images it built (--keep-images): {', '.join(tags)}.", [])
    notes = (*static.notes, built_note(builds), cleanup, f"Runtime verification overrides the health-check interval to "
             f"{REPORT_HEALTH_INTERVAL:g}s to finish quickly; the templates' own timings are verified statically above.")
    return Evidence(static.dockerfiles, images, runtime, notes, True, tuple(builds), tuple(problems + removal),
                    engine=engine_info(engine), image_details=details)


def _not_built(static: Evidence, reason: str, problems: list[Problem] | None = None, builds: list[Build] | None = None) -> Evidence:
    return Evidence(static.dockerfiles, notes=static.notes, bundled=True, builds=tuple(builds or ()), problems=tuple(problems or ()),
                    not_inspected=reason, not_run=reason)


def render_bundled_templates(directory: Path) -> dict[str, Path]:
    """The four templates and the sample app, as `dockharden new --template all` writes them: {template: Dockerfile}."""
    from dockharden.core.atomic import write_atomic
    from dockharden.scaffold.render import render_all
    from dockharden.scaffold.spec import DOCKERFILE_NAMES, ServiceSpec

    files = render_all(ServiceSpec(template="slim", name="example"))
    for relative, text in files.items():
        write_atomic(directory / relative, text, mode=0o644)
    return {name: directory / dockerfile for name, dockerfile in DOCKERFILE_NAMES.items()}
