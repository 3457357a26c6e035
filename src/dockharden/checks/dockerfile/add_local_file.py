"""## What it does
Flags ADD of local files that are not archives. URLs and local tar archives (which ADD
unpacks) are left alone.

## Why is this bad?
ADD has surprising extra behaviour (unpacking, remote download); COPY does only what it
says.

## Example
```dockerfile
ADD requirements.txt /app/
```

## Use instead
```dockerfile
COPY requirements.txt /app/
```
"""
import re

from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH901", "add-local-file", None, Severity.WARNING, "ADD copies a local file; use COPY.", __doc__,
            peers=("DL3020", "DS-0005", "CKV_DOCKER_4", "CIS-DI-0009"))
_ARCHIVE = re.compile(r"\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst)$", re.IGNORECASE)
_REMOTE = re.compile(r"^(https?://|git@|[a-z]+://)")


def check(model, settings):
    for stage in model.stages:
        for copy in stage.copies:
            if copy.is_add and copy.from_ref is None and not copy.instruction.heredocs and _local_files(copy.sources):
                yield Finding(RULE, copy.instruction.start_line, "ADD of local files: use COPY", copy.instruction.end_line)


def _local_files(sources):
    return any(not _REMOTE.match(s) and not _ARCHIVE.search(s) for s in sources)
