"""## What it does
Reads `docker history --no-trunc` for RUN steps that run `chown` (or `chmod -R`) and
store a non-empty layer, then reads those layers: a step is flagged when its layer stores
files of lower layers again with only their owner or mode changed. The message gives the
files and the bytes stored twice. When the layers cannot be read, the step is flagged on
the history alone and the message says the bytes were not measured.

## Why is this bad?
`chown` and `chmod` rewrite every file into a new layer, so the image carries each file
twice; projects report 2 to 9 GB saved by `COPY --chown`. A `chown` of a directory that is
still empty (`useradd ... && chown -R app /app` before anything is copied there) stores
nothing again and is not flagged.
"""
from dockharden.core.text import plural, size
from dockharden.knowledge.history import step_text
from dockharden.runtime.plan import step_number
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("VF402", "chown-layer-in-history", "chown", Severity.ERROR,
            "A RUN chown/chmod -R step stores the files it touches again.", rule_docs(__doc__, lessons.CHOWN_LAYER))


def check(seen, settings):
    total = len(seen.history)
    measured = {rewrite.step: rewrite for rewrite in seen.rewrites or ()}
    for position, step in enumerate(seen.history):
        number = total - position
        if not step.reowns_files:
            continue
        described = _describe(number, step.created_by)
        if seen.rewrites is None:
            yield Finding(RULE, step_number("history"), (
                f"{described} re-owns files in a layer of {size(step.size)}; what it stores again was not "
                "measured (the layers could not be read); use COPY --chown instead"))
        elif number in measured:
            rewrite = measured[number]
            yield Finding(RULE, step_number("history"), (
                f"{described} stores {plural(rewrite.files, 'file')} again only to change owner or mode "
                f"({', '.join(rewrite.samples)}): {size(rewrite.bytes)}; use COPY --chown instead"))


def _describe(number: int, created_by: str) -> str:
    """`history step 3 (RUN chown -R 1000:1000 /app)`; the text is left out when it may hold a secret."""
    text = step_text(created_by)
    return f"history step {number} ({text})" if text else f"history step {number}"
