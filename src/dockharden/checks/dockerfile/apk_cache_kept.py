"""## What it does
Flags `apk add` without `--no-cache` in a shipped stage, unless the RUN mounts a cache over
/var/cache/apk or removes it in the same RUN. So are `apk update` and `apk upgrade`
(`apk -U upgrade`) in a RUN that adds nothing without `--no-cache`: they fetch the index too. A builder stage whose output alone is copied
on never ships.
It is info when the RUN installs only under a build setting that is off by default
(`if [ "$DEBUG" = 1 ]; then ...; fi` with `ARG DEBUG=0`): the image built as is holds none of it.
It is info on an image the project only copies files out of (`docker cp $(docker create
IMAGE):...`, dockerfile/purpose.py's output-only images): its layers are neither run nor pushed.

## Why is this bad?
The APK index (a few MB per repository) and package cache stay in the layer.

## Example
```dockerfile
RUN apk add libstdc++
```

## Use instead
```dockerfile
RUN apk add --no-cache libstdc++
```
"""
from typing import NamedTuple

from dockharden.checks.dockerfile.shared import switched, unshipped
from dockharden.dockerfile.packages import runs_keeping
from dockharden.knowledge.options import parse_argv
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH908", "apk-cache-kept", None, Severity.WARNING, "apk add, update or upgrade keeps its cache in the layer.", __doc__,
            peers=("DL3019", "DS-0025", "DKL-DI-0004"))


_INDEX_WRITERS = ("update", "upgrade")


def check(model, settings):
    for _, run in runs_keeping(model, "/var/cache/apk"):
        installs = [c for c in run.packages if c.manager == "apk" and c.action == "install" and not c.has("--no-cache")]
        for change in installs:
            yield unshipped(switched(Finding(RULE, change.line, "apk add without --no-cache", run.instruction.end_line), run), model)
        refresh = None if installs else _refresh(run)
        if refresh is not None:
            message = f"apk {refresh.verb} without --no-cache: the APK index it fetches stays in /var/cache/apk"
            yield unshipped(switched(Finding(RULE, refresh.line, message, run.instruction.end_line), run), model)


class _Refresh(NamedTuple):
    verb: str
    line: int


def _refresh(run) -> _Refresh | None:
    """The RUN's first `apk update` or `apk upgrade` (-U or not) without --no-cache: both
    fetch the index into /var/cache/apk when it is missing, as in every Alpine image."""
    for command in run.commands:
        if command.program == "apk":
            argv = parse_argv("apk", command.args)
            if argv.operands[:1] and argv.operands[0] in _INDEX_WRITERS and not argv.has("--no-cache"):
                return _Refresh(argv.operands[0], command.line)
    return None
