"""Inspect an image: read its facts, run the image rules, apply settings, derive the matrix."""
from __future__ import annotations

from typing import TYPE_CHECKING

from dockharden.checks.catalog import image_rules
from dockharden.checks.image import RULES
from dockharden.checks.image.details import DETAILS
from dockharden.checks.matrix import pattern_results
from dockharden.checks.running import check_subject, in_report_order
from dockharden.core.settings import Settings
from dockharden.core.vocabulary import FileReport, Report
from dockharden.image import ImageError, ImageFacts, read_facts
from dockharden.checks.image_at_dockerfile import at_dockerfile

BASE_NAME_LABEL = "org.opencontainers.image.base.name"

if TYPE_CHECKING:
    from dockharden.dockerfile.model import Model
    from dockharden.runtime.engine import Engine


def inspect(source: str, settings: Settings = Settings(), engine: Engine | None = None,
            dockerfile: Model | None = None) -> FileReport:
    """The image's findings and matrix; an unreadable image gives a report with a one-line error.
    With the Dockerfile it was built from, the findings point at its lines instead."""
    try:
        facts = read_facts(source, engine=engine)
    except ImageError as error:
        return FileReport(source, error=error.message, kind="image")
    return check_facts(facts, source, settings, dockerfile)


def check_facts(facts: ImageFacts, path: str, settings: Settings = Settings(), dockerfile: Model | None = None) -> FileReport:
    findings = check_subject(RULES, facts, settings)
    about = summary(facts)
    if dockerfile is not None:  # findings at the Dockerfile's lines, and the report about the Dockerfile
        findings = in_report_order(at_dockerfile(list(findings), facts, dockerfile))
        path, about = dockerfile.path, about + (("image", path),)
    patterns = pattern_results(DETAILS, facts, list(findings), settings)
    return FileReport(path, findings, patterns, kind="image", facts=about)


def summary(facts: ImageFacts) -> tuple[tuple[str, str], ...]:
    """What was read, for reports that show the image beside its findings; base_image only
    when the image records it (the OCI label org.opencontainers.image.base.name)."""
    base = facts.config.labels_dict().get(BASE_NAME_LABEL)
    return (
        ("layout", facts.layout),
        ("image_id", facts.image_id),
        ("user", facts.config.user),
        ("layers", str(len(facts.layers))),
        ("size_bytes", str(facts.total_size)),
        ("reclaimable_bytes", str(facts.reclaimable_bytes)),
    ) + ((("base_image", base),) if base else ())


def image_report(files: tuple[FileReport, ...], settings: Settings = Settings()) -> Report:
    return Report(files, image_rules(), settings.threshold)
