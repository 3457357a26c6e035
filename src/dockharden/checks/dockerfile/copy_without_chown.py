"""## What it does
Flags a COPY or ADD from the build context into a non-root final stage without `--chown`.
The files end up owned by root by accident. Say what you mean: `--chown=1000:1000` for
files the service writes, or `--chown=0:0` for code that stays root-owned and read-only.

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
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH402", "copy-without-chown", "chown", Severity.WARNING, "COPY from the context into a non-root final stage has no --chown.", __doc__)


def check(model, settings):
    final = model.final
    if final.user is None or final.user.is_root is not False:
        return
    for copy in model.image_copies(final):
        if copy.from_context and copy.chown is None:
            yield Finding(RULE, copy.instruction.start_line, f"{copy.instruction.name} to {copy.dest} has no --chown; files will be owned by root", copy.instruction.end_line)
