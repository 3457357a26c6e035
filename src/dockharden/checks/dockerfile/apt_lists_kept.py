"""## What it does
Flags `apt-get install` in a RUN that does not remove `/var/lib/apt/lists` in the same RUN
and does not mount a cache over it.

## Why is this bad?
The package lists (tens of MB) stay in the layer; removing them in a later RUN frees nothing.

## Example
```dockerfile
RUN apt-get update && apt-get install -y --no-install-recommends libgomp1
```

## Use instead
```dockerfile
RUN apt-get update && apt-get install -y --no-install-recommends libgomp1 \
    && rm -rf /var/lib/apt/lists/*
```
"""
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH904", "apt-lists-kept", None, Severity.WARNING, "apt-get install leaves /var/lib/apt/lists in the layer.", __doc__)


def check(model, settings):
    for stage in model.stages:
        for run in stage.runs:
            if not run.packages:
                continue
            installs = [c for c in run.packages if c.manager == "apt" and c.action == "install"]
            if installs and not _cleans(run):
                yield Finding(RULE, installs[0].line, "apt-get install without rm -rf /var/lib/apt/lists/* in the same RUN", run.instruction.end_line)


def _cleans(run):
    if any("/var/lib/apt" in m and "type=cache" in m for m in run.mounts):
        return True
    return "rm" in run.programs and any(c.program == "rm" and any(a.startswith("/var/lib/apt/lists") for a in c.args) for c in run.commands)
