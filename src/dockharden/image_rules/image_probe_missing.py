"""## What it does
Flags a health check whose program is not in the image: not found along the image's
PATH (`curl` in a slim Python image), or a `CMD-SHELL` probe in an image without
/bin/sh. Shell builtins such as `exit` and `test` need no program. Reported on line 0:
the image config has no lines.

## Why is this bad?
The probe fails every time, so the container turns unhealthy and is restarted forever
although the server is fine.

## Example
```dockerfile
FROM python:3.12-slim
HEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1
```

## Use instead
```dockerfile
FROM python:3.12-slim
HEALTHCHECK CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/health', timeout=5)"]
```
"""
from dockharden.vocabulary import Finding, Rule, Severity

RULE = Rule("IM203", "image-probe-missing", "healthcheck", Severity.ERROR, "The health check runs a program the image does not have.", __doc__)
SET_BY: tuple[str, ...] = ("HEALTHCHECK",)
_BUILTINS = frozenset({"exit", "true", "false", "test", "[", "[[", ":", "echo", "printf", "cd", "kill", "read", "return"})


def check(facts, settings):
    probe = facts.probe
    if probe is None:
        return
    if probe.shell_form and probe.shell is None:
        yield Finding(RULE, 0, "the CMD-SHELL health check needs /bin/sh, which the image lacks")
    elif probe.program_path is None and not (probe.shell_form and probe.program in _BUILTINS):
        yield Finding(RULE, 0, f"the health check runs {probe.program or 'nothing'}, which is not in the image")
