"""## What it does
Flags `apt` (not `apt-get` or `apt-cache`) run by a RUN.

## Why is this bad?
apt is the interactive front end: its command line and output are not stable between
releases ("WARNING: apt does not have a stable CLI interface. Use with caution in scripts."),
it draws progress bars into the build log, and its defaults follow what suits a terminal.
apt-get and apt-cache are the interfaces meant for scripts.

## Example
```dockerfile
RUN apt update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
```
"""
from dockharden.checks.dockerfile.shared import shell_runs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH914", "apt-instead-of-apt-get", None, Severity.WARNING,
            "A RUN uses apt, whose command line is not stable for scripts.", __doc__, peers=("DL3027", "CKV_DOCKER_9"))


def check(model, settings):
    for stage in model.stages:
        for run in shell_runs(stage):
            if "apt" in run.programs:
                first = next(c for c in run.commands if c.program == "apt")
                yield Finding(RULE, first.line, "apt in a script: use apt-get (or apt-cache), whose interface is stable",
                              run.instruction.end_line)
