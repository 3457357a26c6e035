"""## What it does
Reads `docker history --no-trunc` and flags RUN steps that run `chown` (or `chmod -R`)
and store a non-empty layer: the files they touch are stored a second time with a new
owner or mode.

## Why is this bad?
`chown` and `chmod` rewrite every file into a new layer, so the image carries each file
twice; projects report 2 to 9 GB saved by `COPY --chown`.

## Example
```dockerfile
COPY . /app
RUN chown -R 1000:1000 /app
```

## Use instead
```dockerfile
COPY --chown=1000:1000 . /app
```
"""
import re

from dockharden.verification.history import describe_step, is_run_step, size_text
from dockharden.verification.plan import step_number
from dockharden.vocabulary import Finding, Rule, Severity

RULE = Rule("VF402", "chown-layer-in-history", "chown", Severity.ERROR,
            "A RUN chown/chmod -R step stores the files it touches again.", __doc__)
_CHOWN = re.compile(r"(?:^|[\s;&|(])(?:chown\s|chmod\s+(?:-\w*R\w*|--recursive)\s)")


def check(seen, options):
    total = len(seen.history)
    for position, step in enumerate(seen.history):
        if step.size > 0 and is_run_step(step.created_by) and _CHOWN.search(step.created_by):
            yield Finding(RULE, step_number("history"), (
                f"{describe_step(total - position, step.created_by)} stores {size_text(step.size)} again "
                "to change owner or mode; use COPY --chown instead"))
