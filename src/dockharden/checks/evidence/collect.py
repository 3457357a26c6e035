"""Run the checks the report is written from and gather their results as evidence."""
from __future__ import annotations

from pathlib import Path

from dockharden.checks.evidence import dockerfile_facts
from dockharden.checks.evidence.records import DockerfileEvidence
from dockharden.checks.lint import check_file
from dockharden.core.settings import Settings


def dockerfile_evidence(path: Path, settings: Settings, display: str | None = None) -> DockerfileEvidence:
    report, model = check_file(path, settings, display)
    if model is None:
        return DockerfileEvidence(report, (), False)
    return DockerfileEvidence(
        report, model.dockerfile.lines, dockerfile_facts.is_development(model), model.final.root_image,
        dockerfile_facts.uses_uv(model), dockerfile_facts.dependencies_first(model),
        tuple((i.start_line, i.end_line) for i in model.dockerfile.instructions),
    )


def render_bundled_templates(directory: Path, base_image: str | None = None) -> dict[str, Path]:
    """The four templates and the sample app, written into directory: {template: Dockerfile path}."""
    from dockharden.core.atomic import write_atomic
    from dockharden.scaffold.render import render_all
    from dockharden.scaffold.spec import TEMPLATES, ServiceSpec

    files = render_all(ServiceSpec(template="slim", name="example", base_image=base_image or None))
    for relative, text in files.items():
        write_atomic(directory / relative, text, mode=0o644)
    return {name: directory / dockerfile for name in TEMPLATES if (dockerfile := _dockerfile_name(name, files))}


def _dockerfile_name(template: str, files: dict[str, str]) -> str | None:
    suffix = {"alpine": "optimized-alpine", "slim": "optimized-slim", "gunicorn": "production-gunicorn", "dev": "dev"}[template]
    name = f"Dockerfile.{suffix}"
    return name if name in files else None
