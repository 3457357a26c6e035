"""## What it does
Flags `pip install` without `--no-cache-dir` and `uv pip install` / `uv sync` without
`--no-cache`, unless the RUN mounts a cache (`--mount=type=cache`), removes the cache
itself, or PIP_NO_CACHE_DIR / UV_NO_CACHE is set.

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
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH903", "pip-cache-kept", None, Severity.WARNING, "pip/uv installs keep their download cache in the layer.", __doc__)
_NO_CACHE = {"pip": ("--no-cache-dir",), "uv": ("--no-cache", "-n")}
_ENV = {"pip": "PIP_NO_CACHE_DIR", "uv": "UV_NO_CACHE"}


def check(model, settings):
    for stage in model.stages:
        for run in stage.runs:
            if run.packages and not any("type=cache" in m for m in run.mounts):
                yield from _check_run(stage, run)


def _check_run(stage, run):
    for change in run.packages:
        manager = change.manager
        if manager not in _NO_CACHE or change.action != "install" or _removes_cache(run, manager):
            continue
        if not any(o in _NO_CACHE[manager] for o in change.options) and _ENV[manager] not in stage.env:
            message = f"{manager} install keeps its cache in the layer; add {_NO_CACHE[manager][0]} or a cache mount"
            yield Finding(RULE, change.line, message, run.instruction.end_line)


def _removes_cache(run, manager):
    caches = (f".cache/{manager}", "/root/.cache")
    return "rm" in run.programs and any(c.program == "rm" and any(d in a for a in c.args for d in caches) for c in run.commands)
