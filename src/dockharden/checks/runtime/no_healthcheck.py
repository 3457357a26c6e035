"""## What it does
Flags a container that reports no health status because its image has no HEALTHCHECK:
`docker inspect --format '{{.State.Health.Status}}'` has nothing to show.

## Why is this bad?
Docker, compose and swarm cannot tell a hung service from a working one, `depends_on:
condition: service_healthy` never fires, and `restart` policies only see crashes.

## Example
```dockerfile
CMD ["gunicorn", "--config", "/app/gunicorn.conf.py", "main:app"]
```

## Use instead
```dockerfile
HEALTHCHECK --interval=30s --timeout=10s --start-period=10s --retries=3 \\
    CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/health', timeout=5)"]
CMD ["gunicorn", "--config", "/app/gunicorn.conf.py", "main:app"]
```
"""
from dockharden.runtime.plan import step_number
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("VF201", "no-healthcheck-at-runtime", "healthcheck", Severity.ERROR,
            "The running container reports no health status: the image has no HEALTHCHECK.", __doc__)


def check(seen, settings):
    if not seen.healthcheck_test and seen.health.status == "none":
        yield Finding(RULE, step_number("health"), "the container reports no health status: the image has no HEALTHCHECK")
