"""## What it does
Flags a RUN that starts with `cd DIR` (after `set`, `export` or sourcing a venv) and changes
directory nowhere else: WORKDIR says the same, once, for every later instruction. A `cd` that
only scopes part of a RUN is left alone: into a directory the RUN creates (`git clone`,
`mkdir`, `tar`), a second `cd`, a RUN that removes DIR again, and DIR under /tmp or a mount of
the RUN (WORKDIR would keep a temporary or mounted directory for everything after it).

## Why is this bad?
Every RUN has to repeat the `cd`, and a reader has to find out where each command runs; the
next RUN without it runs somewhere else.

## Example
```dockerfile
RUN cd /app && pip install --no-cache-dir -r requirements.txt
```

## Use instead
```dockerfile
WORKDIR /app
RUN pip install --no-cache-dir -r requirements.txt
```
"""
from dockharden.checks.dockerfile.shared import shell_runs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH913", "cd-instead-of-workdir", None, Severity.INFO,
            "A RUN starts with cd where WORKDIR says the same.", __doc__, peers=("DL3003", "DS-0013"))
_SETUP = frozenset({".", "source", "set", "export", "umask"})


def check(model, settings):
    for stage in model.stages:
        for run in shell_runs(stage):
            if "cd" in run.programs:
                cd = _leading_cd(run)
                if cd is not None:
                    target = cd.args[0]
                    yield Finding(RULE, cd.line, f"RUN starts with cd {target}: use WORKDIR {target}", run.instruction.end_line)


def _leading_cd(run):
    """The RUN's first command after its setup when it is a `cd` and the rest of the RUN
    neither changes directory again nor treats that directory as temporary."""
    commands = [c for c in run.commands if c.program not in _SETUP]
    if not commands or commands[0].program != "cd" or len(commands[0].args) != 1:
        return None
    target = commands[0].args[0]
    if "$" in target or "`" in target or target in ("-", "~") or target.startswith(("~", "/tmp", "/var/tmp")):
        return None
    rest = commands[1:]
    if any(c.program in ("cd", "pushd", "popd") for c in rest) or _mounted(run, target) or _removed(rest, target):
        return None
    return commands[0]


def _mounted(run, target: str) -> bool:
    return any(f"target={target}" in mount or f"dst={target}" in mount or f"destination={target}" in mount for mount in run.mounts)


def _removed(commands, target: str) -> bool:
    path = target.rstrip("/")
    return any(c.program == "rm" and any(a.rstrip("/") == path for a in c.args) for c in commands)
