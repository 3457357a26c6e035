"""Decide what to check (the user's paths and images, or the bundled templates) and collect the evidence."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dockharden.dockerfile.discover import discover
from dockharden.core.settings import Settings
from dockharden.checks.evidence.bundled import BuildRequest, bundled_evidence
from dockharden.checks.evidence.collect import connect, dockerfile_evidence, engine_details, engine_info, inspect_all, verify_all
from dockharden.checks.evidence.records import DockerfileEvidence, Evidence
from dockharden.core.vocabulary import FileReport


@dataclass(frozen=True)
class Request:
    paths: tuple[Path, ...] = ()
    images: tuple[str, ...] = ()  # --image: inspect
    runs: tuple[str, ...] = ()  # --verify: run and verify
    bundled: BuildRequest = BuildRequest(None, None, False)  # how to treat the bundled templates, with no inputs

    @property
    def has_inputs(self) -> bool:
        return bool(self.paths or self.images or self.runs)


def gather(request: Request, settings: Settings, scratch: Path, progress=lambda message: None) -> Evidence:
    if not request.has_inputs:
        return bundled_evidence(request.bundled, settings, scratch, progress)
    needs_engine = request.runs or any(not Path(i).exists() for i in request.images)
    engine, no_engine = connect() if needs_engine else (None, "")
    kept: dict = {}
    images, details = inspect_all(list(request.images), settings, engine, kept)
    return Evidence(
        _dockerfiles(request.paths, settings), images,
        verify_all(list(request.runs), settings, engine, no_engine, progress, kept=kept),
        not_inspected="no image was given (--image IMAGE)",
        not_run="the images were inspected, not run (--verify IMAGE runs one)" if request.images
        else "no image was given to run (--verify IMAGE)",
        engine=engine_info(engine),
        image_details=details + engine_details([r for r in request.runs if r not in request.images], engine),
    )


def _dockerfiles(paths: tuple[Path, ...], settings: Settings) -> tuple[DockerfileEvidence, ...]:
    if not paths:
        return ()
    found, errors = discover(list(paths))
    evidence = [dockerfile_evidence(p, settings) for p in found]
    evidence += [DockerfileEvidence(FileReport(path, error=message), (), False) for path, message in errors]
    return tuple(evidence)
