"""What the report is written from: results of checks that ran, as plain records."""
from __future__ import annotations

from dataclasses import dataclass

from dockharden.vocabulary import FileReport, Status


@dataclass(frozen=True)
class DockerfileEvidence:
    report: FileReport
    lines: tuple[str, ...]  # the file's lines, for excerpts
    development: bool  # development-only files are left out of "production only" items
    base_image: str = ""
    uses_uv: bool = False
    dependencies_first: bool = False  # dependency files reach the install step before the code
    spans: tuple[tuple[int, int], ...] = ()  # (start line, end line) of each instruction, as parsed


@dataclass(frozen=True)
class RuntimeEvidence:
    image: str
    report: FileReport  # kind "verify": its steps carry the commands that ran and their real output


@dataclass(frozen=True)
class Evidence:
    dockerfiles: tuple[DockerfileEvidence, ...] = ()
    images: tuple[FileReport, ...] = ()  # from inspect
    runtime: tuple[RuntimeEvidence, ...] = ()
    notes: tuple[str, ...] = ()  # what could not be checked, and why


def image_fact(report: FileReport, key: str) -> str | None:
    return dict(report.facts).get(key)
