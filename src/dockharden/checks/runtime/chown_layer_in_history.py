"""## What it does
Reads `docker history --no-trunc` and flags RUN steps that run `chown` (or `chmod -R`)
and store a non-empty layer: the files they touch are stored a second time with a new
owner or mode.

## Why is this bad?
`chown` and `chmod` rewrite every file into a new layer, so the image carries each file
twice; projects report 2 to 9 GB saved by `COPY --chown`.
"""
import re

from dockharden.core.text import size
from dockharden.knowledge.history import is_run_step, step_text
from dockharden.runtime.plan import step_number
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("VF402", "chown-layer-in-history", "chown", Severity.ERROR,
            "A RUN chown/chmod -R step stores the files it touches again.", rule_docs(__doc__, lessons.CHOWN_LAYER))
_CHOWN = re.compile(r"(?:^|[\s;&|(])(?:chown\s|chmod\s+(?:-\w*R\w*|--recursive)\s)")


def check(seen, settings):
    total = len(seen.history)
    for position, step in enumerate(seen.history):
        if step.size > 0 and is_run_step(step.created_by) and _CHOWN.search(step.created_by):
            yield Finding(RULE, step_number("history"), (
                f"{_describe(total - position, step.created_by)} stores {size(step.size)} again "
                "to change owner or mode; use COPY --chown instead"))


def _describe(number: int, created_by: str) -> str:
    """`history step 3 (RUN chown -R 1000:1000 /app)`; the text is left out when it may hold a secret."""
    text = step_text(created_by)
    return f"history step {number} ({text})" if text else f"history step {number}"
