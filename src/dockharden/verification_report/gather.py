"""Decide what to check (given paths and images, or the bundled templates) and collect the evidence."""
from __future__ import annotations

from pathlib import Path

from dockharden.discover import discover
from dockharden.settings import Settings
from dockharden.verification_report.collect import dockerfile_evidence, render_bundled_templates
from dockharden.verification_report.evidence import DockerfileEvidence, Evidence
from dockharden.vocabulary import FileReport


def gather(paths: list[Path], images: list[str], runs: list[str], settings: Settings, scratch: Path, build: bool, base_image: str | None) -> Evidence:
    notes: list[str] = []
    if not paths and not images and not runs:
        bundled = render_bundled_templates(scratch / "templates", base_image)
        dockerfiles = tuple(dockerfile_evidence(p, settings, f"templates/{p.name}") for p in bundled.values())
        notes.append("Reported on the bundled templates (dockharden new --template all).")
        return Evidence(dockerfiles, notes=tuple(notes))
    return Evidence(_dockerfiles(paths, settings), notes=tuple(notes))


def _dockerfiles(paths: list[Path], settings: Settings) -> tuple[DockerfileEvidence, ...]:
    found, errors = discover(paths)
    evidence = [dockerfile_evidence(p, settings) for p in found]
    evidence += [DockerfileEvidence(FileReport(m.split(": ", 1)[0], error=m.split(": ", 1)[1]), (), False) for m in errors]
    return tuple(evidence)
