"""## What it does
Flags an image whose files add up to more than the size budget: 1024 MB unless
`size-budget-mb` or `--size-budget-mb` says otherwise (decimal megabytes, as `docker
images` shows them). Reported on line 0: the image as a whole.

## Why is this bad?
Every node pulls the whole image before the pod starts; a bloated image slows scaling
and rollbacks, and usually carries build tools or caches it does not need.

## Example
```dockerfile
FROM python:3.12
RUN pip install -r requirements.txt
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
```
"""
from dockharden.core.text import size
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("IM902", "image-over-size-budget", None, Severity.WARNING, "The image is larger than the size budget.", __doc__)
SET_BY: tuple[str, ...] = ()


def check(facts, settings):
    if facts.total_size > settings.size_budget_mb * 10**6:
        yield Finding(RULE, 0, f"the image holds {size(facts.total_size)}, over the {settings.size_budget_mb} MB budget")
