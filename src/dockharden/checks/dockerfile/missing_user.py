"""## What it does
Flags a final stage that never sets USER, neither itself nor through a parent stage, so it
runs as the base image's default user: root for python, debian and alpine images. A USER set
only in another (builder) stage does not count.

## Why is this bad?
No USER means root, silently. hadolint has no rule for this case; checkov passes when any
stage has a USER.

## Example
```dockerfile
FROM python:3.12-slim AS builder
USER 1000
FROM python:3.12-slim
CMD ["python", "app.py"]
```
"""
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH102", "missing-user", "non_root_user", Severity.ERROR, "The final stage sets no USER and runs as root.", rule_docs(__doc__, lessons.ROOT_USER))


def check(model, settings):
    if model.final.user is None:
        yield Finding(RULE, model.final.line, "the final stage sets no USER, so it runs as root")
