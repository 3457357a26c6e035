"""Run the checks the report is written from and gather their results as evidence."""
from __future__ import annotations

from pathlib import Path

from dockharden.dockerfile.model import build_model
from dockharden.dockerfile.parser import decode, parse
from dockharden.dockerfile.syntax import ParseError
from dockharden.lint import lint_file
from dockharden.settings import Settings
from dockharden.verification_report import dockerfile_facts
from dockharden.verification_report.evidence import DockerfileEvidence


def dockerfile_evidence(path: Path, settings: Settings, display: str | None = None) -> DockerfileEvidence:
    report = lint_file(path, settings, display)
    if report.error is not None:
        return DockerfileEvidence(report, (), False)
    text = decode(path.read_bytes(), report.path)
    try:
        model = build_model(parse(text, report.path), settings.target)
    except ParseError:  # lint_file already parsed it; kept for safety against races on the file
        return DockerfileEvidence(report, (), False)
    return DockerfileEvidence(
        report, model.dockerfile.lines, dockerfile_facts.is_development(model), model.final.root_image,
        dockerfile_facts.uses_uv(model), dockerfile_facts.dependencies_first(model),
    )


def render_bundled_templates(directory: Path, base_image: str | None = None) -> dict[str, Path]:
    """The four templates and the sample app, written into directory: {template: Dockerfile path}."""
    from dockharden.atomic import write_atomic
    from dockharden.scaffold import TEMPLATES, ServiceSpec, render_all

    options = {"base_image": base_image} if base_image else {}
    files = render_all(ServiceSpec(template="slim", name="example", **options))
    for relative, text in files.items():
        write_atomic(directory / relative, text, mode=0o644)
    return {name: directory / _dockerfile_name(name, files) for name in TEMPLATES if _dockerfile_name(name, files)}


def _dockerfile_name(template: str, files: dict[str, str]) -> str | None:
    suffix = {"alpine": "optimized-alpine", "slim": "optimized-slim", "gunicorn": "production-gunicorn", "dev": "dev"}[template]
    name = f"Dockerfile.{suffix}"
    return name if name in files else None
