"""## What it does
Flags `apt-get install` (and `apt install`, `aptitude install`) without
`--no-install-recommends` in the stages the image is made of: the target stage and the stages
it is built FROM. `-o APT::Install-Recommends=false` passes, and so does an apt configuration
the image gets earlier (a RUN that writes `APT::Install-Recommends "false";`, or a COPY into
/etc/apt/apt.conf.d/). A builder stage whose files alone are copied on is left alone: its
packages never ship.

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

from dockharden.checks.dockerfile.shared import shell_runs
from dockharden.core.vocabulary import Finding, Fix, Rule, Safety, Severity
from dockharden.dockerfile.edits import insert_word_after

RULE = Rule("DH909", "apt-recommends-installed", None, Severity.WARNING,
            "apt-get install without --no-install-recommends installs what the packages recommend too.", __doc__,
            peers=("DL3015", "DS-0029"))
_APTITUDE_OFF = frozenset({"--without-recommends", "-R"})  # aptitude's own spellings
_INSTALL = re.compile(r"(?<![\w.-])(?:\S*/)?apt(?:-get)?(?:\s+-[-\w=]+)*\s+install(?=\s|$)")


def check(model, settings):
    stages = model.lineage(model.final)
    configured = min((i.start_line for s in stages for i in s.instructions if _configures(i)), default=None)
    for stage in reversed(stages):
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
    """An apt configuration that turns Recommends off for every later install."""
    if instruction.name == "RUN":
        return "Install-Recommends" in instruction.source and ("false" in instruction.source or '"0"' in instruction.source)
    return instruction.name in ("COPY", "ADD") and "/etc/apt/apt.conf" in instruction.args
