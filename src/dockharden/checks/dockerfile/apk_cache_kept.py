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
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH908", "apk-cache-kept", None, Severity.WARNING, "apk add keeps its cache in the layer.", __doc__)


def check(model, settings):
    for stage in model.stages:
        for run in stage.runs:
            if not run.packages:
                continue
            adds = [c for c in run.packages if c.manager == "apk" and c.action == "install" and "--no-cache" not in c.options]
            if not adds or any("/var/cache/apk" in m for m in run.mounts) or _removes_cache(run):
                continue
            for change in adds:
                yield Finding(RULE, change.line, "apk add without --no-cache", run.instruction.end_line)


def _removes_cache(run):
    return "rm" in run.programs and any(c.program == "rm" and any(a.startswith("/var/cache/apk") for a in c.args) for c in run.commands)
