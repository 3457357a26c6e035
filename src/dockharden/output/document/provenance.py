"""Where the document comes from: the run (version, command line, settings, time) and what it
used (the engine, each image's identity). The CLI makes the RunContext, so reporters stay pure."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from dockharden.checks.evidence.records import Evidence, ImageDetails
from dockharden.core.settings import Settings
from dockharden.output.document.units import size_in_words
from dockharden.output.formats.common import code_span, table_cell


@dataclass(frozen=True)
class RunContext:
    generated: dt.datetime  # UTC
    generated_from: str  # "SOURCE_DATE_EPOCH" or "the clock"
    command: str  # the command line, as a shell would take it
    version: str
    build: str  # "pure Python" or "compiled: N modules"
    settings: Settings = Settings()
    config_file: str = ""  # "" when none was found


def generation_time(environ: Mapping[str, str], now: Callable[[], dt.datetime]) -> tuple[dt.datetime, str]:
    """SOURCE_DATE_EPOCH when set (reproducible-builds.org), else the clock; ValueError when it is not an integer."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return now().astimezone(dt.timezone.utc), "the clock"
    if not epoch.isdigit():
        raise ValueError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970-01-01 UTC")
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc), "SOURCE_DATE_EPOCH"


def timestamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


def section(evidence: Evidence, context: RunContext) -> str:
    rows = [("Generated", f"{timestamp(context.generated)} (from {context.generated_from})"),
            ("dockharden", f"{context.version} ({context.build})"),
            ("Command line", code_span(context.command)), *_settings(context), ("Docker Engine", _engine(evidence))]
    table = ["| Item | Value |", "|---|---|", *[f"| {name} | {value} |" for name, value in rows]]
    return "## Provenance\n\n" + "\n".join(table) + "\n" + _images(evidence.image_details)


def _settings(context: RunContext) -> list[tuple[str, str]]:
    settings = context.settings
    return [
        ("Threshold", f"{settings.threshold.label} (findings of this severity or worse fail the report)"),
        ("Required UID", str(settings.required_uid)),
        ("Required ENV", ", ".join(map(code_span, settings.required_env)) or "none"),
        ("Disabled rules", ", ".join(map(code_span, sorted(settings.disabled))) or "none"),
        ("Optional rules enabled", ", ".join(map(code_span, sorted(settings.enabled))) or "none"),
        ("Build stage checked", code_span(settings.target) if settings.target else "the last stage of each Dockerfile"),
        ("Configuration file", code_span(context.config_file) if context.config_file else "none found (defaults)"),
    ]


def _engine(evidence: Evidence) -> str:
    engine = evidence.engine
    if engine is None:
        return "not used"
    return table_cell(f"{engine.version}, API {engine.api_version}" + (f", {engine.platform}" if engine.platform else ""))


def _images(images: tuple[ImageDetails, ...]) -> str:
    if not images:
        return ""
    rows = ["| Image | Digest or ID | Platform | Created | Size (as Docker reports it) |", "|---|---|---|---|---|"]
    for image in images:
        digest = ", ".join(map(code_span, image.repo_digests)) or f"ID {code_span(image.image_id)}"
        size = size_in_words(image.docker_size) if image.docker_size is not None else "not from Docker (read from a file)"
        rows.append(f"| {code_span(image.reference)} | {digest} | {table_cell(image.platform) or 'not recorded'} | "
                    f"{table_cell(image.created) or 'not recorded'} | {size} |")
    return "\n" + "\n".join(rows) + "\n"
