"""`dockharden new`: write a hardened service skeleton into a folder."""
from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

from typing import TYPE_CHECKING

import click

from dockharden.scaffold.spec import TEMPLATES, ServiceSpec

if TYPE_CHECKING:
    from rich.console import Console

ROLES = {
    "Dockerfile.optimized-alpine": "production image on Alpine (musl, smallest)",
    "Dockerfile.optimized-slim": "production image on Debian slim (glibc, AI/ML wheels)",
    "Dockerfile.production-gunicorn": "production image with gunicorn + uvicorn workers",
    "Dockerfile.dev": "DEVELOPMENT ONLY: single stage with --reload",
    "gunicorn.conf.py": "gunicorn settings from GUNICORN_* variables",
    ".dockerignore": "keeps secrets, caches and models out of the build context",
    "compose.yaml": "hardened runtime for docker compose",
    "k8s/deployment.yaml": "Deployment with restricted security context and probes",
    "k8s/service.yaml": "ClusterIP Service",
}
DEV_WARNING = "Dockerfile.dev is for development only (single stage, --reload): never ship it."


class NewError(click.ClickException):
    """A one-line error; exit status 2 like other bad input."""

    exit_code = 2


@click.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--template", "-t", type=click.Choice([*TEMPLATES, "all"]), default="slim", show_default=True,
              help="Which Dockerfile to write; 'all' writes all four (compose and k8s then run gunicorn).")
@click.option("--name", help="Service name for labels, compose and k8s  [default: the folder's name]")
@click.option("--python-version", default="3.12", show_default=True)
@click.option("--base-image",
              help="Base image with python3 and venv, for both stages  [default: python:VERSION-slim or -alpine]")
@click.option("--app-module", default="main:app", show_default=True, help="The ASGI app as module:attribute.")
@click.option("--app-dir", default="app", show_default=True, help="Folder holding the code, copied to /app.")
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--health-path", default="/health", show_default=True, help="Liveness endpoint.")
@click.option("--ready-path", default="/ready", show_default=True, help="Readiness endpoint (model loaded).")
@click.option("--uid", type=int, default=1000, show_default=True)
@click.option("--gid", type=int, default=1000, show_default=True)
@click.option("--requirements", default="requirements.txt", show_default=True,
              help="Requirements file, relative to DIRECTORY.")
@click.option("--uv-lock", is_flag=True, help="Install from pyproject.toml and uv.lock instead of a requirements file.")
@click.option("--read-only-code", is_flag=True,
              help="Code owned by root and read-only; only /app/models and /app/data writable.")
@click.option("--k8s", is_flag=True, help="Also write a Kubernetes Deployment and Service.")
@click.option("--gpu", is_flag=True, help="Reserve an NVIDIA GPU in compose.yaml and k8s.")
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
def new(directory: Path, template: str, force: bool, **options) -> None:
    """Write a hardened Dockerfile, .dockerignore, compose.yaml (and k8s manifests) into DIRECTORY.

    A sample FastAPI app with /health and /ready is added when DIRECTORY has none.
    """
    spec = _spec(directory, template, options)
    files = _files_to_write(directory, spec, template)
    _refuse_overwrites(directory, files, force)
    for relative, text in files.items():
        _write(directory / relative, text)
    _report(directory, spec, template, files)


def _spec(directory: Path, template: str, options: dict) -> ServiceSpec:
    options["name"] = options["name"] or _default_name(directory)
    # With --template all, compose.yaml and k8s deploy the gunicorn image.
    deployed = "gunicorn" if template == "all" else template
    try:
        return ServiceSpec(template=deployed, **options)
    except ValueError as error:
        field, _, problem = str(error).partition(" ")
        raise NewError(f"--{field.replace('_', '-')} {problem}") from None


def _default_name(directory: Path) -> str:
    name = re.sub(r"[^a-z0-9]+", "-", directory.resolve().name.lower()).strip("-")[:63].strip("-")
    return name or "ml-service"


