"""Build the bundled templates on the engine, say why a build failed and how to fix it, remove what was built."""
from __future__ import annotations

import dataclasses
import uuid
from pathlib import Path

from dockharden.checks.evidence.records import Build, DockerfileEvidence, Problem

# The bundled templates that can be built here (Alpine needs an Alpine base image).
BUILT_TEMPLATES = ("slim", "gunicorn", "dev")
REPOSITORY = "dockharden-report"


def build_templates(paths: dict[str, Path], dockerfiles: dict[str, DockerfileEvidence], base_image: str | None,
                     engine, progress) -> list[Build]:
    run = uuid.uuid4().hex[:12]  # a tag of this run's own: a concurrent report never removes another's images
    builds = []
    for template in BUILT_TEMPLATES:
        build = Build(dockerfiles[template].report.path, f"{REPOSITORY}/{template}:{run}",
                      base_image or dockerfiles[template].base_image)
        builds.append(_build(build, paths[template], base_image is not None, engine, progress))
        if builds[-1].base_missing:
            break  # every other template would fail alike
    return builds


def _build(build: Build, dockerfile: Path, base_given: bool, engine, progress) -> Build:
    from dockharden.runtime.engine import EngineError, build_image

    progress(f"building {build.tag}")
    try:
        build_image(str(dockerfile.parent), str(dockerfile), build.tag, {"BASE_IMAGE": build.base_image} if base_given else None)
    except EngineError as error:
        cause = str(error).removeprefix(f"cannot build {build.tag}: ")
        if _on_engine(engine, build.base_image):
            return dataclasses.replace(build, error=cause)
        missing = f"base image {build.base_image} is not on this Docker Engine and could not be pulled ({cause})"
        return dataclasses.replace(build, error=missing, base_missing=True)
    return build


def build_problems(builds: list[Build], engine) -> list[Problem]:
    failed = [b for b in builds if b.error]
    if any(b.base_missing for b in failed):
        return [Problem("dockharden", f"cannot build the bundled templates: {failed[-1].error}", _base_image_fix(engine))]
    return [Problem("dockharden", f"cannot build {b.tag} from {b.dockerfile}: {b.error}") for b in failed]


def _on_engine(engine, image: str) -> bool:
    from dockharden.runtime.engine import EngineError

    try:
        engine.inspect_image(image)
    except EngineError:
        return False
    return True


def _base_image_fix(engine) -> str:
    """--base-image, with a Python image the engine has when there is one."""
    from dockharden.runtime.engine import EngineError

    try:
        candidates = [tag for tag in engine.image_tags()
                      if "python" in tag and "alpine" not in tag and not tag.startswith(f"{REPOSITORY}/")]
    except EngineError:
        candidates = []
    if candidates:
        return f"pass --base-image IMAGE, a Debian-based Python image the engine has, e.g. --base-image {candidates[0]}"
    return "pass --base-image IMAGE, a Debian-based Python image the engine has or can pull"


def remove_images(engine, tags: list[str], progress) -> tuple[str, list[Problem]]:
    from dockharden.runtime.engine import EngineError

    problems = []
    for tag in tags:
        progress(f"removing image {tag}")
        try:
            engine.remove_image(tag)
        except EngineError as error:
            problems.append(Problem(tag, str(error), f"remove it with docker image rm {tag}"))
    return "Removed the images it built when done (--keep-images keeps them).", problems


def built_note(builds: list[Build]) -> str:
    built = [f"{b.tag} from {b.dockerfile} on {b.base_image}" for b in builds if b.error is None]
    return "Built " + "; ".join(built) + "."
