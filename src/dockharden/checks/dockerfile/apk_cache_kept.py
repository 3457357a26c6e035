"""## What it does
Flags `apk add` without `--no-cache` in a shipped stage, unless the RUN mounts a cache over
/var/cache/apk or removes it in the same RUN. A builder stage whose output alone is copied
on never ships.
It is info when the RUN installs only under a build setting that is off by default
(`if [ "$DEBUG" = 1 ]; then ...; fi` with `ARG DEBUG=0`): the image built as is holds none of it.

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
from dockharden.checks.dockerfile.shared import switched
from dockharden.dockerfile.packages import installs_keeping
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH908", "apk-cache-kept", None, Severity.WARNING, "apk add keeps its cache in the layer.", __doc__,
            peers=("DL3019", "DS-0025", "DKL-DI-0004"))


def check(model, settings):
    for _, run, installs in installs_keeping(model, "apk", "/var/cache/apk", lambda stage, run, change: not change.has("--no-cache")):
        for change in installs:
            yield switched(Finding(RULE, change.line, "apk add without --no-cache", run.instruction.end_line), run)
