"""Run the checks the report is written from (lint, inspect, verify) and keep their results as evidence."""
from __future__ import annotations

from pathlib import Path

from dockharden.checks.lint import check_file
from dockharden.core.settings import Settings
from dockharden.checks.evidence import dockerfile_facts
from dockharden.checks.evidence.records import DockerfileEvidence, EngineInfo, ImageDetails, RuntimeEvidence
from dockharden.core.vocabulary import FileReport


def dockerfile_evidence(path: Path, settings: Settings, display: str | None = None) -> DockerfileEvidence:
    report, model = check_file(path, settings, display)
    if model is None:
        return DockerfileEvidence(report, (), False)
    purpose = model.purpose
    return DockerfileEvidence(
        report, model.dockerfile.lines, purpose.kind == "development", model.final.root_image,
        dockerfile_facts.uses_uv(model), dockerfile_facts.dependencies_first(model),
        tuple((i.start_line, i.end_line) for i in model.dockerfile.instructions),
        purpose.reason if purpose.kind == "development" else "",
    )


def connect():
    """(engine, "") or (None, why there is none)."""
    from dockharden.runtime.engine import Engine, EngineError

    try:
        return Engine.connect(timeout=30), ""
    except EngineError as error:
        return None, str(error)


def engine_info(engine) -> EngineInfo | None:
    from dockharden.runtime.engine import EngineError

    if engine is None:
        return None
    try:
        server = engine.version()
    except EngineError:
        return None
    return EngineInfo(str(server.get("Version", "")), str(server.get("ApiVersion", "")),
                      "/".join(str(server[k]) for k in ("Os", "Arch") if server.get(k)))


def inspect_all(images: list[str], settings: Settings, engine, kept: dict | None = None) -> tuple[tuple[FileReport, ...], tuple[ImageDetails, ...]]:
    """Each image's report, and what identifies each one that could be read. `kept`: each
    image's facts are put there, for verify_all to reuse instead of reading the image again."""
    pairs = [_inspect(image, settings, engine, kept) for image in images]
    return tuple(report for report, _ in pairs), tuple(details for _, details in pairs if details is not None)


def _inspect(image: str, settings: Settings, engine, kept: dict | None) -> tuple[FileReport, ImageDetails | None]:
    from dockharden.checks.inspect import check_facts
    from dockharden.image import ImageError, read_facts

    try:
        facts = read_facts(image, engine=engine)
    except ImageError as error:
        return FileReport(image, error=error.message, kind="image"), None
    if kept is not None:
        kept[image] = facts
    details = ImageDetails(image, facts.image_id, platform=facts.platform, created=facts.created, file_bytes=facts.total_size,
                           reclaimable_bytes=facts.reclaimable_bytes, labels=facts.config.labels)
    read_from_engine = facts.layout == "engine" and engine is not None
    return check_facts(facts, image, settings), _as_docker_reports(details, engine) if read_from_engine else details


def engine_details(images: list[str], engine) -> tuple[ImageDetails, ...]:
    """What identifies images that were run, not read: the engine's own record of each."""
    if engine is None:
        return ()
    found = (_as_docker_reports(ImageDetails(image, ""), engine) for image in images)
    return tuple(d for d in found if d.image_id)


def _as_docker_reports(details: ImageDetails, engine) -> ImageDetails:
    """The engine's own digest, platform, created date and size for an image read from it."""
    import dataclasses

    from dockharden.runtime.engine import EngineError

    try:
        attrs = engine.inspect_image(details.reference)
    except EngineError:
        return details
    platform = "/".join(str(attrs[k]) for k in ("Os", "Architecture", "Variant") if attrs.get(k))
    return dataclasses.replace(details, image_id=details.image_id or str(attrs.get("Id", "")),
                               labels=details.labels or tuple(sorted(((attrs.get("Config") or {}).get("Labels") or {}).items())),
                               repo_digests=tuple(attrs.get("RepoDigests") or ()), platform=platform or details.platform,
                               created=str(attrs.get("Created") or details.created), docker_size=attrs.get("Size"))


def verify_all(images: list[str], settings: Settings, engine, no_engine: str, progress,
               interval: float | None = None, kept: dict | None = None) -> tuple[RuntimeEvidence, ...]:
    """Each image run and verified; `kept`: facts inspect_all already read, by image."""
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
            report = file_report(verify_image(engine, image, options, settings.disabled, progress, (kept or {}).get(image)))
        except EngineError as error:
            report = FileReport(image, error=str(error), kind="verify")
        results.append(RuntimeEvidence(image, report))
    return tuple(results)
