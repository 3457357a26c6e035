"""## What it does
Flags COPY or ADD of files that hold secrets: `.env`, `id_rsa*` and other SSH keys, `.netrc`,
`.pypirc`, `.npmrc`, `.git-credentials`, `.aws/credentials`, `.docker/config.json`,
`.kube/config`, `*.pem`, `*.key`. An `.npmrc` or `.yarnrc` that the build context shows to
hold settings only (no `_authToken`, `_auth`, `_password` key, no token-shaped value) is
not flagged, nor is a `*.key` or `*.pem` that holds public material only: PEM or OpenPGP
armoured public keys, certificates and signatures (an apt repository's signing key, a CA
bundle), with no private key block, nor a `.env` or `*.env` whose every line is blank or a
comment (a template of commented-out placeholders, `# API_KEY=<your key>`) or that sets only
the variables a frontend build makes public (`REACT_APP_*`, `VITE_*`, `NEXT_PUBLIC_*`...),
none with a value shaped like a known secret.

## Why is this bad?
A file copied into any layer stays in the image, even when a later layer deletes it.

## Example
```dockerfile
COPY .env /app/.env
COPY id_rsa /root/.ssh/id_rsa
```

## Use instead
```dockerfile
RUN --mount=type=secret,id=env,target=/app/.env python manage.py migrate
```
"""
from dockharden.knowledge.secrets import is_secret_path
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH604", "secret-file-copied", "no_secrets", Severity.ERROR, "A secret file is copied into the image.", __doc__,
            peers=("DS-0031", "CIS-DI-0010"))


def check(model, settings):
    harmless = model.context.harmless if model.context is not None else frozenset()
    for stage in model.stages:
        for copy in stage.copies:
            for source in copy.sources:
                if copy.from_ref is None and "://" not in source and is_secret_path(source) and source.lstrip("/") not in harmless:
                    yield Finding(RULE, copy.instruction.start_line, f"{copy.instruction.name} {source} copies a secret file into the image", copy.instruction.end_line)
