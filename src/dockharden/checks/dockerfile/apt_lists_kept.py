"""## What it does
Flags `apt-get install` in a RUN of a shipped stage that does not remove `/var/lib/apt/lists`
in the same RUN and does not mount a cache over it. A builder stage whose output alone is
copied on (COPY --from, RUN --mount=from=) never ships, so its lists cost nothing.

## Why is this bad?
The package lists (tens of MB) stay in the layer; removing them in a later RUN frees nothing.

## Example
```dockerfile
RUN apt-get update && apt-get install -y --no-install-recommends libgomp1
```

## Use instead
```dockerfile
RUN apt-get update && apt-get install -y --no-install-recommends libgomp1 \
    && rm -rf /var/lib/apt/lists/*
```
"""
from dockharden.dockerfile.edits import append_command
from dockharden.dockerfile.packages import installs_keeping
from dockharden.core.vocabulary import Finding, Fix, Rule, Safety, Severity

RULE = Rule("DH904", "apt-lists-kept", None, Severity.WARNING, "apt-get install leaves /var/lib/apt/lists in the layer.", __doc__,
            peers=("DL3009", "DKL-DI-0005"))


def check(model, settings):
    for _, run, installs in installs_keeping(model, "apt", "/var/lib/apt/lists"):
        message = f"{installs[0].program or 'apt-get'} install without rm -rf /var/lib/apt/lists/* in the same RUN"
        yield Finding(RULE, installs[0].line, message, run.instruction.end_line, (_fix(model, run) if settings.fixes else None))


def _fix(model, run):
    edit = append_command(model.dockerfile, run.instruction, run.shell, "rm -rf /var/lib/apt/lists/*")
    return None if edit is None else Fix((edit,), Safety.SAFE, "remove /var/lib/apt/lists/* at the end of the RUN")
