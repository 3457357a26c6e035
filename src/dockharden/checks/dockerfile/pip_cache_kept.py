"""## What it does
Flags `pip install` without `--no-cache-dir`, `uv pip install` / `uv sync` without
`--no-cache`, and `poetry install` without `--no-cache` in a shipped stage. Options are
read as each program reads them: pip takes any unique prefix (`--no-cache`), uv takes
`--no-cache-dir` and `-n` as aliases, and PIP_NO_CACHE_DIR / UV_NO_CACHE set by an earlier
ENV or ARG count. Not flagged: a RUN that mounts a cache over the cache folder (or points
`--cache-dir` into a cache mount), removes the cache itself (`rm -rf /root/.cache/pip`,
`pip cache purge`, `uv cache clean`, `rm -rf $(poetry config cache-dir)`), an install of
local wheels with `--no-deps`, of wheels from a folder that an earlier stage's `pip wheel
--wheel-dir` (without `--no-deps`) filled and the RUN mounts or the stage copies
(`pip install /deps/wheels/*.whl`), or a `pip install --no-index` from local `--find-links`
folders (nothing is downloaded), and builder stages whose output alone is copied on. `python -m spacy download` and `python get-pip.py` count as the `pip install` they run.

The fix (safe) adds the installer's flag after its install verb.
It is info when the RUN installs only under a build setting that is off by default
(`if [ "$DEBUG" = 1 ]; then ...; fi` with `ARG DEBUG=0`): the image built as is holds none of it.
It is info on an image the project only copies files out of (`docker cp $(docker create
IMAGE):...`, dockerfile/purpose.py's output-only images): its layers are neither run nor pushed.

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
import re

from dockharden.checks.dockerfile.shared import switched, unshipped
from dockharden.dockerfile.edits import insert_word_after
from dockharden.dockerfile.mounts import mount_option, mount_target
from dockharden.dockerfile.packages import CACHE_DIRS, CACHES, cache_folder, caches_kept
from dockharden.core.vocabulary import Finding, Fix, Rule, Safety, Severity

RULE = Rule("DH903", "pip-cache-kept", None, Severity.WARNING, "pip/uv/Poetry installs keep their download cache in the layer.", __doc__,
            peers=("DL3042",))
# Programs that run pip install for the user: no `install` verb to put the option after.
_BY_PIP = {"spacy": "python -m spacy download (a pip install)", "get-pip.py": "python get-pip.py (a pip install)"}
_ENV = {"pip": " (or ENV PIP_NO_CACHE_DIR=1)", "uv": " (or ENV UV_NO_CACHE=1)", "poetry": ""}
# Where the option goes: after the install verb (`uv pip install` is uv's, not pip's).
_INSTALLS = {
    "pip": re.compile(r"(?<!uv )(?<![\w.-])(?:\S*/)?pip[0-9.]*\s+install(?=[\s;&|)]|$)"),
    "uv": re.compile(r"(?<![\w.-])(?:\S*/)?uv\s+(?:pip\s+install|sync)(?=[\s;&|)]|$)"),
    "poetry": re.compile(r"(?<![\w.-])(?:\S*/)?poetry\s+install(?=[\s;&|)]|$)"),
}


_NAMED = {manager: re.compile(rf"(?:^|[/_.-])(?:{names})(?:[/_.-]|$)") for manager, names in
          (("pip", "pip"), ("uv", "uv"), ("poetry", "poetry|pypoetry"))}


def check(model, settings):
    shipped = [stage for stage in model.stages if stage.index in model.shipped]
    reported = set()
    for stage, run, change in caches_kept(model, shipped):
        if (change.line, change.manager) in reported:  # both branches of an if/else
            continue
        reported.add((change.line, change.manager))
        what = _BY_PIP.get(change.program, f"{change.program} install")
        flag, folder = CACHES[change.manager][0], cache_folder(stage, run, change)
        mounted = _mount_meant_for(run, change.manager)
        if mounted is not None:  # a mount meant for this cache, at a folder the installer does not use
            message = (f"{what} keeps its download cache ({folder}) in the layer: the cache mount at {mounted} is not that folder; "
                       f"set {CACHE_DIRS[change.manager]}={mounted}")
        else:
            message = f"{what} keeps its download cache ({folder}) in the layer; add {flag}{_ENV[change.manager]} or a cache mount"
        yield unshipped(switched(Finding(RULE, change.line, message, run.instruction.end_line, (_fix(model, change, flag) if settings.fixes else None)), run), model)


def _mount_meant_for(run, manager):
    """The target of the RUN's cache mount named for the installer (/tmp/uv-cache for uv), if any."""
    for mount in run.mounts:
        target = mount_target(mount)
        if mount_option(mount, "type") == "cache" and target and _NAMED[manager].search(target):
            return target
    return None


def _fix(model, change, flag):
    """The flag after the install verb, when the line holds one such install (spacy's has none)."""
    edit = None if change.program in _BY_PIP else insert_word_after(model.dockerfile, change.line, _INSTALLS[change.manager], flag)
    return None if edit is None else Fix((edit,), Safety.SAFE, f"add {flag} to {change.program} install")
