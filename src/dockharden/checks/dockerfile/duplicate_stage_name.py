"""## What it does
Flags a FROM ... AS NAME whose NAME (in any casing) an earlier stage already has.

## Why is this bad?
A reference to the name becomes ambiguous: BuildKit resolves a later `FROM NAME` to the most
recent stage of that name but `COPY --from=NAME` and `--target NAME` to the last one in the
file, so the build takes files from a stage the reader did not mean.

## Example
```dockerfile
FROM python:3.12-slim AS build
FROM node:22-slim AS build
```

## Use instead
```dockerfile
FROM python:3.12-slim AS python-build
FROM node:22-slim AS node-build
```
"""
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH923", "duplicate-stage-name", None, Severity.WARNING, "Two stages have the same name.", __doc__,
            peers=("DuplicateStageName", "DS-0012", "CKV_DOCKER_11"))


def check(model, settings):
    seen: dict[str, int] = {}
    for stage in model.stages:
        if stage.name:
            name = stage.name.lower()
            if name in seen:
                yield Finding(RULE, stage.line, f"stage name {stage.name!r} is already the name of the stage on line {seen[name]}")
            seen.setdefault(name, stage.line)
