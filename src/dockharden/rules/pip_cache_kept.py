"""## What it does
Flags `pip install` without `--no-cache-dir` and `uv pip install` / `uv sync` without
`--no-cache`, unless the RUN mounts a cache (`--mount=type=cache`) or PIP_NO_CACHE_DIR /
UV_NO_CACHE is set.

## Why is this bad?
The download cache (often hundreds of MB for ML wheels) is written into the layer and
shipped.

## Example
```dockerfile
RUN pip install -r requirements.txt
```

## Use instead
```dockerfile
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
```
"""
from dockharden.vocabulary import Finding, Rule, Severity

RULE = Rule("DH903", "pip-cache-kept", None, Severity.WARNING, "pip/uv installs keep their download cache in the layer.", __doc__, fixable=True)
_NO_CACHE = {"pip": ("--no-cache-dir",), "uv": ("--no-cache", "-n")}
_ENV = {"pip": "PIP_NO_CACHE_DIR", "uv": "UV_NO_CACHE"}


def check(model, settings):
    for stage in model.stages:
        for run in stage.runs:
            if any("type=cache" in m for m in run.mounts):
                continue
            for command in run.commands:
                yield from _check_command(stage, run, command)


def _check_command(stage, run, command):
    from dockharden.dockerfile.commands import package_change

    change = package_change(command)
    if change is None or change.manager not in _NO_CACHE or change.action != "install":
        return
    if any(o in _NO_CACHE[change.manager] for o in change.options) or _ENV[change.manager] in stage.env:
        return
    yield Finding(RULE, command.line, f"{change.manager} install keeps its cache in the layer; add {_NO_CACHE[change.manager][0]} or a cache mount", run.instruction.end_line)
