"""## What it does
Flags a container that did not start, or stopped running before verify stopped it: its
main process exited or crashed. The message gives the exit code and the last log lines.

## Why is this bad?
A service that exits on its own (a missing module, a bad setting, a CMD that only prints
and returns) is restarted in a loop by the orchestrator and never serves.

## Example
```dockerfile
CMD ["python", "-c", "print('started')"]
```

## Use instead
```dockerfile
CMD ["gunicorn", "--config", "/app/gunicorn.conf.py", "main:app"]
```
"""
from dockharden.runtime.plan import step_number
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("VF204", "container-exited-early", "healthcheck", Severity.ERROR,
            "The container did not keep running until verify stopped it.", __doc__)


def check(seen, settings):
    health, stop = seen.health, seen.stop
    if health.status == "not-started":
        yield Finding(RULE, step_number("run"), f"the container did not start: {health.logs.strip()}")
    elif health.status == "exited":
        yield Finding(RULE, step_number("run"), _exited(health.exit_code, f"after {health.seconds:.1f} s", health.logs))
    elif not stop.ran:
        yield Finding(RULE, step_number("run"), _exited(stop.exit_code, "before verify stopped it", stop.logs))


def _exited(code, when: str, logs: str) -> str:
    tail = " | ".join(line.strip() for line in logs.strip().splitlines()[-3:] if line.strip())
    return f"the container exited with code {code} {when}" + (f"; last log lines: {tail}" if tail else "")
