"""## What it does
Flags ARG defaults, global or in a stage, that hold a secret (same tests as
`secret-in-env`).

The fix (unsafe, for an ARG in a stage) is DH601's: a secret mount in every later RUN.

## Why is this bad?
The default is in the repository, and build arguments used by a RUN are recorded in the
image history (`docker history --no-trunc`).

## Example
```dockerfile
ARG PIP_INDEX_URL=https://user:hunter2@pypi.example.com/simple
```

## Use instead
```dockerfile
RUN --mount=type=secret,id=pip_index_url \
    PIP_INDEX_URL="$(cat /run/secrets/pip_index_url)" pip install -r requirements.txt
```
"""
from dockharden.checks.dockerfile.shared import secret_mount_fix
from dockharden.knowledge.secrets import secret_variable
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH602", "secret-in-arg", "no_secrets", Severity.ERROR, "An ARG default is a secret.", __doc__,
            peers=("SecretsUsedInArgOrEnv", "DS-0031"))


def check(model, settings):
    for argument in model.arguments:
        reason = secret_variable(argument.name, argument.default) if argument.default is not None else None
        if reason:
            fix = secret_mount_fix(model, argument.name, argument.line) if settings.fixes and argument.stage is not None else None
            yield Finding(RULE, argument.line, f"ARG {argument.name}: {reason}", fix=fix)