def _files_to_write(directory: Path, spec: ServiceSpec, template: str) -> dict[str, str]:
    """What to write; an existing app or requirements file is the user's, kept even with --force."""
    from dockharden.scaffold.render import render, render_all  # Jinja2 loads only when new runs

    files = render_all(spec) if template == "all" else render(spec)
    if spec.uv_lock:
        _require(directory, ("pyproject.toml", "uv.lock"))
    users = {spec.module_file, spec.requirements}
    return {path: text for path, text in files.items() if not (path in users and (directory / path).exists())}


def _require(directory: Path, names: tuple[str, ...]) -> None:
    for name in names:
        if not (directory / name).is_file():
            raise NewError(f"{directory / name}: not found (--uv-lock needs pyproject.toml and uv.lock)")


def _refuse_overwrites(directory: Path, files: dict[str, str], force: bool) -> None:
    existing = [directory / p for p in files if (directory / p).exists() or (directory / p).is_symlink()]
    if existing and not force:
        more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
        raise NewError(f"{existing[0]}: already exists{more}; use --force to overwrite")
    for path in existing:
        if path.is_dir() and not path.is_symlink():
            raise NewError(f"{path}: is a directory, not overwriting it")
    for relative in files:
        for parent in (directory / relative).parents:
            if parent.exists() and not parent.is_dir():
                raise NewError(f"{parent}: is not a directory")


def _write(path: Path, text: str) -> None:
    try:
        # 0644, not the umask: root-owned code (--read-only-code) must stay readable by the app user.
        from dockharden.core.atomic import write_atomic

        write_atomic(path, text, mode=0o644)
    except OSError as error:
        raise NewError(f"{path}: cannot write: {error.strerror or error}") from None


def _report(directory: Path, spec: ServiceSpec, template: str, files: dict[str, str]) -> None:
    from rich.console import Console
    from rich.markup import escape

    out, err = Console(highlight=False, soft_wrap=True), Console(stderr=True, highlight=False, soft_wrap=True)
    out.print(f"Wrote {len(files)} files to {escape(str(directory))}:")
    for relative in files:
        out.print(f"  {escape(relative):<32} {escape(_role(spec, relative))}")
    for kept in sorted({spec.module_file, spec.requirements} - set(files)):
        if (directory / kept).exists():
            out.print(f"  kept your {escape(kept)}")
    if template in ("alpine", "all"):
        _warn_musl(err, directory, spec, files)
    if template in ("dev", "all"):
        out.print(f"[bold yellow]{DEV_WARNING}[/]")
    for line in next_steps(directory, spec):
        out.print(escape(line))


def next_steps(directory: Path, spec: ServiceSpec) -> list[str]:
    """How to build what was written, as commands that work from the current directory."""
    folder = str(directory)
    dockerfile = spec.dockerfile if folder == "." else os.path.join(folder, spec.dockerfile)
    build = ["docker", "build", "-f", dockerfile, "--build-arg", f"BASE_IMAGE={spec.example_base_image}", "-t", spec.name, folder]
    return [
        "Next, build it (BuildKit is needed for RUN --mount: Docker 23+ uses it by default; an older",
        "client, or one without buildx, needs DOCKER_BUILDKIT=1; BASE_IMAGE is any image with python3 and venv):",
        "  DOCKER_BUILDKIT=1 " + shlex.join(build),
    ]


def _role(spec: ServiceSpec, relative: str) -> str:
    if relative == spec.module_file:
        return "sample FastAPI app (/health liveness, /ready readiness)"
    if relative == spec.requirements:
        return "pinned requirements of the sample app"
    return ROLES.get(relative, "")


def _warn_musl(err: Console, directory: Path, spec: ServiceSpec, files: dict[str, str]) -> None:
    from rich.markup import escape

    from dockharden.knowledge.musl import musl_unfriendly

    sources = ("pyproject.toml", "uv.lock") if spec.uv_lock else (spec.requirements,)
    for source in sources:
        text = files.get(source) or _read(directory / source)
        names = musl_unfriendly(text)
        if names:
            err.print(f"warning: {escape(source)} names {', '.join(names)}: no musl wheels, so the alpine image "
                      "compiles them or fails to build; use --template slim")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
