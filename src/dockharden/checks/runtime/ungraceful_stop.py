"""## What it does
Sends `docker stop` (SIGTERM, or the image's STOPSIGNAL; SIGKILL when the stop timeout
runs out) and flags a container that does not exit by itself with code 0 or 143: exit
137 means the engine waited the whole timeout and killed it.

## Why is this bad?
A killed server drops its in-flight requests and skips its shutdown hooks. With a
shell-form `CMD gunicorn ...`, `/bin/sh` stays PID 1 on Debian and never passes SIGTERM
on; a Python process that is PID 1 without a SIGTERM handler ignores it too.

## Example
```dockerfile
CMD gunicorn --config /app/gunicorn.conf.py main:app
```

## Use instead
```dockerfile
CMD ["gunicorn", "--config", "/app/gunicorn.conf.py", "main:app"]
```
"""
from dockharden.runtime.plan import step_number
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("VF701", "ungraceful-stop", "exec_form", Severity.ERROR,
            "docker stop did not end the container gracefully (exit 0 or 143 within the stop timeout).", __doc__)
GRACEFUL_EXIT_CODES = (0, 143)


def check(seen, settings):
    stop = seen.stop
    if not stop.ran:
        return
    if stop.oom_killed:
        yield Finding(RULE, step_number("stop"), f"the kernel's OOM killer ended it (exit {stop.exit_code})")
    elif stop.exit_code == 137:
        yield Finding(RULE, step_number("stop"), (
            f"exit 137 after {stop.seconds:.1f} s: the engine waited the whole {stop.timeout} s stop timeout and "
            "killed it; SIGTERM did not end the main process (shell-form CMD, or PID 1 without a SIGTERM handler)"))
    elif stop.exit_code not in GRACEFUL_EXIT_CODES:
        message = f"exit {stop.exit_code} after {stop.seconds:.1f} s on docker stop, not 0 or 143"
        yield Finding(RULE, step_number("stop"), message)
