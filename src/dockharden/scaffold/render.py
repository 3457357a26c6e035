"""Rendering the templates: a frozen spec in, {relative path: text} out. Pure; writing the
files is the `new` command's job."""
from __future__ import annotations

import dataclasses
import functools
import json
import re

import jinja2

from dockharden.scaffold.spec import (
    GUNICORN_DEFAULTS,
    STOP_GRACE_SECONDS,
    TEMPLATES,
    UV_VERSION,
    ServiceSpec,
)


def render(spec: ServiceSpec) -> dict[str, str]:
    """All files for one template: its Dockerfile (and gunicorn.conf.py) plus the shared files."""
    return {**template_files(spec), **shared_files(spec)}


def render_all(spec: ServiceSpec) -> dict[str, str]:
    """Every template's Dockerfile side by side; compose and k8s deploy `spec.template`."""
    files: dict[str, str] = {}
    for template in TEMPLATES:
        files.update(template_files(dataclasses.replace(spec, template=template)))
    return {**files, **shared_files(spec)}


def template_files(spec: ServiceSpec) -> dict[str, str]:
    files = {spec.dockerfile: _squeeze_blank_lines(_render(f"{spec.dockerfile}.j2", spec))}
    if spec.template == "gunicorn":
        files["gunicorn.conf.py"] = _render("gunicorn.conf.py.j2", spec)
    return files


def shared_files(spec: ServiceSpec) -> dict[str, str]:
    files = {".dockerignore": _render("dockerignore.j2", spec), "compose.yaml": _render("compose.yaml.j2", spec)}
    if spec.k8s:
        files["k8s/deployment.yaml"] = _render("k8s/deployment.yaml.j2", spec)
        files["k8s/service.yaml"] = _render("k8s/service.yaml.j2", spec)
    if spec.sample_app:
        files[spec.module_file] = _render("app/main.py.j2", spec)
        if not spec.uv_lock:
            files[spec.requirements] = _render("app/requirements.txt.j2", spec)
    return files


def _render(template_name: str, spec: ServiceSpec) -> str:
    context = {"spec": spec, "uv_version": UV_VERSION, "gunicorn_defaults": GUNICORN_DEFAULTS,
               "stop_grace_seconds": STOP_GRACE_SECONDS}
    return _environment().get_template(template_name).render(context)


def _squeeze_blank_lines(text: str) -> str:
    """Jinja's whitespace control is brittle around macros: keep at most one blank line."""
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("dockharden.scaffold", "templates"),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters["exec_form"] = lambda words: json.dumps(list(words))
    return env
