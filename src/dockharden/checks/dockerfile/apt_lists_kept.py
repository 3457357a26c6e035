"""## What it does
Flags `apt-get install` in a RUN of a shipped stage that does not remove `/var/lib/apt/lists`
in the same RUN and does not mount a cache over it; and likewise a RUN that updates the lists
and upgrades (`apt-get update && apt-get upgrade -y`) without installing, and Playwright's
`playwright install --with-deps` (or `install-deps`), which runs apt-get update and install
itself and leaves the lists. A builder stage whose output alone is copied on (COPY --from,
RUN --mount=from=) never ships, so its lists cost nothing. A RUN that runs no `apt-get
update` after an earlier RUN of its lineage removed the lists (and none updated them since)
writes no lists: there is nothing to remove.
It is info when the RUN installs only under a build setting that is off by default
(`if [ "$DEBUG" = 1 ]; then ...; fi` with `ARG DEBUG=0`): the image built as is holds none of it.
It is info on an image the project only copies files out of (`docker cp $(docker create
IMAGE):...`, dockerfile/purpose.py's output-only images): its layers are neither run nor pushed.

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
from dockharden.checks.dockerfile.shared import switched, unshipped
from dockharden.dockerfile.edits import append_command
from dockharden.dockerfile.packages import clears, installs_keeping, runs_keeping
from dockharden.knowledge.options import parse_argv
from dockharden.core.vocabulary import Finding, Fix, Rule, Safety, Severity

RULE = Rule("DH904", "apt-lists-kept", None, Severity.WARNING, "apt-get install leaves /var/lib/apt/lists in the layer.", __doc__,
            peers=("DL3009", "DKL-DI-0005"))
_LISTS = "/var/lib/apt/lists"
_APT = frozenset({"apt-get", "apt", "aptitude"})
_UPGRADES = frozenset({"upgrade", "dist-upgrade", "full-upgrade", "safe-upgrade"})


def check(model, settings):
    for _, run, installs in installs_keeping(model, "apt", _LISTS, _lists_there(model)):
        message = f"{installs[0].program or 'apt-get'} install without rm -rf /var/lib/apt/lists/* in the same RUN"
        yield unshipped(switched(Finding(RULE, installs[0].line, message, run.instruction.end_line, (_fix(model, run) if settings.fixes else None)), run), model)
    for run, command in _playwright_keeping(model):
        message = "playwright install --with-deps runs apt-get install, which leaves /var/lib/apt/lists: rm -rf /var/lib/apt/lists/* in the same RUN"
        yield unshipped(switched(Finding(RULE, command.line, message, run.instruction.end_line, (_fix(model, run) if settings.fixes else None)), run), model)
    for run, upgrade in _upgrades_keeping(model):
        message = f"{upgrade.program} update and {_verb(upgrade)} without rm -rf /var/lib/apt/lists/* in the same RUN"
        yield unshipped(switched(Finding(RULE, upgrade.line, message, run.instruction.end_line, (_fix(model, run) if settings.fixes else None)), run), model)


def _upgrades_keeping(model):
    """(RUN, upgrade command) for each RUN of a shipped stage that updates the lists, then
    upgrades and installs nothing (an install is reported as one), keeping the lists."""
    for _, run in runs_keeping(model, _LISTS):
        if any(c.manager == "apt" and c.action == "install" for c in run.packages):
            continue
        updated = False
        for command in run.commands:
            if command.program not in _APT:
                continue
            verb = _verb(command)
            updated = updated or verb == "update"
            if updated and verb in _UPGRADES:
                yield run, command
                break


def _playwright_keeping(model):
    """(RUN, command) for each `playwright install --with-deps` / `install-deps` (also through
    python -m or npx; playwright-core runs `apt-get update && apt-get install -y ...` and removes
    nothing) in a shipped stage of an apt image whose RUN keeps the lists."""
    for stage, run in runs_keeping(model, _LISTS):
        if "alpine" in stage.root_image:
            continue
        for command in run.commands:
            words = command.words
            at = next((i for i, w in enumerate(words) if w.rsplit("/", 1)[-1] == "playwright"), None)
            rest = words[at + 1:] if at is not None else ()
            if rest[:1] == ("install-deps",) or (rest[:1] == ("install",) and "--with-deps" in rest):
                yield run, command
                break


def _verb(command):
    operands = parse_argv(command.program, command.args).operands
    return operands[0] if operands else ""


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
    return any(c.program in _APT and "update" in c.args for c in run.commands)


def _fix(model, run):
    edit = append_command(model.dockerfile, run.instruction, run.shell, "rm -rf /var/lib/apt/lists/*")
    return None if edit is None else Fix((edit,), Safety.SAFE, "remove /var/lib/apt/lists/* at the end of the RUN")
