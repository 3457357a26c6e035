"""`dockharden verify`: run the specification's verification commands against a real
container and judge them.

    observe(engine, image, options, progress) -> Observation   (runner: the engine seam)
    judge(observation, options, disabled) -> VerifyResult        (pure)
    verify_image(engine, image, options, ...) -> VerifyResult     (both)
    VerifyResult.file_report() -> FileReport(kind="verify")      (for the reporters)
"""
from __future__ import annotations

from dockharden.verification.judge import judge
from dockharden.verification.records import (
    CommandOutput, HealthTimings, HealthWait, HistoryStep, Observation, Step, StopOutcome, VerifyOptions,
    VerifyResult,
)
from dockharden.verification.runner import Progress, observe


def verify_image(engine, image: str, options: VerifyOptions = VerifyOptions(),
                 disabled: frozenset[str] = frozenset(), progress: Progress | None = None) -> VerifyResult:
    seen = observe(engine, image, options, progress or (lambda message: None))
    return judge(seen, options, disabled)


__all__ = [
    "CommandOutput", "HealthTimings", "HealthWait", "HistoryStep", "Observation", "Step", "StopOutcome",
    "VerifyOptions", "VerifyResult", "judge", "observe", "verify_image",
]
