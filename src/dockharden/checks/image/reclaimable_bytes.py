"""## What it does
Reports bytes stored in lower layers but hidden in the final filesystem: files that a
later layer overwrote or deleted (N-1 copies per path; copies that only change owner or
mode are left to IM401). Info from 1 MB; a warning from 100 MB or a tenth of the image.
Reported on line 0: the image as a whole.

## Why is this bad?
Deleting a file in a later layer does not shrink the image: the earlier layer still ships
it. Caches removed in a separate RUN and rewritten files are pulled on every node.

## Example
```dockerfile
RUN apt-get update && apt-get install -y libgomp1
RUN rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
RUN apt-get update && apt-get install -y libgomp1 && rm -rf /var/lib/apt/lists/*
```
"""
from dockharden.core.text import size
from dockharden.checks.image.shared import describe_step
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("IM903", "image-reclaimable-bytes", None, Severity.INFO, "Lower layers store bytes that later layers hide.", __doc__)
SET_BY: tuple[str, ...] = ()
INFO_FROM = 10**6
WARN_FROM = 100 * 10**6
WARN_SHARE = 0.10


def check(facts, settings):
    hidden = facts.reclaimable_bytes - sum(w.duplicate_bytes for w in facts.waste)
    if hidden < INFO_FROM:
        return
    worst = max(facts.waste, key=lambda w: w.reclaimable_bytes - w.duplicate_bytes)
    share = hidden / facts.total_size if facts.total_size else 1.0
    finding = Finding(RULE, 0, (
        f"{size(hidden)} ({share:.0%} of the image) overwritten or deleted by later layers; "
        f"most by {describe_step(facts, worst.layer)}"))
    yield finding.with_severity(Severity.WARNING) if hidden >= WARN_FROM or share >= WARN_SHARE else finding
