"""## What it does
Flags `apt-get install` (and `apt install`, `aptitude install`) without
`--no-install-recommends` in the stages an image can be made of: the target stage and the
stages it is built FROM, and so every other target (a stage that nothing builds on or copies
from, such as a `production-image` beside a `dev-image`). `-o APT::Install-Recommends=false`
passes, and so does an apt configuration the stage gets earlier (a RUN that writes
`APT::Install-Recommends "false";`, or a COPY into /etc/apt/apt.conf.d/). In a builder stage
whose files alone are copied on, the finding is info (hadolint's DL3015 fires there too): its
packages never ship, but the Recommends still make every build download and unpack more.
It is info on an image the project only copies files out of (`docker cp $(docker create
IMAGE):...`, dockerfile/purpose.py's output-only images): its layers are neither run nor pushed.

## Why is this bad?
apt installs every package's Recommends too: `apt-get install python3-pip` pulls
build-essential, gcc, g++, make and python3-dev. The image grows by hundreds of MB and ships
compilers it never runs.

## Example
```dockerfile
RUN apt-get update && apt-get install -y libgomp1 && rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
RUN apt-get update && apt-get install -y --no-install-recommends libgomp1 \
    && rm -rf /var/lib/apt/lists/*
```
"""
import re

from dockharden.checks.dockerfile.shared import lowered, shell_runs, unshipped
from dockharden.core.vocabulary import Finding, Fix, Rule, Safety, Severity
from dockharden.dockerfile.edits import insert_word_after

RULE = Rule("DH909", "apt-recommends-installed", None, Severity.WARNING,
            "apt-get install without --no-install-recommends installs what the packages recommend too.", __doc__,
            peers=("DL3015", "DS-0029"))
_BUILDER = "a builder stage whose files alone are copied on: these packages do not ship, but every build fetches them"
_APTITUDE_OFF = frozenset({"--without-recommends", "-R"})  # aptitude's own spellings
_INSTALL = re.compile(r"(?<![\w.-])(?:\S*/)?apt(?:-get)?(?:\s+-[-\w=]+)*\s+install(?=\s|$)")


def check(model, settings):
    configured: dict[int, int | None] = {}  # stage -> the first apt configuration its image has
    for stage in model.stages:  # a parent comes before the stages built FROM it
        own = min((i.start_line for i in stage.instructions if _configures(i)), default=None)
        inherited = configured.get(stage.parent) if stage.parent is not None else None
        configured[stage.index] = own if inherited is None else inherited
        found = _installs(model, stage, configured[stage.index], settings)
        if stage.index in model.shipped:
            yield from (unshipped(f, model) for f in found)
        else:
            yield from (lowered(f, _BUILDER) for f in found)


def _installs(model, stage, configured, settings):
    """The installs of a stage that come before its image's apt configuration, if any."""
    for run in shell_runs(stage):
        if not run.packages or (configured is not None and run.instruction.start_line >= configured):
            continue
        for change in run.packages:
            if change.manager == "apt" and change.action == "install" and change.packages and not _off(change):
                yield Finding(RULE, change.line, "apt install without --no-install-recommends: what the packages recommend is installed too",
                              run.instruction.end_line, (_fix(model, change) if settings.fixes else None))


def _fix(model, change):
    edit = insert_word_after(model.dockerfile, change.line, _INSTALL, "--no-install-recommends") if change.program in ("apt-get", "apt") else None
    return None if edit is None else Fix((edit,), Safety.SAFE, "add --no-install-recommends to apt install")


def _off(change) -> bool:
    """--no-install-recommends in any spelling apt reads (knowledge/options.py: -o
    APT::Install-Recommends=false, --install-recommends=no), or aptitude's own."""
    return change.boolean("--install-recommends") is False or not _APTITUDE_OFF.isdisjoint(change.argv.unknown)


def _configures(instruction) -> bool:
    """An apt configuration that turns Recommends off for every later install: a file under
    /etc/apt/apt.conf(.d) that says so (`-o APT::Install-Recommends=false` on a command line
    is for that command only)."""
    if instruction.name == "RUN":
        source = instruction.source
        return "Install-Recommends" in source and "/etc/apt/apt.conf" in source and ("false" in source or '"0"' in source)
    return instruction.name in ("COPY", "ADD") and "/etc/apt/apt.conf" in instruction.args
