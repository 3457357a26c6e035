"""## What it does
Flags a COPY or ADD from the build context into a non-root final stage without `--chown`.
The files end up owned by root by accident. Say what you mean: `--chown=1000:1000` for
files the service writes, or `--chown=0:0` for code that stays root-owned and read-only.
Files copied into system locations (`/usr`, `/etc`, `/bin`, `/sbin`, `/lib`, or a script
such as `/entrypoint.sh` at the root) are meant to belong to root and are not flagged;
nor are Windows images, which have no `--chown`, nor files a later `RUN chown -R` gives
another owner (DH401 chown-after-copy reports those).

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
from dockharden.checks.dockerfile.chown_after_copy import reowned_copies
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH402", "copy-without-chown", "chown", Severity.WARNING, "COPY from the context into a non-root final stage has no --chown.", __doc__)


_SYSTEM = ("/usr/", "/etc/", "/bin/", "/sbin/", "/lib/", "/lib64/")


def check(model, settings):
    final = model.final
    if final.user is None or final.user.is_root is not False or model.windows:
        return
    reowned = frozenset().union(*(reowned_copies(model, stage) for stage in model.lineage(final)))
    for copy in model.image_copies(final):
        if copy.instruction.start_line in reowned:
            continue
        if copy.from_context and copy.chown is None and not (copy.written and all(_system_path(p) for p in copy.written)):
            yield Finding(RULE, copy.instruction.start_line, f"{copy.instruction.name} to {copy.dest} has no --chown; files will be owned by root", copy.instruction.end_line)


def _system_path(path):
    """Where root ownership is the intent: system folders, or a script at the root."""
    name = path[1:]
    return path.startswith(_SYSTEM) or ("/" not in name and "." in name.strip("."))
