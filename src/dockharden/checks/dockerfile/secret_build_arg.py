"""## What it does
Flags a secret-named ARG without a default that a RUN can see: it is meant to be passed with
`--build-arg`. A global ARG (before the first FROM) that no stage redeclares reaches FROM
lines only, so no RUN can use it and nothing is recorded: it is not flagged.

The fix (unsafe, for an ARG in a stage) is DH601's: a secret mount in every later RUN.

## Why is this bad?
Build arguments are not secret: when a RUN uses one, the classic builder records
`|1 TOKEN=... /bin/sh -c ...` in the image history, and BuildKit's provenance records
them. Secret mounts exist for this.

## Example
```dockerfile
ARG GITHUB_TOKEN
RUN git clone https://$GITHUB_TOKEN@github.com/org/private.git
```

## Use instead
```dockerfile
RUN --mount=type=secret,id=github_token \
    git clone "https://$(cat /run/secrets/github_token)@github.com/org/private.git"
```
"""
from dockharden.checks.dockerfile.shared import secret_mount_fix
from dockharden.knowledge.secrets import is_secret_name
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH603", "secret-build-arg", "no_secrets", Severity.WARNING, "A secret is passed as a build argument.", __doc__,
            peers=("DS-0031",))


def check(model, settings):
    for argument in model.arguments:
        if not argument.default and is_secret_name(argument.name) and model.visible_in_a_stage(argument):
            fix = secret_mount_fix(model, argument.name, argument.line) if settings.fixes and argument.stage is not None else None
            yield Finding(RULE, argument.line, f"ARG {argument.name} passes a secret as a build argument; use RUN --mount=type=secret", fix=fix)
