"""## What it does
Flags `apk add` without `--no-cache` (unless the RUN mounts a cache over /var/cache/apk or
removes it in the same RUN).

## Why is this bad?
The APK index and package cache stay in the layer.

## Example
```dockerfile
RUN apk add libstdc++
```

## Use instead
```dockerfile
RUN apk add --no-cache libstdc++
```
"""
from dockharden.dockerfile.commands import package_change
from dockharden.vocabulary import Finding, Rule, Severity

RULE = Rule("DH908", "apk-cache-kept", None, Severity.WARNING, "apk add keeps its cache in the layer.", __doc__, fixable=True)


def check(model, settings):
    for stage in model.stages:
        for run in stage.runs:
            if any("/var/cache/apk" in m for m in run.mounts) or _removes_cache(run):
                continue
            for command in run.commands:
                change = package_change(command)
                if change and change.manager == "apk" and change.action == "install" and "--no-cache" not in change.options:
                    yield Finding(RULE, command.line, "apk add without --no-cache", run.instruction.end_line)


def _removes_cache(run):
    return any(c.program == "rm" and any(a.startswith("/var/cache/apk") for a in c.args) for c in run.commands)
