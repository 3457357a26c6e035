"""Decide what to check (given paths and images, or the bundled templates) and collect the evidence."""
from __future__ import annotations

from pathlib import Path

from dockharden.discover import discover
from dockharden.settings import Settings
from dockharden.verification_report.collect import dockerfile_evidence, render_bundled_templates
from dockharden.verification_report.evidence import DockerfileEvidence, Evidence, RuntimeEvidence
from dockharden.vocabulary import FileReport

# The bundled templates that can be built and run here (Alpine needs an Alpine base image).
BUILT_TEMPLATES = ("slim", "gunicorn", "dev")
REPORT_HEALTH_INTERVAL = 2.0


def gather(paths: list[Path], images: list[str], runs: list[str], settings: Settings, scratch: Path, build: bool, base_image: str | None, progress=None) -> Evidence:
    if not paths and not images and not runs:
        return _bundled(settings, scratch, build, base_image, progress)
    notes: list[str] = []
    engine = _engine(notes) if runs or any(not Path(i).exists() for i in images) else None
    return Evidence(_dockerfiles(paths, settings), _inspect(images, settings, engine), _verify(runs, settings, engine, progress), tuple(notes))


def _bundled(settings: Settings, scratch: Path, build: bool, base_image: str | None, progress) -> Evidence:
    bundled = render_bundled_templates(scratch / "templates", base_image)
    dockerfiles = tuple(dockerfile_evidence(p, settings, f"templates/{p.name}") for p in bundled.values())
    notes = ["Reported on the bundled templates (dockharden new --template all)."]
    if not build:
        notes.append("Images were not built (--no-build): image and runtime items are not checked.")
        return Evidence(dockerfiles, notes=tuple(notes))
    engine = _engine(notes)
    if engine is None:
        return Evidence(dockerfiles, notes=tuple(notes))
    tags = _build_templates(bundled, base_image, notes, progress)
    notes.append(f"Runtime verification overrides the health-check interval to {REPORT_HEALTH_INTERVAL:g}s to finish quickly; the templates' own timings are verified statically above.")
    notes.append("The alpine template is verified statically only: building it needs an Alpine base image.")
    return Evidence(dockerfiles, _inspect(tags, settings, engine), _verify(tags, settings, engine, progress, REPORT_HEALTH_INTERVAL), tuple(notes))


def _engine(notes: list[str]):
    from dockharden.engine import Engine, EngineError

    try:
        return Engine.connect(timeout=30)
    except EngineError as error:
        notes.append(f"No Docker Engine ({error}): images were not inspected or run.")
        return None


def _build_templates(bundled: dict[str, Path], base_image: str | None, notes: list[str], progress) -> list[str]:
    from dockharden.engine import EngineError, build_image

    tags = []
    for template in BUILT_TEMPLATES:
        tag = f"dockharden-report/{template}:latest"
        if progress:
            progress(f"building {tag}")
        try:
            build_image(str(bundled[template].parent), str(bundled[template]), tag, {"BASE_IMAGE": base_image} if base_image else None)
        except EngineError as error:
            notes.append(str(error))
            continue
        tags.append(tag)
    return tags


def _dockerfiles(paths: list[Path], settings: Settings) -> tuple[DockerfileEvidence, ...]:
    if not paths:
        return ()
    found, errors = discover(paths)
    evidence = [dockerfile_evidence(p, settings) for p in found]
    evidence += [DockerfileEvidence(FileReport(path, error=message), (), False) for path, message in errors]
    return tuple(evidence)


def _inspect(images: list[str], settings: Settings, engine) -> tuple[FileReport, ...]:
    from dockharden.inspect_image import inspect

    return tuple(inspect(image, settings, engine) for image in images)


def _verify(images: list[str], settings: Settings, engine, progress, interval: float | None = None) -> tuple[RuntimeEvidence, ...]:
    if not images:
        return ()
    if engine is None:
        return tuple(RuntimeEvidence(i, FileReport(i, error="no Docker Engine", kind="verify")) for i in images)
    from dockharden.engine import EngineError
    from dockharden.verification import HealthTimings, VerifyOptions, verify_image

    options = VerifyOptions(required_uid=settings.required_uid, required_env=settings.required_env, health=HealthTimings(interval=interval))
    results = []
    for image in images:
        try:
            result = verify_image(engine, image, options, settings.disabled, progress)
        except EngineError as error:
            results.append(RuntimeEvidence(image, FileReport(image, error=str(error), kind="verify")))
            continue
        results.append(RuntimeEvidence(image, result.file_report()))
    return tuple(results)
