"""How Dockerfile rules judge a finding by what the image is for and how the project runs it."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from dockharden.core.vocabulary import Finding, Severity
from dockharden.dockerfile.model import Run, Stage
from dockharden.dockerfile.users import ROOT_NAMES
from dockharden.knowledge.image_shells import is_windows
from dockharden.knowledge.shells import is_shell

_NOTES = {
    "development": "a development image, as {reason}; production images need this",
    "base": "a base image, as {reason}; the images built FROM it need this",
    "tool": "a tool image, as {reason}; long-running services need this",
    "job": "a one-shot job, as {reason}; long-running services need this",
}
PRODUCTION_ONLY = ("development", "base", "tool")  # what production-only rules leave at info
SERVICE_ONLY = (*PRODUCTION_ONLY, "job")  # and what rules for long-running services do


def for_purpose(model, finding: Finding, kinds: tuple[str, ...] = PRODUCTION_ONLY) -> Finding | None:
    """A production-only rule's finding as the image's purpose makes it (dockerfile/purpose.py):
    unchanged on a service (and a one-shot job, unless `kinds` names it); info on a
    development, base or tool image, saying why; none on an output-only stage, which never
    runs."""
    purpose = model.purpose
    if purpose.kind == "output":
        return None
    if purpose.kind not in kinds:
        return finding
    return lowered(finding, _NOTES[purpose.kind].format(reason=purpose.reason))


def lowered(finding: Finding, note: str) -> Finding:
    """The finding at info level, its message saying why."""
    return replace(finding.with_severity(Severity.INFO), message=f"{finding.message} (info: {note})")


def compose_services(model):
    """The compose services that run this Dockerfile's final stage (no build target, or the
    final stage's name)."""
    if model.context is None:
        return ()
    name = (model.final.name or "").lower()
    return tuple(s for s in model.context.services if s.target is None or s.target.lower() == name)


def describe(services) -> str:
    return ", ".join(sorted({f"{s.file.rsplit('/', 1)[-1]} service {s.name}" for s in services}))


def as_root(model, finding: Finding) -> Finding | None:
    """A "runs as root" finding, given what else decides the user: compose services that run
    it with a non-root `user:`, an entrypoint that drops root (gosu, su-exec, s6), and the
    image's purpose."""
    judged = for_purpose(model, finding)
    if judged is None or judged.rule.severity is Severity.INFO:
        return judged
    services = compose_services(model)
    users = [s.user for s in services]
    if services and all(u and u.partition(":")[0] not in ROOT_NAMES for u in users):
        return lowered(finding, f"{describe(services)} runs it as user {users[0]}")
    if model.drops_root:
        return lowered(finding, f"the container starts as root, but {model.drops_root}")
    return finding


def notebook(model) -> bool:
    """A notebook image: built on jupyter's stacks, or its command starts Jupyter; its users
    build packages in it, so compilers there are for them."""
    from dockharden.dockerfile.facts import command_words

    facts = model.final.base_facts
    if facts is not None and facts.purpose == "notebook":
        return True
    return any(words and ("notebook" in words[0].rsplit("/", 1)[-1] or words[0].rsplit("/", 1)[-1] == "jupyter") for words in command_words(model))


_RUNTIME_WORDS = re.compile(r"\b(run[- ]?time|jit|on the fly|at (model )?(launch|startup|start-up)( time)?|when (it|they) (run|start)s?)\b", re.IGNORECASE)


def comment_above(model, line: int) -> str:
    """The comment block right above an instruction (blank lines end it)."""
    lines = model.dockerfile.lines
    text, number = [], line - 2
    while number >= 0 and lines[number].lstrip().startswith("#"):
        text.append(lines[number].lstrip()[1:].strip())
        number -= 1
    return " ".join(reversed(text))


def header_comment(model) -> str:
    """The comment block that opens the file (before its first instruction)."""
    first = model.dockerfile.instructions[0].start_line
    return " ".join(line.lstrip()[1:].strip() for line in model.dockerfile.lines[: first - 1] if line.lstrip().startswith("#"))


def says_needed_at_run_time(comment: str, names) -> bool:
    """Whether a comment says why some of `names` are needed when the image runs (JIT, at
    launch, on the fly)."""
    return bool(_RUNTIME_WORDS.search(comment)) and any(name in comment for name in names)


def shell_runs(stage: Stage) -> Iterator[Run]:
    """The stage's RUNs that a POSIX shell runs: not under `SHELL ["powershell", ...]` or
    cmd, not in a Windows image (whose default shell is cmd)."""
    if is_windows(stage.root_image):
        return
    for run in stage.runs:
        if is_shell(run.shell[0]):
            yield run
