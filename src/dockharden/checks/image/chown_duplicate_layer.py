"""## What it does
Flags a layer that stores files of a lower layer again with the same path, size and
modification time but another owner or mode: what `RUN chown -R` or `chmod -R` after a
`COPY` leaves behind. The message gives the bytes the duplicate copies waste. Reported at
the history step that made the layer (1-based, oldest first, as in the config's history).

## Why is this bad?
Every file is stored twice, once per owner; projects report 2 to 9 GB saved by moving
the owner into `COPY --chown`, and every pull downloads both copies.
"""
from dockharden.core.text import plural, size
from dockharden.checks.image.shared import describe_step, step_line
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("IM401", "chown-duplicate-layer", "chown", Severity.ERROR, "A layer copies lower files only to change their owner or mode.", rule_docs(__doc__, lessons.CHOWN_LAYER))
SET_BY: tuple[str, ...] = ()


def check(facts, settings):
    for waste in facts.duplicate_layers:
        samples = ", ".join(waste.duplicate_samples[:3])
        yield Finding(RULE, step_line(facts, waste.layer), (
            f"{describe_step(facts, waste.layer)} stores {plural(waste.duplicate_files, 'file')} again only to change owner "
            f"or mode ({samples}): {size(waste.duplicate_bytes)} reclaimable"))
