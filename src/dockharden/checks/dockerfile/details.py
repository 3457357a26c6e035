"""The matrix details of a Dockerfile: what each pattern's cell says, from the model's facts."""
from __future__ import annotations

from dockharden.checks.dockerfile.shared import info_note
from dockharden.checks.matrix import Cell, Detail
from dockharden.core.settings import Settings
from dockharden.core.vocabulary import Finding, Severity
from dockharden.dockerfile.model import Model, command_shell, shell_script, shell_stays_pid1
from dockharden.dockerfile.packages import build_tools_kept


def _non_root_user(model: Model, findings: list[Finding], settings: Settings) -> Cell:
    user = model.final.user
    if user is None:
        return Cell("root (no USER)", ())
    if user.is_root:
        return Cell("root", (user.line,))
    if user.uid is not None:
        return Cell(f"UID {user.uid}", (user.line,))
    if user.user is None:
        return Cell(f"UID unknown ({user.text})", (user.line,))
    return Cell(f"{user.user} (UID unknown)", (user.line,))


def _healthcheck(model: Model, findings: list[Finding], settings: Settings) -> Cell:
    check = model.final.healthcheck
    if check is None:
        notes = [info_note(f) for f in findings if f.rule.code == "DH201" and f.rule.severity is Severity.INFO]
        if notes and notes[0] and model.purpose.kind in ("service", "job"):  # why, in its first clause (the row says a purpose)
            return Cell(f"missing ({notes[0].split(': ', 1)[0].split('; ', 1)[0]})", ())
        return Cell("missing", ())
    if check.disabled:
        return Cell("NONE", (check.line,))
    return Cell(check.timings, (check.line,))


def _env_config(model: Model, findings: list[Finding], settings: Settings) -> Cell:
    env = model.final.env
    has_args = bool(model.global_args) or any(stage.args for stage in model.stages)  # any ARG at all
    detail = "Full config" if has_args else "Basic config"
    if any(key.startswith("GUNICORN_") for key in env):
        detail += " + Gunicorn vars"
    if any(f.rule.code == "DH301" for f in findings):
        detail += ", required ENV missing"
    if "TRANSFORMERS_CACHE" in env:
        detail += ", TRANSFORMERS_CACHE deprecated"
    keys = [key for key in ("PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE", "HF_HOME", "TRANSFORMERS_CACHE") if key in env]
    return Cell(detail, tuple(sorted({env[key].line for key in keys})))


def _chown(model: Model, findings: list[Finding], settings: Settings) -> Cell:
    copies = [c for c in model.image_copies(model.final) if c.from_context]
    lines = tuple(c.instruction.start_line for c in copies if c.chown is not None)
    if any(f.rule.code == "DH401" for f in findings):
        return Cell("RUN chown -R duplicates layers", lines + tuple(f.line for f in findings))
    if not copies:
        return Cell("No COPY from context", ())
    owned = [c for c in copies if c.chown is not None]
    if len(owned) < len(copies):
        return Cell(f"{len(owned)} of {len(copies)} COPY", lines)
    if all((c.chown or "").split(":")[0] in ("0", "root") for c in owned):
        return Cell("Root-owned, read-only code", lines)
    return Cell("All COPY", lines)


def _multi_stage(model: Model, findings: list[Finding], settings: Settings) -> Cell:
    lines = tuple(s.line for s in model.stages)
    if findings:
        return Cell("No" if len(model.stages) == 1 else "Stages unused", lines)
    if not any(model.stages_used(s) for s in model.lineage(model.final)):
        return Cell(f"{'Single stage' if len(model.stages) == 1 else 'Stages unused'}, nothing to separate", lines)
    return Cell(f"Yes ({len(model.stages)} stages)", lines)


def _no_secrets(model: Model, findings: list[Finding], settings: Settings) -> Cell:
    if not findings:
        return Cell("None found", ())
    return Cell(f"{len(findings)} found", tuple(sorted({f.line for f in findings})))


def _exec_form(model: Model, findings: list[Finding], settings: Settings) -> Cell:
    command = model.final.entrypoint or model.final.cmd
    if command is None:
        return Cell("Inherited from base", ())
    if shell_stays_pid1(command, command_shell(model.final, command)):
        return Cell("Shell form", (command.start_line,))
    return Cell(("Exec form" if shell_script(command) is None else "Shell form with exec"), (command.start_line,))


def _no_build_tools(model: Model, findings: list[Finding], settings: Settings) -> Cell:
    if not findings:
        return Cell("None", ())
    tools = sorted({tool.split(" ", 1)[0] for _, _, found in build_tools_kept(model, model.final) for tool in found})
    return Cell((", ".join(tools) or model.final.root_image), tuple(sorted({f.line for f in findings})))


DETAILS: dict[str, Detail] = {
    "non_root_user": _non_root_user,
    "healthcheck": _healthcheck,
    "env_config": _env_config,
    "chown": _chown,
    "multi_stage": _multi_stage,
    "no_secrets": _no_secrets,
    "exec_form": _exec_form,
    "no_build_tools": _no_build_tools,
}

