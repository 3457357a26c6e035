"""## What it does
Flags a final stage whose effective user is root: `USER root`, `USER 0`, `USER root:<group>`
or `USER 0:<group>`, including a root USER inherited through `FROM <stage>`.

## Why is this bad?
A process running as root inside the container is root on the host's kernel; one escape
or one writable host mount away from owning the node. Kubernetes `runAsNonRoot` refuses it.

## Example
```dockerfile
FROM python:3.12-slim
USER root
CMD ["python", "app.py"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN groupadd -g 1000 app && useradd -u 1000 -g 1000 -m app
USER 1000:1000
CMD ["python", "app.py"]
```
"""
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH101", "root-user", "non_root_user", Severity.ERROR, "The final stage runs as root.", __doc__)


def check(model, settings):
    user = model.final.user
    if user is not None and user.is_root:
        yield Finding(RULE, user.line, f"the final stage runs as root (USER {user.text})")
