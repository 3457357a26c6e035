"""## What it does
Flags a `RUN chown -R` or `RUN chmod -R` that changes files an earlier COPY or ADD of the
same stage brought in.

## Why is this bad?
Docker layers store whole files: changing the owner or mode of copied files writes every one
of them again in a new layer, so the image carries them twice (projects report 2 to 9 GB
saved). `COPY --chown` sets the owner in the same layer. No other linter flags this
(hadolint issue 80, open since 2017).

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

from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH401", "chown-after-copy", "chown", Severity.ERROR, "RUN chown/chmod -R rewrites files an earlier COPY added.", __doc__)
_RECURSIVE = frozenset({"-R", "--recursive"})
_PROGRAMS = frozenset({"chown", "chmod"})


def check(model, settings):
    for stage in model.stages:
        runs = [run for run in stage.runs if not _PROGRAMS.isdisjoint(run.programs)]
        copies = model.image_copies(stage) if runs else ()
        for run in runs:
            earlier = [c for c in copies if c.instruction.start_line < run.instruction.start_line]
            for command in run.commands:
                yield from _duplicates(earlier, run, command)


def _duplicates(earlier, run, command):
    if command.program not in _PROGRAMS or not _is_recursive(command.args):
        return
    for target in _targets(command.args, run.workdir):
        hit = next((c for c in earlier if any(_overlaps(target, path) for path in c.written)), None)
        if hit is not None:
            message = f"{command.program} -R {target} rewrites files copied at line {hit.instruction.start_line}; use COPY --chown"
            yield Finding(RULE, command.line, message, run.instruction.end_line)
            return


def _is_recursive(args):
    return any(a in _RECURSIVE or (a.startswith("-") and not a.startswith("--") and "R" in a) for a in args)


def _targets(args, workdir):
    operands = [a for a in args if not a.startswith("-")]
    by_reference = any(a.startswith("--reference") for a in args)
    paths = operands if by_reference else operands[1:]  # else the first is the owner or mode
    return [posixpath.normpath(posixpath.join(workdir, a)) for a in paths]


def _overlaps(target, path):
    return target == path or path.startswith(target.rstrip("/") + "/") or target.startswith(path.rstrip("/") + "/")
