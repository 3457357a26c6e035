"""Run the checks the report is written from (lint, inspect, verify) and keep their results as evidence."""
from __future__ import annotations

from pathlib import Path

from dockharden.checks.lint import check_file
from dockharden.core.settings import Settings
from dockharden.checks.evidence import dockerfile_facts
from dockharden.checks.evidence.records import DockerfileEvidence, RuntimeEvidence
from dockharden.core.vocabulary import FileReport


def dockerfile_evidence(path: Path, settings: Settings, display: str | None = None) -> DockerfileEvidence:
    report, model = check_file(path, settings, display)
    if model is None:
        return DockerfileEvidence(report, (), False)
    return DockerfileEvidence(
        report, model.dockerfile.lines, dockerfile_facts.is_development(model), model.final.root_image,
        dockerfile_facts.uses_uv(model), dockerfile_facts.dependencies_first(model),
        tuple((i.start_line, i.end_line) for i in model.dockerfile.instructions),
    )


def connect():
    """(engine, "") or (None, why there is none)."""
    from dockharden.runtime.engine import Engine, EngineError

    try:
        return Engine.connect(timeout=30), ""
    except EngineError as error:
        return None, str(error)


def inspect_all(images: list[str], settings: Settings, engine) -> tuple[FileReport, ...]:
    from dockharden.checks.inspect import inspect

    return tuple(inspect(image, settings, engine) for image in images)


def verify_all(images: list[str], settings: Settings, engine, no_engine: str, progress,
               interval: float | None = None) -> tuple[RuntimeEvidence, ...]:
    if not images:
        return ()
    if engine is None:
        return tuple(RuntimeEvidence(i, FileReport(i, error=f"no Docker Engine ({no_engine})", kind="verify")) for i in images)
    from dockharden.runtime.engine import EngineError
    from dockharden.checks.verify import file_report, verify_image
    from dockharden.runtime.observation import HealthTimings, VerifyOptions

    options = VerifyOptions(required_uid=settings.required_uid, required_env=settings.required_env, health=HealthTimings(interval=interval))
    results = []
    for image in images:
        try:
            report = file_report(verify_image(engine, image, options, settings.disabled, progress))
        except EngineError as error:
            report = FileReport(image, error=str(error), kind="verify")
        results.append(RuntimeEvidence(image, report))
    return tuple(results)
