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
from dockharden.buildtools import is_build_package, package_name
from dockharden.vocabulary import Finding, Rule, Severity

RULE = Rule("DH801", "build-tools-in-final", "no_build_tools", Severity.ERROR, "Build tools are installed in the final stage.", __doc__)


def check(model, settings):
    removed = {package_name(p) for c in model.final.packages if c.action == "remove" for p in c.packages}
    virtual = _virtual_groups(model.final.packages)
    for change in model.final.packages:
        if change.action != "install" or change.manager not in ("apt", "apk", "yum"):
            continue
        tools = [p for p in change.packages if is_build_package(p) and package_name(p) not in removed]
        if tools and not (virtual.get(change.line) and virtual[change.line] in removed):
            yield Finding(RULE, change.line, f"build tools in the final image: {', '.join(tools)}")


def _virtual_groups(changes):
    groups = {}
    for change in changes:
        for option in change.options:
            if option.startswith(("--virtual=", "-t=")):
                groups[change.line] = option.split("=", 1)[1]
    return groups
