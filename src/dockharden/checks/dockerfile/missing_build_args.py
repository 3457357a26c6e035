"""## What it does
Notes a Dockerfile with no ARG at all: nothing can be configured at build time (base image,
Python version, version metadata). The verification matrix shows it as "Basic config".

## Why is this bad?
Without build arguments every variation (another Python, a mirror, version labels) means
editing the file.

## Example
```dockerfile
FROM python:3.12-slim
```

## Use instead
```dockerfile
ARG PYTHON_VERSION=3.12
FROM python:${PYTHON_VERSION}-slim
ARG APP_VERSION=0.0.0
```
"""
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH303", "missing-build-args", "env_config", Severity.INFO, "No ARG allows build-time configuration.", __doc__)


def check(model, settings):
    for instruction in model.dockerfile.instructions:
        if instruction.name == "ARG":
            return
    yield Finding(RULE, model.stages[0].line, "no ARG: nothing is configurable at build time")
