"""## What it does
Flags a Dockerfile with no `.dockerignore` next to it (nor a `<Dockerfile>.dockerignore`).

## Why is this bad?
Without it `COPY . .` sends and copies `.git`, `.venv`, `.env` files, keys, model weights
and caches: slow builds, huge layers and leaked secrets.

## Example
```text
app/
  Dockerfile
  main.py
```

## Use instead
```text
app/
  .dockerignore
  Dockerfile
  main.py
```
"""
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH906", "missing-dockerignore", None, Severity.WARNING, "No .dockerignore next to the Dockerfile.", __doc__)


def check(model, settings):
    if model.dockerignore is False:
        yield Finding(RULE, 1, "no .dockerignore next to the Dockerfile: COPY . may send .git, .env and keys")
