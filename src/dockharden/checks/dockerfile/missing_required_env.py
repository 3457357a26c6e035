"""## What it does
Flags a final stage that does not set the required ENV keys (with inheritance through
`FROM <stage>`). By default these are `PYTHONUNBUFFERED` and `PYTHONDONTWRITEBYTECODE`;
`required-env` in the configuration changes the list.

## Why is this bad?
Without `PYTHONUNBUFFERED=1` logs sit in a buffer and are lost when the container dies;
without `PYTHONDONTWRITEBYTECODE=1` Python writes .pyc files next to read-only code.

## Example
```dockerfile
FROM python:3.12-slim
CMD ["python", "app.py"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
CMD ["python", "app.py"]
```
"""
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH301", "missing-required-env", "env_config", Severity.WARNING, "The final stage does not set a required ENV key.", __doc__)


def check(model, settings):
    missing = [key for key in settings.required_env if key not in model.final.env]
    if missing:
        yield Finding(RULE, model.final.line, f"the final stage does not set {', '.join(missing)}")
