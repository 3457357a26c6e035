"""## What it does
Flags `pip install` without `--no-cache-dir` and `uv pip install` / `uv sync` without
`--no-cache` in a shipped stage. Options are read as pip and uv read them: pip takes any
unique prefix (`--no-cache`), uv takes `--no-cache-dir` and `-n` as aliases, and
PIP_NO_CACHE_DIR / UV_NO_CACHE set by an earlier ENV or ARG count. Not flagged: a RUN that
mounts a cache over the cache folder (or points `--cache-dir` into a cache mount), removes
the cache itself (`rm -rf /root/.cache/pip`, `pip cache purge`, `uv cache clean`), an
install of local wheels with `--no-deps` (nothing is downloaded), and builder stages whose
output alone is copied on. `python -m spacy download` counts as the `pip install` it runs.

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
from dockharden.dockerfile.model import mount_option
from dockharden.dockerfile.packages import installs_keeping
from dockharden.knowledge.options import set_by_env
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH903", "pip-cache-kept", None, Severity.WARNING, "pip/uv installs keep their download cache in the layer.", __doc__)
_NO_CACHE = {"pip": ("--no-cache-dir", "PIP_NO_CACHE_DIR=1"), "uv": ("--no-cache", "UV_NO_CACHE=1")}
_CLEANERS = (("cache", "purge"), ("cache", "clean"))


def check(model, settings):
    for manager, (flag, env) in _NO_CACHE.items():
        for _, run, installs in installs_keeping(model, manager, f"/root/.cache/{manager}", _keeps_cache):
            if _clears_cache(run, manager):
                continue
            for change in installs:
                what = "python -m spacy download (a pip install)" if change.program == "spacy" else f"{change.program} install"
                message = f"{what} keeps {manager}'s cache in the layer; add {flag} (or ENV {env}) or a cache mount"
                yield Finding(RULE, change.line, message, run.instruction.end_line)


def _keeps_cache(stage, run, change):
    flag = _NO_CACHE[change.manager][0]
    if change.has(flag) or set_by_env(change.manager, flag, _variables_before(stage, run)):
        return False
    return not _cache_dir_mounted(run, change) and not _downloads_nothing(change)


def _variables_before(stage, run):
    line = run.instruction.start_line
    return {**stage.args, **{name: var.value for name, var in stage.env.items() if var.line < line}}


def _cache_dir_mounted(run, change):
    folder = change.value("--cache-dir")
    targets = [mount_option(m, "target") or mount_option(m, "dst") or "" for m in run.mounts if mount_option(m, "type") == "cache"]
    if folder is not None:
        return any(t and (folder == t or folder.startswith(t.rstrip("/") + "/")) for t in targets)
    return any(t.rstrip("/").endswith(("/.cache", f"/.cache/{change.manager}")) for t in targets)


def _downloads_nothing(change):
    """pip caches downloads and wheels it builds from an index; local wheels installed without
    their dependencies add nothing to it."""
    local = all(p.startswith(("/", "./", "../")) or p.endswith(".whl") for p in change.packages)
    return change.has("--no-deps") and bool(change.packages) and local and not change.has("--requirement")


def _clears_cache(run, manager):
    """Besides what installs_keeping sees (rm of /root/.cache/pip, a cache mount there):
    `pip cache purge`, `uv cache clean`, rm of another home's .cache."""
    if any(c.program.startswith(manager) and c.args[:2] in _CLEANERS for c in run.commands):
        return True
    return "rm" in run.programs and any(
        c.program == "rm" and any(f".cache/{manager}" in a or a.rstrip("/*").endswith("/.cache") for a in c.args) for c in run.commands
    )
