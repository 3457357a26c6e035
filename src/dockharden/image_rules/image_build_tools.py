"""## What it does
Flags compilers and toolchains in the final image: gcc, cc, g++, c++, clang or make along
the image's PATH, or the traces build-essential and gcc leave (/usr/share/doc/build-essential,
/usr/lib/gcc). Reported on line 0: the image as a whole.

## Why is this bad?
They add hundreds of megabytes and hand an attacker who gets a shell a way to build
exploits in place. Wheels are built in a builder stage; the final stage only runs them.

## Example
```dockerfile
FROM python:3.12-slim
RUN apt-get update && apt-get install -y build-essential && pip install -r requirements.txt
```

## Use instead
```dockerfile
FROM python:3.12-slim AS builder
RUN apt-get update && apt-get install -y build-essential
RUN python -m venv /opt/venv && /opt/venv/bin/pip install -r requirements.txt

FROM python:3.12-slim
COPY --from=builder /opt/venv /opt/venv
```
"""
from dockharden.vocabulary import Finding, Rule, Severity

RULE = Rule("IM801", "image-build-tools", "no_build_tools", Severity.ERROR, "The image ships compilers or build tools.", __doc__)
SET_BY: tuple[str, ...] = ()


def check(facts, settings):
    if facts.build_tools:
        found = ", ".join(f"{tool.name} ({tool.path})" for tool in facts.build_tools)
        yield Finding(RULE, 0, f"build tools in the final image: {found}")
