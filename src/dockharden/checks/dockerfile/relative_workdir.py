"""## What it does
Flags a stage's first WORKDIR when it is a relative path and no earlier stage it is built FROM
set an absolute one, as BuildKit's WorkdirRelativePath does. A path that is still a variable
after ARG and ENV expansion is left alone.

## Why is this bad?
A relative WORKDIR is resolved against the base image's working directory: when the base
image moves its WORKDIR, every COPY and RUN after it lands somewhere else, silently.

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR app
```

## Use instead
```dockerfile
FROM python:3.12-slim
WORKDIR /app
```
"""
import re

from dockharden.core.vocabulary import Finding, Rule, Severity
from dockharden.dockerfile.words import unquote
from dockharden.dockerfile.variables import expand

RULE = Rule("DH920", "relative-workdir", None, Severity.WARNING,
            "The first WORKDIR is relative to whatever the base image's is.", __doc__,
            peers=("DL3000", "DS-0009", "CKV_DOCKER_10", "WorkdirRelativePath"))
_ABSOLUTE = re.compile(r"^(/|\\\\|[A-Za-z]:[\\/])")  # POSIX, or Windows with a drive or a share


def check(model, settings):
    workdir_set: set[int] = set()  # stages whose chain has a WORKDIR: BuildKit checks the first only
    for stage in model.stages:
        if stage.parent in workdir_set:
            workdir_set.add(stage.index)
            continue
        first = next((i for i in stage.instructions if i.name == "WORKDIR"), None)
        if first is None:
            continue
        workdir_set.add(stage.index)
        path = unquote(expand(first.args.strip(), stage.variables(), keep_unknown=True))
        if not _ABSOLUTE.match(path) and "$" not in path:
            yield Finding(RULE, first.start_line, f"WORKDIR {path} is relative: give an absolute path", first.end_line)
