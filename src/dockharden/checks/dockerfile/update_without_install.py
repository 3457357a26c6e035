"""## What it does
Flags a RUN that refreshes the package index (`apt-get update`, `apt update`, `apk update`) and
installs nothing after it. A RUN that goes on to anything that may install (a script, `xargs`)
is left alone, and so is one that removes the lists it fetched (`apt-get update && rm -rf
/var/lib/apt/lists/*`, `/var/cache/apk/*` after `apk update`): nothing is kept for a later
install to use. Under a cache mount the lists stay in the mount, and a later RUN installs from
them whenever the build cache skips this one: that is still flagged.

## Why is this bad?
The build cache keeps that layer: a later RUN's `apt-get install` then installs from lists
cached weeks ago, gets outdated packages or fails with 404s when the mirror has moved on, and
`--no-cache` is the only way out. The lists also stay in the layer (CIS Docker Benchmark 4.7).

## Example
```dockerfile
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl
```

## Use instead
```dockerfile
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
```
"""
from dockharden.checks.dockerfile.shared import shell_runs
from dockharden.core.vocabulary import Finding, Rule, Severity
from dockharden.dockerfile.packages import removes

RULE = Rule("DH916", "update-without-install", None, Severity.WARNING,
            "A RUN updates the package index and installs nothing.", __doc__,
            peers=("DS-0017", "CKV_DOCKER_5", "CIS-DI-0007"))
# What may follow the update without installing anything.
_HARMLESS = frozenset({"apt-get", "apt", "aptitude", "apk", "apt-cache", "apt-key", "add-apt-repository", "echo", "rm", "true",
                       "set", "printf", "mkdir", "ls", "cat", "gpg", "curl", "wget", "tee"})
# The programs that refresh a package index, and where they keep it.
_LISTS = {"apt-get": "/var/lib/apt/lists", "apt": "/var/lib/apt/lists", "aptitude": "/var/lib/apt/lists", "apk": "/var/cache/apk"}
_INDEXERS = frozenset(_LISTS)
_INSTALLS = frozenset({"install", "add", "upgrade", "dist-upgrade", "full-upgrade", "safe-upgrade", "build-dep", "source", "satisfy", "reinstall", "fix"})


def check(model, settings):
    for stage in model.stages:
        for run in shell_runs(stage):
            if not run.programs.isdisjoint(_INDEXERS):
                yield from _check_run(run)


def _check_run(run):
    for index, command in enumerate(run.commands):
        if command.program in _INDEXERS and "update" in command.args:
            rest = run.commands[index + 1 :]
            if all(c.program in _HARMLESS and not _INSTALLS.intersection(c.args) for c in rest) and not removes(run, _LISTS[command.program]):
                yield Finding(RULE, command.line, f"{command.program} update in a RUN that installs nothing: "
                              "a later install uses whatever lists the build cache kept", run.instruction.end_line)
            return
