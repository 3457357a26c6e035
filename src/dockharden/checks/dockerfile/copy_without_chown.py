"""## What it does
Flags a COPY or ADD from the build context into a non-root final stage without `--chown`.
The files end up owned by root by accident. Say what you mean: `--chown=1000:1000` for
files the service writes, or `--chown=0:0` for code that stays root-owned and read-only.
Files copied into system locations (`/usr`, `/etc`, `/bin`, `/sbin`, `/lib`, root's home
`/root`, or a script such as `/entrypoint.sh`, or any one file of the build context, at the
root, or the files a pattern of file names copies there, `COPY *.sh /`) are meant to belong to root and
are not flagged; nor are Windows images, which have no `--chown`, nor files a later `RUN
chown -R` names, which says what their owner is (DH401 chown-after-copy reports those it
changes; `chown -R root:root /app` states root ownership), nor build inputs that a later RUN
removes unconditionally (`COPY requirements.txt /tmp/` then `rm /tmp/requirements.txt`, at the
top level of its script, also after `;` and if blocks; not inside an if, case or loop, nor after `||`),
or requirements and constraints files that a later RUN installs from (`pip install -r
/tmp/requirements.txt`, `uv pip install -c constraints.txt`): their owner never matters; nor files that a later `COPY --chown=... . DEST` of the whole
context writes again at the same place (`COPY pyproject.toml ./` in DEST, for the install
layer's cache, then the whole project).

The fix (unsafe: the app can then change its files) adds `--chown` with the final user's IDs.

## Why is this bad?
Implicit root ownership is the usual cause of a later `RUN chown -R`, which doubles the
layer; and a reader cannot tell whether read-only code was intended.

## Example
```dockerfile
USER 1000:1000
COPY . /app
```

## Use instead
```dockerfile
COPY --chown=1000:1000 . /app
```
"""
import fnmatch
import posixpath
import re

from dockharden.checks.dockerfile.chown_after_copy import reowned_copies
from dockharden.checks.dockerfile.shared import needs_chown
from dockharden.core.vocabulary import Finding, Fix, Rule, Safety, Severity
from dockharden.dockerfile.edits import add_flag
from dockharden.dockerfile.shell import unconditional_commands
from dockharden.knowledge.shells import shell_c_script

RULE = Rule("DH402", "copy-without-chown", "chown", Severity.WARNING, "COPY from the context into a non-root final stage has no --chown.", __doc__)


def check(model, settings):
    final = model.final
    if final.user is None or final.user.is_root is not False or model.windows:
        return
    reowned = frozenset().union(*(reowned_copies(model, stage) for stage in model.lineage(final)))
    runs = [run for stage in model.lineage(final) for run in stage.runs]
    removing = [run for run in runs if "rm" in run.programs]
    copies = model.image_copies(final)
    for copy in copies:
        if copy.instruction.start_line in reowned or _removed_later(copy, removing) or _replaced_later(copy, copies) \
                or _installed_from_later(copy, runs):
            continue
        if needs_chown(copy, model.context):
            yield Finding(RULE, copy.instruction.start_line, f"{copy.instruction.name} to {copy.dest} has no --chown; files will be owned by root",
                          copy.instruction.end_line, (_fix(model, copy) if settings.fixes else None))


def _removed_later(copy, runs) -> bool:
    """Whether an `rm` that a later RUN runs whatever happens before it (at the script's top
    level, after `;` or `&&`, not inside if, case or a loop, nor after `||`) removes everything
    the COPY wrote (the path, a folder holding it, or a glob matching it)."""
    later = [r for r in runs if r.instruction.start_line > copy.instruction.start_line]
    removed = [posixpath.normpath(posixpath.join(run.workdir, word)) for run in later for words in _unconditional(run)
               if words[0].rsplit("/", 1)[-1] == "rm" for word in words[1:] if not word.startswith("-")]
    return bool(copy.written and removed) and all(any(_covers(target, path) for target in removed) for path in copy.written)


def _installed_from_later(copy, runs) -> bool:
    """Whether every file the COPY wrote is a requirements or constraints file that a later
    RUN installs from (`pip install -r prod.txt`, `uv pip install -c c.txt`): a build input
    only the installer reads, whose owner never matters."""
    later = [r for r in runs if r.instruction.start_line > copy.instruction.start_line]
    read = {posixpath.normpath(posixpath.join(run.workdir, path)) for run in later for change in run.packages
            if change.action == "install" for option in ("--requirement", "--constraint") for path in change.argv.values(option)}
    return bool(copy.written and read) and all(path in read for path in copy.written)


def _unconditional(run) -> tuple[tuple[str, ...], ...]:
    """The commands of a RUN's script that run whatever the ones before them did (none for a heredoc's script)."""
    instruction = run.instruction
    script = shell_c_script(instruction.exec_form) if instruction.exec_form is not None else instruction.args
    return unconditional_commands(script) if script and "<<" not in script else ()


def _replaced_later(copy, copies) -> bool:
    """Whether a later COPY of the whole context with --chown (`COPY --chown=app . /app`) writes
    every file of this one again, at the same place: each source, a plain context path, lands
    under the later COPY's destination at its own path (`COPY pyproject.toml ./` in /app)."""
    whole = [c.dest for c in copies if c.instruction.start_line > copy.instruction.start_line and c.from_context
             and c.chown is not None and tuple(posixpath.normpath(s) for s in c.sources) == (".",)]
    if not whole or not copy.from_context or any(ch in s for s in copy.sources for ch in "*?[$"):
        return False
    placed = [posixpath.normpath(posixpath.join(copy.dest, posixpath.basename(posixpath.normpath(s)))) for s in copy.sources]
    return any(all(p == posixpath.normpath(posixpath.join(dest, posixpath.normpath(s))) for p, s in zip(placed, copy.sources))
               for dest in whole)


def _covers(target: str, path: str) -> bool:
    return path == target or path.startswith(target.rstrip("/") + "/") or fnmatch.fnmatchcase(path, target)


def _fix(model, copy):
    """--chown with the final user's IDs (numeric: the user may be created after this COPY).
    Unsafe: the app can then change its own files."""
    user = model.final.user
    if user.numeric:
        owner = user.user + (f":{user.group}" if user.group and user.group.isdigit() else "")
    elif user.uid is not None:
        owner = str(user.uid)
    else:
        return None
    edit = add_flag(model.dockerfile, copy.instruction, f"--chown={owner}")
    return None if edit is None else Fix((edit,), Safety.UNSAFE, f"{copy.instruction.name} --chown={owner}")
