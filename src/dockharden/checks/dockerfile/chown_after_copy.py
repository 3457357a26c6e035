"""## What it does
Flags a `RUN chown -R`, `chgrp -R` or `chmod -R` that changes files an earlier COPY or ADD
of the same stage (or a stage it is built FROM) brought in without the same `--chown` or
`--chmod`. Options are read as coreutils reads them: the first operand is the owner or
mode (unless `--reference=FILE`), `--from=OWNER` limits the change to files of that owner,
and `-R`, `--recursive` and its prefixes count.

## Why is this bad?
Docker layers store whole files: changing the owner or mode of copied files writes every one
of them again in a new layer, so the image carries them twice (projects report 2 to 9 GB
saved). `COPY --chown` and `COPY --chmod` set them in the same layer. No other linter flags
this (hadolint issue 80, open since 2017).

## Example
```dockerfile
COPY . /app
RUN chown -R app:app /app
```

## Use instead
```dockerfile
COPY --chown=1000:1000 . /app
```
"""
import posixpath

from dockharden.dockerfile.users import resolve_uid
from dockharden.knowledge.options import parse_argv
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH401", "chown-after-copy", "chown", Severity.ERROR, "RUN chown/chmod -R rewrites files an earlier COPY added.", __doc__)
_PROGRAMS = frozenset({"chown", "chgrp", "chmod"})
_ROOT = "0:0"


def check(model, settings):
    for stage in model.stages:
        for run, command, target, copies in _rewrites(model, stage):
            flag = "--chmod" if command.program == "chmod" else "--chown"
            message = f"{command.program} -R {target} rewrites files copied at line {copies[0].instruction.start_line}; use COPY {flag}"
            yield Finding(RULE, command.line, message, run.instruction.end_line)


def reowned_copies(model, stage) -> frozenset[int]:
    """The lines of the COPY/ADD instructions of `stage` whose files a later RUN chown -R or
    chgrp -R gives another owner (DH402 leaves those to this rule)."""
    return frozenset(c.instruction.start_line for _, command, _, copies in _rewrites(model, stage, every=True)
                     if command.program != "chmod" for c in copies)


def _rewrites(model, stage, every=False):
    """(run, command, target, the earlier copies it rewrites) for each recursive chown, chgrp
    or chmod of the stage: the first target of each command, or every target."""
    runs = [run for run in stage.runs if not _PROGRAMS.isdisjoint(run.programs)]
    copies = model.image_copies(stage) if runs else ()
    for run in runs:
        earlier = [c for c in copies if c.instruction.start_line < run.instruction.start_line]
        for command in run.commands:
            if command.program in _PROGRAMS:
                yield from _duplicates(earlier, run, command, stage.accounts, every)


def _duplicates(earlier, run, command, accounts, every):
    argv = parse_argv(command.program, command.args)
    if not argv.has("--recursive") or (not argv.operands and not argv.has("--reference")):
        return
    by_reference = argv.has("--reference")
    spec = None if by_reference else argv.operands[0]
    paths = argv.operands if by_reference else argv.operands[1:]
    for target in (posixpath.normpath(posixpath.join(run.workdir, p)) for p in paths):
        hits = [c for c in earlier if _changes(command.program, c, spec, argv, accounts) and any(_overlaps(target, w) for w in c.written)]
        if hits:
            yield run, command, target, hits
            if not every:
                return


def _changes(program, copy, spec, argv, accounts):
    """Whether the command changes the copied files: they lack the owner or mode it sets."""
    if program == "chmod":
        return spec is None or copy.chmod != spec
    owner = _owner(copy.chown, accounts)
    wanted_from = argv.value("--from")
    if wanted_from is not None and not _same_owner(owner, _owner(wanted_from, accounts)):
        return False  # --from: only files of that owner change
    if spec is None:
        return True
    wanted = _owner(f":{spec}" if program == "chgrp" else spec, accounts)
    return not _same_owner(owner, wanted)


def _owner(text, accounts):
    """(user, group) with names resolved to IDs where the file creates them; COPY without
    --chown gives root:root."""
    user, _, group = (text or _ROOT).partition(":")
    return _id(user, accounts), _id(group, accounts) if group else None


def _id(name, accounts):
    if not name:
        return None
    uid, _ = resolve_uid(name, accounts)
    return str(uid) if uid is not None else name


def _same_owner(have, want):
    """Every part `want` sets (user, and group when given) is what `have` already is."""
    return (want[0] is None or want[0] == have[0]) and (want[1] is None or want[1] == have[1])


def _overlaps(target, path):
    return target == path or path.startswith(target.rstrip("/") + "/") or target.startswith(path.rstrip("/") + "/")
