"""The matrix details of an image: what each pattern's cell says, from the image's facts."""
from __future__ import annotations

from collections.abc import Callable

from dockharden.checks.matrix import Cell, Detail
from dockharden.core.settings import Settings
from dockharden.core.text import seconds, size
from dockharden.core.vocabulary import Finding
from dockharden.image import ImageFacts
from dockharden.knowledge.shells import shell_c_script

Text = Callable[[ImageFacts, list[Finding], Settings], str]


def _non_root_user(facts: ImageFacts, findings: list[Finding], settings: Settings) -> str:
    user = facts.user
    if not user.spec:
        return "root (no USER)"
    if user.is_root:
        return "root"
    if user.uid is None:
        return f"{user.spec} (UID unknown)"
    return f"UID {user.uid}" if user.numeric else f"{user.name} (UID {user.uid})"


def _healthcheck(facts: ImageFacts, findings: list[Finding], settings: Settings) -> str:
    check = facts.config.healthcheck
    if check is None:
        return "missing"
    if check.disabled:
        return "NONE"
    durations = (check.effective_interval_ns, check.effective_timeout_ns, check.start_period_ns)
    timings = "/".join(seconds(ns) for ns in durations)
    probe = facts.probe
    return f"{timings}, {probe.program} missing" if probe and probe.program_path is None else timings


def _env_config(facts: ImageFacts, findings: list[Finding], settings: Settings) -> str:
    env = facts.config.env_dict()
    missing = settings.missing_env(env)
    detail = f"Missing {', '.join(missing)}" if missing else "Required ENV set"
    return detail + (" + Gunicorn vars" if any(key.startswith("GUNICORN_") for key in env) else "")


def _chown(facts: ImageFacts, findings: list[Finding], settings: Settings) -> str:
    duplicates = facts.duplicate_layers
    if duplicates:
        layers = "duplicate layer" if len(duplicates) == 1 else "duplicate layers"
        return f"{len(duplicates)} {layers}, {size(sum(d.duplicate_bytes for d in duplicates))} reclaimable"
    workdir = facts.workdir
    if workdir is None or workdir.stat is None:
        return "No WORKDIR" if workdir is None else f"WORKDIR {workdir.path} missing"
    owners = {(o.uid, o.gid) for o in workdir.owners}
    if len(owners) <= 1:
        uid, gid = next(iter(owners), (workdir.stat.uid, workdir.stat.gid))
        return f"All files {uid}:{gid}"
    if all(uid in (0, facts.user.uid) for uid, _ in owners) and not workdir.group_or_other_writable:
        return "Root-owned, read-only code"
    return "Owners " + ", ".join(f"{uid}:{gid}" for uid, gid in sorted(owners))


def _no_secrets(facts: ImageFacts, findings: list[Finding], settings: Settings) -> str:
    return f"{len(findings)} found" if findings else "None found"


def _exec_form(facts: ImageFacts, findings: list[Finding], settings: Settings) -> str:
    argv = facts.config.entrypoint or facts.config.cmd
    if not argv:
        return "No CMD"
    script = shell_c_script(argv)
    if script is None:
        return "Exec form"
    return "Shell form with exec" if script.lstrip().startswith("exec ") else "Shell form"


def _no_build_tools(facts: ImageFacts, findings: list[Finding], settings: Settings) -> str:
    return ", ".join(tool.name for tool in facts.build_tools) or "None"


def _cell(text: Text) -> Detail:
    """The detail as text, on the lines of the findings that have one (image findings rarely do)."""
    def detail(facts: ImageFacts, findings: list[Finding], settings: Settings) -> Cell:
        return Cell(text(facts, findings, settings), tuple(sorted({f.line for f in findings if f.line > 0})))

    return detail


def _not_visible(facts: ImageFacts, findings: list[Finding], settings: Settings) -> Cell:
    return Cell("not visible in an image", checked=False)


DETAILS: dict[str, Detail] = {
    "non_root_user": _cell(_non_root_user),
    "healthcheck": _cell(_healthcheck),
    "env_config": _cell(_env_config),
    "chown": _cell(_chown),
    "multi_stage": _not_visible,
    "no_secrets": _cell(_no_secrets),
    "exec_form": _cell(_exec_form),
    "no_build_tools": _cell(_no_build_tools),
}
