"""## What it does
Flags `apt-get install` in a RUN of a shipped stage that does not remove `/var/lib/apt/lists`
in the same RUN and does not mount a cache over it. A builder stage whose output alone is
copied on (COPY --from, RUN --mount=from=) never ships, so its lists cost nothing. A RUN that
runs no `apt-get update` after an earlier RUN of its lineage removed the lists (and none
updated them since) writes no lists: there is nothing to remove.

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
from dockharden.dockerfile.packages import clears, installs_keeping
from dockharden.core.vocabulary import Finding, Fix, Rule, Safety, Severity

RULE = Rule("DH904", "apt-lists-kept", None, Severity.WARNING, "apt-get install leaves /var/lib/apt/lists in the layer.", __doc__,
            peers=("DL3009", "DKL-DI-0005"))


_LISTS = "/var/lib/apt/lists"
_UPDATERS = frozenset({"apt-get", "apt", "aptitude"})


def check(model, settings):
    for _, run, installs in installs_keeping(model, "apt", _LISTS, _lists_there(model)):
        message = f"{installs[0].program or 'apt-get'} install without rm -rf /var/lib/apt/lists/* in the same RUN"
        yield Finding(RULE, installs[0].line, message, run.instruction.end_line, (_fix(model, run) if settings.fixes else None))


def _lists_there(model):
    """Whether the lists are there for an install: its RUN updates them, or the last earlier
    RUN of the lineage that updated or removed them did not end by removing them. One pass
    over the stages (a parent comes before its children) gives each RUN the state before it."""
    before: dict[int, bool | None] = {}  # id(run) -> True: updated and kept, False: removed, None: never touched
    after: dict[int, bool | None] = {}  # stage index -> the state at its end
    for stage in model.stages:
        state = after.get(stage.parent) if stage.parent is not None else None
        for run in stage.runs:
            before[id(run)] = state
            if clears(run, _LISTS):
                state = False  # removed at its end, or kept out of its layer by a cache mount
            elif _updates(run):
                state = True
        after[stage.index] = state

    def there(stage, run, change) -> bool:
        return _updates(run) or before.get(id(run)) is not False
    return there


def _updates(run) -> bool:
    return any(c.program in _UPDATERS and "update" in c.args for c in run.commands)


def _fix(model, run):
    edit = append_command(model.dockerfile, run.instruction, run.shell, "rm -rf /var/lib/apt/lists/*")
    return None if edit is None else Fix((edit,), Safety.SAFE, "remove /var/lib/apt/lists/* at the end of the RUN")
