"""## What it does
Flags a verification command (`whoami`, `id`, `env`, `ls -la WORKDIR`) that failed inside
the running container, so the checks that depend on it could not judge: a distroless
image without the program, or a WORKDIR that does not exist.

## Why is this bad?
A check that could not run is not a pass. Either the image lacks the basic tools the
specification's verification commands need, or the configuration is broken (a WORKDIR
that was never created).

## Example
```dockerfile
WORKDIR /srv/app
RUN rmdir /srv/app
```

## Use instead
```dockerfile
WORKDIR /srv/app
COPY --chown=1000:1000 app/ /srv/app/
```
"""
from dockharden.runtime.plan import step_number
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("VF901", "command-failed-in-container", None, Severity.WARNING,
            "A verification command failed inside the running container.", __doc__)
_COMMANDS = (("whoami", "whoami"), ("id", "id"), ("env", "env"), ("workdir", "listing"))


def check(seen, settings):
    for step, field in _COMMANDS:
        command = getattr(seen, field)
        if command.exit_code not in (None, 0):
            output = " ".join(command.output.split())[:200] or "no output"
            message = f"`{' '.join(command.argv)}` failed (exit {command.exit_code}): {output}"
            yield Finding(RULE, step_number(step), message)
