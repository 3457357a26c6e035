"""## What it does
Flags an image whose config has no Healthcheck. Reported on line 0: the image config has
no lines.

## Why is this bad?
Without a health check Docker and compose report a hung server as running: restarts,
`depends_on: condition: service_healthy` and rolling deploys cannot tell it is dead.

## Example
```dockerfile
FROM python:3.12-slim
CMD ["python", "app.py"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
HEALTHCHECK --interval=30s --timeout=10s --start-period=5s --retries=3 \\
    CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/health', timeout=5)"]
CMD ["python", "app.py"]
```
"""
from dockharden.vocabulary import Finding, Rule, Severity

RULE = Rule("IM201", "image-missing-healthcheck", "healthcheck", Severity.ERROR, "The image has no health check.", __doc__)
SET_BY: tuple[str, ...] = ()


def check(facts, settings):
    if facts.config.healthcheck is None:
        yield Finding(RULE, 0, "the image config has no Healthcheck")
