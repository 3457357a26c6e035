"""## What it does
Flags compilers and build tools installed in the final stage or a stage it is built FROM:
gcc, g++, clang, make, cmake, build-essential, build-base, `*-dev` headers, rustc, cargo.
Packages removed again in the same RUN (`apk add --virtual .build-deps ... && apk del
.build-deps`, `apt-get purge`) are not flagged.

## Why is this bad?
Compilers in a production image are tools for an attacker, hundreds of megabytes and
a stream of CVEs. Build wheels in a builder stage and copy the venv.

## Example
```dockerfile
FROM python:3.12-slim
RUN apt-get update && apt-get install -y gcc && pip install --no-cache-dir -r requirements.txt
```

## Use instead
```dockerfile
FROM python:3.12-slim AS builder
RUN apt-get update && apt-get install -y gcc
FROM python:3.12-slim
COPY --from=builder /opt/venv /opt/venv
```
"""
from dockharden.dockerfile.packages import build_packages_kept
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH801", "build-tools-in-final", "no_build_tools", Severity.ERROR, "Build tools are installed in the final stage.", __doc__)


def check(model, settings):
    for stage in model.lineage(model.final):
        for run in stage.runs:
            for change, tools in build_packages_kept(run):
                yield Finding(RULE, change.line, f"build tools in the final image: {', '.join(tools)}")
