"""A VerifyResult as a FileReport (kind "verify"), so lint's reporters and exit codes apply."""
from __future__ import annotations

from dockharden.matrix import worst_status
from dockharden.verification.records import VerifyResult
from dockharden.vocabulary import FileReport, PatternResult, Status

# Which steps prove each pattern; multi_stage and no_build_tools are inspect's to judge.
PATTERN_STEPS: dict[str, tuple[str, ...]] = {
    "non_root_user": ("whoami", "id", "user"),
    "healthcheck": ("run", "health"),
    "env_config": ("env",),
    "chown": ("workdir", "history"),
    "no_secrets": ("env", "history"),
    "exec_form": ("stop",),
}
# The step whose detail stands for the pattern in the matrix.
PATTERN_DETAIL_STEP = {
    "non_root_user": "id", "healthcheck": "health", "env_config": "env",
    "chown": "workdir", "no_secrets": "history", "exec_form": "stop",
}


def file_report(result: VerifyResult) -> FileReport:
    patterns = tuple(_pattern(result, pattern, steps) for pattern, steps in PATTERN_STEPS.items())
    facts = (("image_id", result.image_id), ("container", result.container))
    return FileReport(result.image, result.findings, patterns, kind="verify", facts=facts, steps=result.steps)


def _pattern(result: VerifyResult, pattern: str, names: tuple[str, ...]) -> PatternResult:
    steps = [result.step(name) for name in names]
    own = [finding for finding in result.findings if finding.rule.pattern == pattern]
    if not own and all(step.verdict is Status.NOT_CHECKED for step in steps):
        return PatternResult(pattern, Status.NOT_CHECKED, "not checked", tuple(step.number for step in steps))
    detail = _detail(result, pattern, own)
    return PatternResult(pattern, worst_status(own), detail, tuple(sorted(step.number for step in steps)))


def _detail(result: VerifyResult, pattern: str, own: list) -> str:
    if pattern == "no_secrets":
        return f"{len(own)} found" if own else "None found"
    if own:
        return own[0].message if len(own) == 1 else f"{own[0].message} (and {len(own) - 1} more)"
    return result.step(PATTERN_DETAIL_STEP[pattern]).detail
