"""Inspect an image: read its facts, run the image rules, apply settings, derive the matrix."""
from __future__ import annotations

from typing import TYPE_CHECKING

from dockharden.image import ImageError, ImageFacts, read_facts
from dockharden.image_matrix import image_pattern_results
from dockharden.image_rules import IMAGE_RULE_LIST, IMAGE_RULES
from dockharden.settings import Settings
from dockharden.vocabulary import FileReport, Finding, Report

BASE_NAME_LABEL = "org.opencontainers.image.base.name"

if TYPE_CHECKING:
    from dockharden.engine import Engine


def inspect(source: str, settings: Settings = Settings(), engine: Engine | None = None) -> FileReport:
    """The image's findings and matrix; an unreadable image gives a report with a one-line error."""
    try:
        facts = read_facts(source, engine=engine)
    except ImageError as error:
        return FileReport(source, error=error.message, kind="image")
    return check_facts(facts, source, settings)


def check_facts(facts: ImageFacts, path: str, settings: Settings = Settings()) -> FileReport:
    findings = [f for f in run_image_rules(facts, settings) if _enabled(f, settings)]
    findings.sort(key=lambda f: (f.line, f.rule.code, f.message))
    patterns = image_pattern_results(facts, findings, settings)
    return FileReport(path, tuple(findings), patterns, kind="image", facts=summary(facts))


def run_image_rules(facts: ImageFacts, settings: Settings) -> list[Finding]:
    return [finding for module in IMAGE_RULES for finding in module.check(facts, settings)]


def _enabled(finding: Finding, settings: Settings) -> bool:
    return finding.rule.code not in settings.disabled and finding.rule.name not in settings.disabled


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
    return Report(files, IMAGE_RULE_LIST, settings.threshold)
