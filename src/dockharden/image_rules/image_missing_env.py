"""## What it does
Flags an image whose config Env lacks a required key. By default these are
`PYTHONUNBUFFERED` and `PYTHONDONTWRITEBYTECODE`; `required-env` in the configuration
changes the list. Reported on line 0: the image config has no lines.

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
from dockharden.vocabulary import Finding, Rule, Severity

RULE = Rule("IM301", "image-missing-env", "env_config", Severity.WARNING, "The image does not set a required ENV key.", __doc__)
SET_BY: tuple[str, ...] = ()


def check(facts, settings):
    env = facts.config.env_dict()
    missing = [key for key in settings.required_env if key not in env]
    if missing:
        yield Finding(RULE, 0, f"the image does not set {', '.join(missing)}")
