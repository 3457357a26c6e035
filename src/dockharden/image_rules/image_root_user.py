"""## What it does
Flags an image whose config runs the container as root: no User at all, `root`, `0`,
`root:<group>`, `0:<group>`, or a name that the image's /etc/passwd maps to UID 0.
Reported on line 0: the image config has no lines.

## Why is this bad?
A process running as root inside the container is root on the host's kernel; one escape
or one writable host mount away from owning the node. Kubernetes `runAsNonRoot` refuses it.

## Example
```dockerfile
FROM python:3.12-slim
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
from dockharden.vocabulary import Finding, Rule, Severity

RULE = Rule("IM101", "image-root-user", "non_root_user", Severity.ERROR, "The image runs as root.", __doc__)
SET_BY: tuple[str, ...] = ("USER",)


def check(facts, settings):
    user = facts.user
    if not user.spec:
        yield Finding(RULE, 0, "the image config sets no User: the container runs as root")
    elif user.is_root:
        yield Finding(RULE, 0, f"the image runs as root (User {user.spec})")
