"""## What it does
Flags an image whose Healthcheck is `NONE`, which switches off a check the base image
had. Reported on line 0: the image config has no lines.

## Why is this bad?
The container is reported as running whatever state the server is in.

## Example
```dockerfile
HEALTHCHECK NONE
```

## Use instead
```dockerfile
HEALTHCHECK --interval=30s --timeout=10s --start-period=5s --retries=3 \\
    CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/health', timeout=5)"]
```
"""
from dockharden.vocabulary import Finding, Rule, Severity

RULE = Rule("IM202", "image-healthcheck-disabled", "healthcheck", Severity.ERROR, "The image's health check is NONE.", __doc__)
SET_BY: tuple[str, ...] = ("HEALTHCHECK",)


def check(facts, settings):
    healthcheck = facts.config.healthcheck
    if healthcheck is not None and healthcheck.disabled:
        yield Finding(RULE, 0, "the image's Healthcheck is NONE")
