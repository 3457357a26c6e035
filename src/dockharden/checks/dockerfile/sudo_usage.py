"""## What it does
Flags `sudo` installed or used in the final stage. On a development image (see the purpose
rule) it is info: a toolbox user with sudo is what those images are for. A RUN that runs as
root (before any USER on a base image known to run as root, or after `USER root`) is not
flagged for using sudo: it already does its root work where it should.

## Why is this bad?
sudo in an image hands root back to the non-root user; it also behaves badly without a TTY
and as PID 1. Do root work in RUN before `USER`, or in a builder stage.

## Example
```dockerfile
RUN apt-get update && apt-get install -y sudo
USER 1000
RUN sudo pip install flask
```

## Use instead
```dockerfile
RUN pip install --no-cache-dir flask
USER 1000
```
"""
from dockharden.knowledge.build_tools import package_name
from dockharden.checks.dockerfile.shared import lowered
from dockharden.core.vocabulary import Finding, Rule, Severity
from dockharden.dockerfile.users import ROOT_NAMES
from dockharden.dockerfile.words import unquote

RULE = Rule("DH105", "sudo-usage", "non_root_user", Severity.WARNING, "sudo is installed or used in the final stage.", __doc__,
            peers=("DL3004", "DS-0010", "DKL-DI-0001"))


def check(model, settings):
    for finding in _findings(model):
        yield finding if model.purpose.kind != "development" else lowered(finding, f"a development image, as {model.purpose.reason}")


def _findings(model):
    for stage in model.lineage(model.final):
        for run in stage.runs:
            if "sudo" not in run.programs:
                continue
            first = next((c for c in run.commands if c.program == "sudo"), None)
            if first is not None and not _as_root(model, run):  # one finding per RUN: one fix covers it
                yield Finding(RULE, first.line, "sudo is used in RUN; do root work before USER instead", run.instruction.end_line)
    for change in model.final.packages:
        if change.action == "install" and "sudo" in map(package_name, change.packages):
            yield Finding(RULE, change.line, "sudo is installed in the final image")


def _as_root(model, run) -> bool:
    """Whether the RUN runs as root: the last USER before it in the final stage's lineage is
    root, or there is none and the base image is known to run as root."""
    line = run.instruction.start_line
    lineage = model.lineage(model.final)
    users = [i for stage in lineage for i in stage.instructions if i.name == "USER" and i.start_line < line]
    if users:
        user = unquote(max(users, key=lambda i: i.start_line).args.strip()).partition(":")[0]
        return user in ROOT_NAMES
    facts = lineage[-1].base_facts
    return facts is not None and facts.user is None
