"""## What it does
Flags a `RUN chown -R`, `chgrp -R` or `chmod -R` that changes files an earlier COPY or ADD
of the same stage (or a stage it is built FROM) brought in without the same `--chown` or
`--chmod`, in a stage whose layers ship (not in a builder whose files alone are copied on:
COPY --from takes one copy of them). Options are read as coreutils reads them: the first operand is the owner or
mode (unless `--reference=FILE`), `--from=OWNER` limits the change to files of that owner,
and `-R`, `--recursive` and its prefixes count. A relative path is taken from the folder a
`cd` earlier in the RUN went to (`cd /opt/web && npm install && chown -R app .`), or from
WORKDIR; after a `cd` to a variable or `cd -` the command is left alone. A folder that
`mkdir` makes, in the same RUN or an earlier one of the stage, counts as filled only by a
COPY into it or one after that RUN, not by an earlier one of a folder above it (`COPY . .`),
which would hold it only if its source did. The folders `mkdir -p` makes above the one it
names (`mkdir -p data/python/customize && chown -R app data/python`) count so against a COPY
from another stage or image (`COPY --from=build /app /app`), but not against one from the
build context, where projects often keep such folders with files in them (static/, data/).
Of the folders one command changes, the finding names the surest: one a COPY wrote into,
else one a COPY from the build context covers, else the first.

The fix (safe) gives the earlier COPYs `--chown` (or an octal `--chmod`) and drops `-R`:
the folder itself keeps the owner the RUN gave it, and no file is stored twice. A user the
file creates after the COPY is written as its IDs.
It is info on an image the project only copies files out of (`docker cp $(docker create
IMAGE):...`, dockerfile/purpose.py's output-only images): its layers are neither run nor pushed.

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
import re

from dockharden.checks.dockerfile.shared import unshipped
from dockharden.dockerfile.edits import add_flag, only_match
from dockharden.dockerfile.users import resolve_uid
from dockharden.knowledge.options import parse_argv
from dockharden.core.vocabulary import Edit, Finding, Fix, Rule, Safety, Severity

RULE = Rule("DH401", "chown-after-copy", "chown", Severity.ERROR, "RUN chown/chmod -R rewrites files an earlier COPY added.", __doc__)
_PROGRAMS = frozenset({"chown", "chgrp", "chmod"})
_ROOT = "0:0"
_RECURSIVE = re.compile(r"[ \t]+(?:-R|--recursive)(?=[ \t])")
_OCTAL = re.compile(r"0?[0-7]{3,4}")


def check(model, settings):
    shipped = model.shipped
    for stage in (s for s in model.stages if s.index in shipped):
        for run, command, target, copies, fixing in _rewrites(model, stage):
            flag = "--chmod" if command.program == "chmod" else "--chown"
            message = f"{command.program} -R {target} rewrites files copied at line {copies[0].instruction.start_line}; use COPY {flag}"
            fix = _fix(model, *fixing) if settings.fixes and fixing is not None else None
            yield unshipped(Finding(RULE, command.line, message, run.instruction.end_line, fix), model)


def reowned_copies(model, stage) -> frozenset[int]:
    """The lines of the COPY/ADD instructions of `stage` whose files a later RUN chown -R or
    chgrp -R names, whatever owner it gives (the one they have too: `chown -R root:root /app`
    states it). DH402 leaves those to this rule."""
    return frozenset(c.instruction.start_line for _, command, _, copies, _ in _rewrites(model, stage, every=True, stated=True)
                     if command.program != "chmod" for c in copies)


def _rewrites(model, stage, every=False, stated=False):
    """(run, command, target, the earlier copies it rewrites, what its fix needs or None) for
    each recursive chown, chgrp or chmod of the stage: the first target of each command, or
    every target; with `stated`, also the copies whose owner a chown sets to what it is."""
    if all(_PROGRAMS.isdisjoint(run.programs) for run in stage.runs):
        return
    copies = model.image_copies(stage)
    made: dict[str, tuple[int, bool]] = {}  # folder -> (line of the RUN whose mkdir made it, only as a folder above its operand)
    for run in stage.runs:
        earlier = [c for c in copies if c.instruction.start_line < run.instruction.start_line] if not _PROGRAMS.isdisjoint(run.programs) else []
        cwd = run.workdir
        for command in run.commands:
            if command.program == "cd":
                cwd = _changed_directory(cwd, command.args)
            elif command.program == "mkdir" and cwd is not None:
                for folder, above in _made_folders(command.args, cwd):
                    if folder not in made or (made[folder][1] and not above):
                        made[folder] = (run.instruction.start_line, above)
            elif command.program in _PROGRAMS and cwd is not None:
                yield from _duplicates(earlier, run, command, stage.accounts, every, cwd, made, stated)


def _made_folders(args, cwd):
    """(folder, whether only as one above an operand) for the folders `mkdir ARGS` makes, run
    in `cwd`: each operand and, with -p, the folders above it (but /), where they are missing."""
    argv = parse_argv("mkdir", args)
    for path in (posixpath.normpath(posixpath.join(cwd, a)) for a in argv.operands):
        yield path, False
        while argv.has("--parents") and posixpath.dirname(path) not in ("/", path):
            path = posixpath.dirname(path)
            yield path, True


def _changed_directory(cwd, args):
    """The directory after `cd ARGS` in the RUN's shell; None when not known (cd -, cd alone,
    a variable, or after an unknown one)."""
    operands = [a for a in args if not a.startswith("-")]
    if cwd is None or len(operands) != 1 or "$" in operands[0] or "`" in operands[0]:
        return None
    return posixpath.normpath(posixpath.join(cwd, operands[0]))


def _duplicates(earlier, run, command, accounts, every, cwd, made, stated=False):
    argv = parse_argv(command.program, command.args)
    if not argv.has("--recursive") or (not argv.operands and not argv.has("--reference")):
        return
    by_reference = argv.has("--reference")
    spec = None if by_reference else argv.operands[0]
    paths = argv.operands if by_reference else argv.operands[1:]
    found = []
    for target in (posixpath.normpath(posixpath.join(cwd, p)) for p in paths):
        hits = [c for c in earlier if (stated or _changes(command.program, c, spec, argv, accounts)) and any(_overlaps(target, w) for w in c.written)]
        into = [c for c in hits if any(_inside(w, target) for w in c.written)]
        # a folder a RUN made: a COPY of a folder above it before that RUN did not fill it (nor,
        # when it was made as a folder above the one mkdir names, one from another stage or image)
        line, above = made.get(target, (0, False))
        hits = into + [c for c in hits if c not in into and (c.instruction.start_line > line or (above and c.from_context))]
        if hits:
            found.append((run, command, target, hits, ((earlier, command, argv, spec, target, accounts) if len(paths) == 1 else None)))
    if every:
        yield from found
    elif found:  # the surest: a copy into the folder, else one of the build context (whose files are there), else the first
        yield max(found, key=lambda f: (any(_inside(w, f[2]) for c in f[3] for w in c.written), any(c.from_context for c in f[3])))


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


def _inside(path, folder):
    """Whether a copy that wrote `path` wrote the folder itself or something in it."""
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _overlaps(target, path):
    return target == path or path.startswith(target.rstrip("/") + "/") or target.startswith(path.rstrip("/") + "/")


def _fix(model, earlier, command, argv, spec, target, accounts):
    """The owner (or mode) on every earlier COPY into the target, and the RUN's chown no longer
    recursive: it still sets the folder itself, as before, and rewrites no file. Owner names
    become IDs where the user is created after the COPY, so the COPY never names a user
    that does not exist yet."""
    if command.program == "chgrp" or spec is None or argv.has("--from") or {key for key, _ in argv.options} != {"--recursive"}:
        return None
    if command.program == "chmod" and not _OCTAL.fullmatch(spec):
        return None
    copies = [c for c in earlier if any(_overlaps(target, w) for w in c.written)]
    flag = "--chmod" if command.program == "chmod" else "--chown"
    edits = []
    for copy in copies:
        value = spec if flag == "--chmod" else _owner_at(spec, copy.instruction.start_line, accounts)
        current = copy.chmod if flag == "--chmod" else copy.chown
        if value is None or current is not None:
            return None
        edits.append(add_flag(model.dockerfile, copy.instruction, f"{flag}={value}"))
    recursive = only_match(model.dockerfile, range(command.line, command.line + 1), _RECURSIVE)
    if not copies or recursive is None or None in edits:
        return None
    return Fix((*edits, Edit(*recursive, "")), Safety.SAFE, f"COPY {flag}={spec} in place of {command.program} -R")


def _owner_at(spec, line, accounts):
    """The chown spec as a COPY on `line` can give it: a name that exists by then, or an ID."""
    parts = []
    for name in spec.split(":", 1):
        if name.isdigit() or name == "root":
            parts.append(name)
            continue
        created = [a for a in accounts if a.name == name]
        if all(a.line < line for a in created):  # made earlier, or by the base image (the chown needs it too)
            parts.append(name)
        elif created and created[-1].id is not None:
            parts.append(str(created[-1].id))
        else:
            return None
    return ":".join(parts)
