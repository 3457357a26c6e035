"""What the report is written from: results of checks that ran, as plain records."""
from __future__ import annotations

from dataclasses import dataclass

from dockharden.core.vocabulary import FileReport


@dataclass(frozen=True)
class DockerfileEvidence:
    report: FileReport
    lines: tuple[str, ...]  # the file's lines, for excerpts
    development: bool  # development-only files are left out of "production only" judgements
    base_image: str = ""
    uses_uv: bool = False
    dependencies_first: bool = False  # dependency files reach the install step before the code
    spans: tuple[tuple[int, int], ...] = ()  # (start line, end line) of each instruction, as parsed
    development_reason: str = ""  # what says it is for development (dockerfile/purpose.py's rule)


@dataclass(frozen=True)
class RuntimeEvidence:
    image: str
    report: FileReport  # kind "verify": its steps carry the commands that ran and their real output


@dataclass(frozen=True)
class EngineInfo:
    """The Docker Engine the report used, as `docker version` shows it."""

    version: str
    api_version: str
    platform: str  # os/arch


@dataclass(frozen=True)
class ImageDetails:
    """What identifies an inspected image, for the provenance block and the image facts."""

    reference: str  # as given (a path or an engine reference)
    image_id: str
    repo_digests: tuple[str, ...] = ()
    platform: str = ""  # os/arch[/variant], "" when the image does not record it
    created: str = ""  # as the image records it
    docker_size: int | None = None  # Size as the Docker Engine reports it (engine references only)
    file_bytes: int | None = None  # bytes of regular files over all layers, as dockharden counts them (None: not read)
    reclaimable_bytes: int | None = None  # files stored in lower layers that later layers hide
    labels: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Build:
    """An image the report built from a bundled template."""

    dockerfile: str  # the Dockerfile's path as the report shows it
    tag: str
    base_image: str  # what BASE_IMAGE was: --base-image, or the Dockerfile's default
    error: str | None = None
    base_missing: bool = False  # it failed with its base image neither on the engine nor pullable


@dataclass(frozen=True)
class Problem:
    """Something asked for (by the user or by the default) that could not be done, and how to fix it."""

    subject: str  # a path, an image, or "dockharden"
    message: str
    fix: str = ""

    def line(self) -> str:
        return f"{self.subject}: error: {self.message}" + (f"; {self.fix}" if self.fix else "")


@dataclass(frozen=True)
class Evidence:
    dockerfiles: tuple[DockerfileEvidence, ...] = ()
    images: tuple[FileReport, ...] = ()  # from inspect
    runtime: tuple[RuntimeEvidence, ...] = ()
    notes: tuple[str, ...] = ()  # how the checks were done
    bundled: bool = False  # the subjects are the bundled templates
    builds: tuple[Build, ...] = ()
    problems: tuple[Problem, ...] = ()
    # Why no image was inspected / no container run, when none was (a check that failed says why itself).
    not_inspected: str = "no image was given (--image IMAGE)"
    not_run: str = "no image was given to run (--verify IMAGE)"
    engine: EngineInfo | None = None  # when one was used
    image_details: tuple[ImageDetails, ...] = ()  # one per image read, by reference

    def details_of(self, reference: str) -> ImageDetails | None:
        return next((d for d in self.image_details if d.reference == reference), None)


def image_fact(report: FileReport, key: str) -> str | None:
    return dict(report.facts).get(key)


def development_subjects(evidence: Evidence) -> frozenset[str]:
    """What is for development only: the Dockerfiles whose purpose is development (dockerfile/purpose.py's rule)
    and the images built from them. "Production only" judgements leave these out."""
    files = {d.report.path for d in evidence.dockerfiles if d.development}
    return frozenset(files | {build.tag for build in evidence.builds if build.dockerfile in files})


def all_problems(evidence: Evidence) -> tuple[Problem, ...]:
    """What could not be done: the gathering's own problems, then each file, image and container not checked."""
    checked = [d.report for d in evidence.dockerfiles] + list(evidence.images) + [r.report for r in evidence.runtime]
    failed = tuple(Problem(f.path, f"verify: {f.error}" if f.kind == "verify" else str(f.error))
                   for f in checked if f.error is not None)
    return evidence.problems + failed
