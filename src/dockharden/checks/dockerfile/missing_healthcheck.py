"""## What it does
Flags a final stage without an effective HEALTHCHECK. One inherited through `FROM <stage>`
counts; one set only in a builder stage does not.

## Why is this bad?
Without a healthcheck Docker and compose report a hung or crashed-but-running server as
up, and `depends_on: condition: service_healthy` never works.

## Example
```dockerfile
FROM python:3.12-slim
CMD ["uvicorn", "main:app", "--host", "0.0.0.0"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
HEALTHCHECK --interval=30s --timeout=10s --start-period=5s --retries=3 \
    CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/health', timeout=5)"]
CMD ["uvicorn", "main:app", "--host", "0.0.0.0"]
```
"""
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH201", "missing-healthcheck", "healthcheck", Severity.ERROR, "The final stage has no HEALTHCHECK.", __doc__)


def check(model, settings):
    if model.final.healthcheck is None:
        yield Finding(RULE, model.final.line, "the final stage has no HEALTHCHECK")
