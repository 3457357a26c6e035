"""`dockharden verify`: run the specification's verification commands against a real
container and judge them.

    observe(engine, image, options, progress) -> Observation   (runner: the engine seam)
    judge(observation, options, disabled) -> VerifyResult        (pure)
    verify_image(engine, image, options, ...) -> VerifyResult     (both)
    VerifyResult.file_report() -> FileReport(kind="verify")      (for the reporters)

Names load on first use, so the rule catalog can import the light modules (plan, parsing,
history) without the docker SDK.
"""
from __future__ import annotations

import importlib

_HOMES = {
    "judge": "judging", "observe": "runner", "Progress": "runner",
    **{name: "records" for name in ("CommandOutput", "HealthTimings", "HealthWait", "HistoryStep", "Observation",
                                    "Step", "StopOutcome", "VerifyOptions", "VerifyResult")},
}


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)


def verify_image(engine, image: str, options=None, disabled: frozenset[str] = frozenset(), progress=None):
    """Start IMAGE, run every step, remove the container, and judge: a VerifyResult."""
    from dockharden.verification.judging import judge
    from dockharden.verification.records import VerifyOptions
    from dockharden.verification.runner import observe

    options = options or VerifyOptions()
    seen = observe(engine, image, options, progress or (lambda message: None))
    return judge(seen, options, disabled)


__all__ = ["verify_image", *_HOMES]
