"""## What it does
Flags `dnf`, `microdnf`, `yum` or `tdnf` `install` (or `upgrade`) in a stage the image is made
of, when the same RUN does not run `<manager> clean all` afterwards, remove the cache
(`rm -rf /var/cache/dnf`, `/var/cache/yum`) or mount a cache over it. A builder stage whose
files alone are copied on is left alone: its cache never ships.
It is info when the RUN installs only under a build setting that is off by default
(`if [ "$DEBUG" = 1 ]; then ...; fi` with `ARG DEBUG=0`): the image built as is holds none of it.
It is info on an image the project only copies files out of (`docker cp $(docker create
IMAGE):...`, dockerfile/purpose.py's output-only images): its layers are neither run nor pushed.

## Why is this bad?
The repository metadata (often 100 MB and more) and downloaded packages stay in the layer;
cleaning them in a later RUN frees nothing.

## Example
```dockerfile
RUN dnf install -y python3.12
```

## Use instead
```dockerfile
RUN dnf install -y python3.12 && dnf clean all
```
"""
from dockharden.checks.dockerfile.shared import shell_runs, switched, unshipped
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH912", "dnf-cache-kept", None, Severity.WARNING,
            "dnf/microdnf/yum install keeps its cache in the layer.", __doc__,
            peers=("DL3040", "DL3032", "DS-0015", "DS-0019", "DS-0027"))
_MANAGERS = frozenset({"dnf", "microdnf", "yum", "tdnf"})
_INSTALLS = frozenset({"install", "in", "reinstall", "groupinstall", "localinstall"})  # of the packages named
_UPGRADES = frozenset({"upgrade", "up", "update", "distro-sync"})  # of every package, when none is named
_CACHES = ("/var/cache/dnf", "/var/cache/yum", "/var/cache/libdnf5", "/var/cache/tdnf")


def check(model, settings):
    for stage in model.lineage(model.final):
        for run in shell_runs(stage):
            if not run.programs.isdisjoint(_MANAGERS) and not any(cache in mount for mount in run.mounts for cache in _CACHES):
                yield from (unshipped(f, model) for f in _check_run(run))


def _check_run(run):
    installs = [n for n, c in enumerate(run.commands) if c.program in _MANAGERS and _downloads(c)]
    if installs and not any(_cleans(c) for c in run.commands[installs[-1] + 1 :]):
        command = run.commands[installs[-1]]
        message = f"{command.program} {_verb(command)} without `{command.program} clean all` in the same RUN: its cache stays in the layer"
        yield switched(Finding(RULE, command.line, message, run.instruction.end_line), run)


def _downloads(command) -> bool:
    verb = _verb(command)
    return verb in _UPGRADES or verb in _INSTALLS and len(_operands(command)) > 1


def _operands(command) -> list[str]:
    return [a for a in command.args if not a.startswith("-")]


def _verb(command) -> str:
    operands = _operands(command)
    return operands[0] if operands else ""


def _cleans(command) -> bool:
    if command.program in _MANAGERS:
        return _operands(command)[:2] == ["clean", "all"]
    return command.program == "rm" and any(a.startswith(_CACHES) or a in ("/var/cache", "/var/cache/*") for a in command.args)
