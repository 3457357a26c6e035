"""## What it does
Reports, at info level, a RUN that upgrades every package of the base image: `apt-get upgrade`,
`dist-upgrade` or `full-upgrade`, `apk upgrade`, and `dnf`/`yum`/`microdnf` `upgrade` or
`update` without package names.

## Why is this bad?
It is a trade-off, not a defect, hence info. The upgrade does patch the known CVEs of the base
image (which is why hadolint dropped its DL3005), but it makes the image's packages depend on
the day of the build rather than on the base image's tag: two builds of the same commit differ,
and a scan of the base tag no longer describes the image. A newer or rebuilt base tag gives the
same fixes reproducibly.

## Example
```dockerfile
FROM python:3.12-slim-bookworm
RUN apt-get update && apt-get -y upgrade && rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
# a base tag rebuilt with the fixes; rebuild the image when it moves
FROM python:3.12.11-slim-bookworm
```
"""
from dockharden.checks.dockerfile.shared import shell_runs
from dockharden.core.vocabulary import Finding, Rule, Severity
from dockharden.dockerfile.shell import options_and_operands

RULE = Rule("DH915", "package-upgrade", None, Severity.INFO,
            "A RUN upgrades every package of the base image.", __doc__, peers=("DKL-DI-0003", "DS-0024"))
_UPGRADES = {
    "apt-get": frozenset({"upgrade", "dist-upgrade", "full-upgrade"}),
    "apt": frozenset({"upgrade", "dist-upgrade", "full-upgrade"}),
    "aptitude": frozenset({"upgrade", "safe-upgrade", "full-upgrade", "dist-upgrade"}),
    "apk": frozenset({"upgrade"}),
    "dnf": frozenset({"upgrade", "update", "up", "distro-sync"}),
    "yum": frozenset({"upgrade", "update", "distro-sync"}),
    "microdnf": frozenset({"upgrade", "update"}),
}
_PROGRAMS = frozenset(_UPGRADES)
_TAKE_VALUES = frozenset("-o -t -c --option --target-release --config-file -X --repository --setopt".split())


def check(model, settings):
    for stage in model.stages:
        for run in shell_runs(stage):
            if not run.programs.isdisjoint(_PROGRAMS):
                for command in run.commands:
                    operands = options_and_operands(command.args, _TAKE_VALUES)[1] if command.program in _UPGRADES else []
                    if len(operands) == 1 and operands[0] in _UPGRADES[command.program]:
                        yield Finding(RULE, command.line, f"{command.program} {operands[0]} upgrades every package of the base image",
                                      run.instruction.end_line)
                        break
