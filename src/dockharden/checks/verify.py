"""verify's pipeline: start the container and observe it (runtime.runner, the engine seam),
then, only when a history step re-owns files (chown, chmod -R), read the image's layers to
measure what it stores again (the image reader; facts `inspect` already read are reused),
then judge what was seen (pure): run the runtime rules, give each step its verdict, and
derive the matrix.

    observe(engine, image, options, progress) -> Observation
    judge(observation, options, disabled) -> VerifyResult
    file_report(result) -> FileReport(kind="verify"), for the reporters
"""
from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from dockharden.checks.image.shared import step_line
from dockharden.checks.matrix import pattern_results
from dockharden.checks.runtime import RULES
from dockharden.checks.runtime.details import DETAILS
from dockharden.checks.running import check_subject, worst_status
from dockharden.core.settings import Settings
from dockharden.core.vocabulary import FileReport, Finding, Status
from dockharden.core.vocabulary import Step
from dockharden.runtime.observation import Observation, Rewrite, VerifyOptions, VerifyResult
from dockharden.runtime.plan import STEPS, StepSpec
from dockharden.runtime.steps import SHOWN

if TYPE_CHECKING:
    from dockharden.image import ImageFacts


def verify_image(engine, image: str, options: VerifyOptions | None = None, disabled: frozenset[str] = frozenset(), progress=None,
                 facts: ImageFacts | None = None) -> VerifyResult:
    """Start IMAGE, run every step, remove the container, and judge. `facts`: the image's, if
    already read (used only when their image ID is the one that ran)."""
    from dockharden.runtime.runner import observe  # the docker SDK loads only when a container runs

    options = options or VerifyOptions()
    progress = progress or (lambda message: None)
    seen = observe(engine, image, options, progress)
    return judge(dataclasses.replace(seen, rewrites=_rewrites(engine, seen, progress, facts)), options, disabled)


def _rewrites(engine, seen: Observation, progress, facts: ImageFacts | None) -> tuple[Rewrite, ...] | None:
    """What the layers store again only to change owner or mode, read only when a step re-owns
    files (chown, chmod -R): the history alone cannot say whether it touched lower layers' files."""
    if not any(step.reowns_files for step in seen.history):
        return None
    if facts is None or not facts.files_read or facts.image_id != seen.image_id:
        from dockharden.image import ImageError, read_facts_from_engine

        image = seen.image_id or seen.image
        progress(f"reading the layers of {image} to measure what chown stores again")
        try:
            facts = read_facts_from_engine(image, engine=engine)
        except ImageError:
            return None
    return tuple(Rewrite(step_line(facts, waste.layer), waste.duplicate_files, waste.duplicate_bytes,
                         tuple(waste.duplicate_samples[:3])) for waste in facts.duplicate_layers)


def judge(seen: Observation, options: VerifyOptions, disabled: frozenset[str] = frozenset()) -> VerifyResult:
    settings = Settings(disabled=disabled, required_uid=options.required_uid, required_env=options.required_env)
    findings = check_subject(RULES, seen, settings)
    steps = tuple(_step(number, spec, seen, options, findings) for number, spec in enumerate(STEPS, start=1))
    return VerifyResult(seen.image, seen.image_id, seen.container, steps, findings)


def _step(number: int, spec: StepSpec, seen: Observation, options: VerifyOptions, findings: tuple[Finding, ...]) -> Step:
    shown = SHOWN[spec.name](seen, options)
    own = [finding for finding in findings if finding.line == number]
    verdict = worst_status(own) if own or shown.checked else Status.NOT_CHECKED
    command = spec.command.format(image=seen.image, container=seen.container,
                                  workdir=seen.working_dir or "WORKDIR", stop_timeout=options.stop_timeout)
    return Step(number, spec.name, spec.title, command, shown.executed, shown.output, verdict, shown.detail)


def file_report(result: VerifyResult) -> FileReport:
    """The result as a FileReport (kind "verify"), so lint's reporters and exit codes apply."""
    patterns = pattern_results(DETAILS, result, list(result.findings), Settings())
    facts = (("image_id", result.image_id), ("container", result.container))
    return FileReport(result.image, result.findings, patterns, kind="verify", facts=facts, steps=result.steps)
