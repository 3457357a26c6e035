"""Inspect an image: read its facts, run the image rules, apply settings, derive the matrix."""
from __future__ import annotations

from typing import TYPE_CHECKING

from dockharden.image import ImageError, ImageFacts, read_facts
from dockharden.image_at_dockerfile import at_dockerfile
from dockharden.image_matrix import image_pattern_results
from dockharden.image_rules import IMAGE_RULE_LIST, IMAGE_RULES
from dockharden.settings import Settings
from dockharden.vocabulary import FileReport, Finding, Report

if TYPE_CHECKING:
    from dockharden.dockerfile.model import Model
    from dockharden.engine import Engine


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
    findings = [f for f in run_image_rules(facts, settings) if _enabled(f, settings)]
    about = summary(facts)
    if dockerfile is not None:
        findings = at_dockerfile(findings, facts, dockerfile)
        path, about = dockerfile.path, about + (("image", path),)
    findings.sort(key=lambda f: (f.line, f.rule.code, f.message))
    patterns = image_pattern_results(facts, findings, settings)
    return FileReport(path, tuple(findings), patterns, kind="image", facts=about)


def run_image_rules(facts: ImageFacts, settings: Settings) -> list[Finding]:
    return [finding for module in IMAGE_RULES for finding in module.check(facts, settings)]


def _enabled(finding: Finding, settings: Settings) -> bool:
    return finding.rule.code not in settings.disabled and finding.rule.name not in settings.disabled


def summary(facts: ImageFacts) -> tuple[tuple[str, str], ...]:
    """What was read, for reports that show the image beside its findings."""
    return (
        ("layout", facts.layout),
        ("image_id", facts.image_id),
        ("user", facts.config.user),
        ("layers", str(len(facts.layers))),
        ("size_bytes", str(facts.total_size)),
        ("reclaimable_bytes", str(facts.reclaimable_bytes)),
    )


def image_report(files: tuple[FileReport, ...], settings: Settings = Settings()) -> Report:
    return Report(files, IMAGE_RULE_LIST, settings.threshold)
