"""## What it does
Flags secret files stored in any layer: `.env`, `id_rsa*` and other SSH keys,
`.aws/credentials`, `.netrc`, `.pypirc`, `.git-credentials`, `.npmrc`,
`.docker/config.json`, `.kube/config`, and any file whose content is a private key. A
file deleted by a later layer is still flagged: the lower layer keeps it. Reported at the
history step that added the file (1-based, oldest first, as in the config's history).

## Why is this bad?
Layers are plain tar files; `docker save` hands every one of them, deleted files included,
to anyone who can pull the image.

## Example
```dockerfile
COPY . /app
RUN rm /app/.env
```

## Use instead
```dockerfile
# .dockerignore lists .env, and the running container gets it as a secret
COPY . /app
```
"""
from dockharden.checks.image.shared import describe_step, step_line
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("IM603", "secret-file-in-image", "no_secrets", Severity.ERROR, "A layer of the image stores a secret file.", __doc__,
            peers=("CIS-DI-0010",))
SET_BY: tuple[str, ...] = ()


def check(facts, settings):
    for secret in facts.secret_files:
        where = describe_step(facts, secret.layer)
        kept = "" if secret.present else ", deleted later but still stored in its layer"
        yield Finding(RULE, step_line(facts, secret.layer), f"{secret.path}: {secret.reason}, added by {where}{kept}")
