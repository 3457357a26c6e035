"""## What it does
Runs `id` (and `whoami`) inside the started container and flags a process running as
UID 0, whatever the image's USER says: no USER at all, `USER root`, `USER 0`, or a name
that /etc/passwd maps to UID 0.

## Why is this bad?
Root in the container is root on the host's kernel: one escape or one writable host mount
away from owning the node. Kubernetes `runAsNonRoot` refuses to start such a pod.

## Example
```dockerfile
FROM python:3.12-slim
COPY app.py /app/app.py
CMD ["python", "/app/app.py"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN groupadd -g 1000 app && useradd -u 1000 -g 1000 -M app
COPY --chown=1000:1000 app.py /app/app.py
USER 1000:1000
CMD ["python", "/app/app.py"]
```
"""
from dockharden.runtime.parsing import parse_id
from dockharden.runtime.plan import step_number
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("VF101", "runs-as-root", "non_root_user", Severity.ERROR, "The running container's process is root.", __doc__)


def check(seen, settings):
    identity = parse_id(seen.id.output) if seen.id.succeeded else None
    if identity is not None and identity.uid == 0:
        yield Finding(RULE, step_number("id"), f"the container runs as root ({seen.id.output.strip()})")
    elif identity is None and seen.whoami.succeeded and seen.whoami.output.strip() == "root":
        yield Finding(RULE, step_number("whoami"), "the container runs as root (whoami: root)")
