"""Inspect an image: read its facts, run the image rules, apply settings, derive the matrix."""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dockharden.checks.image import RULES
from dockharden.checks.image.details import DETAILS
from dockharden.checks.matrix import pattern_results
from dockharden.checks.running import check_subject, in_report_order
from dockharden.core.settings import Settings
from dockharden.core.records import frozen
from dockharden.core.vocabulary import FileReport, PatternResult, Report, Rule, Status
from dockharden.checks.image.reads import reads_files
from dockharden.image import ImageError, ImageFacts, read_facts
from dockharden.checks.image_at_dockerfile import at_dockerfile

BASE_NAME_LABEL = "org.opencontainers.image.base.name"

if TYPE_CHECKING:
    from dockharden.dockerfile.model import Model
    from dockharden.image.registry.options import RegistryOptions
    from dockharden.runtime.engine import Engine


@frozen
class Sources:
    """Where `inspect` may read an image from: `origin` forces archive, engine or registry
    (None: a path, else the engine if it has the image, else the registry)."""

    origin: str | None = None
    registry: RegistryOptions | None = None
    config_only: bool = False  # read and check the config only, whatever the rules asked for


def inspect(source: str, settings: Settings = Settings(), engine: Engine | None = None,
            dockerfile: Model | None = None, sources: Sources = Sources(),
            used_in: tuple[str, ...] = ()) -> FileReport:
    """The image's findings and matrix; an unreadable image gives a report with a one-line error.
    With the Dockerfile it was built from, the findings point at its lines instead. `used_in`
    says where a deployment uses the image (compose services, Kubernetes containers)."""
    where = tuple(("used_in", place) for place in used_in)
    config_only = sources.config_only or only_config_rules(settings)
    try:
        facts = read_facts(source, engine=engine, origin=sources.origin, registry=sources.registry,
                           config_only=config_only)
    except ImageError as error:
        return FileReport(source, error=error.message, kind="image", facts=where)
    report = check_facts(facts, source, settings, dockerfile, config_only=sources.config_only)
    return dataclasses.replace(report, facts=report.facts + where)


def inspect_many(images: Sequence[tuple[str, tuple[str, ...]]], settings: Settings = Settings(), jobs: int = 1,
                 sources: Sources = Sources()) -> tuple[FileReport, ...]:
    """One report per (image, where it is used), in the order given, `jobs` images at a time;
    one that cannot be read gets its error and the others are still checked."""
    if jobs <= 1 or len(images) <= 1:
        return tuple(inspect(image, settings, sources=sources, used_in=used) for image, used in images)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return tuple(pool.map(lambda item: inspect(item[0], settings, sources=sources, used_in=item[1]), images))


def only_config_rules(settings: Settings) -> bool:
    """Whether every image rule the settings leave on reads the config alone (then an image
    in a registry is checked without fetching a layer)."""
    return all(not reads_files(module) for module in RULES if _runs(module.RULE, settings))


def _runs(rule: Rule, settings: Settings) -> bool:
    on = not rule.optional or rule.code in settings.enabled or rule.name in settings.enabled
    return on and rule.code not in settings.disabled and rule.name not in settings.disabled


def check_facts(facts: ImageFacts, path: str, settings: Settings = Settings(), dockerfile: Model | None = None,
                config_only: bool = False) -> FileReport:
    """Findings and patterns of the facts; with `config_only` (or facts that hold no file),
    only the rules that read the config run, and patterns none of them judges are not checked."""
    config_only = config_only or not facts.files_read
    if config_only:
        file_rules = frozenset(module.RULE.code for module in RULES if reads_files(module))
        settings = dataclasses.replace(settings, disabled=settings.disabled | file_rules)
    findings = check_subject(RULES, facts, settings)
    about = summary(facts)
    if dockerfile is not None:  # findings at the Dockerfile's lines, and the report about the Dockerfile
        findings = in_report_order(at_dockerfile(list(findings), facts, dockerfile))
        path, about = dockerfile.path, about + (("image", path),)
    patterns = pattern_results(DETAILS, facts, list(findings), settings)
    if config_only:
        patterns = _unjudged_without_files(patterns)
    return FileReport(path, findings, patterns, kind="image", facts=about)


def _unjudged_without_files(patterns: tuple[PatternResult, ...]) -> tuple[PatternResult, ...]:
    judged = {module.RULE.pattern for module in RULES if not reads_files(module)}
    return tuple(p if p.pattern in judged else PatternResult(p.pattern, Status.NOT_CHECKED, NOT_READ) for p in patterns)


NOT_READ = "not checked: only the image config was read (--config-only)"


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
    ) + ((("base_image", base),) if base else ()) + (
        (("fetched_bytes", str(facts.fetched_bytes)),) if facts.layout == "registry" else ()) + (
        () if facts.files_read else (("files_read", "no"),))


def image_report(files: tuple[FileReport, ...], settings: Settings = Settings()) -> Report:
    # The rules from the image registry itself, not checks/catalog.py: the catalog loads every
    # Dockerfile rule, 0.07 s of an inspect's 0.38 s start-up (0.31 s without).
    return Report(files, tuple(module.RULE for module in RULES), settings.threshold)
