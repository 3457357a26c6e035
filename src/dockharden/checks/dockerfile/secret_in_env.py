"""## What it does
Flags ENV instructions, in any stage, whose value is a secret: a secret-like name (words such
as PASSWORD, TOKEN, SECRET, API_KEY, split on `_`) with a literal value, or a value shaped
like a known credential (AKIA..., ghp_..., hf_..., sk-..., a private key, a URL with a
password). Names that point at a secret (`*_FILE`, `*_PATH`) and values that reference one
(`$VAR`, `/run/secrets/...`) are fine; `TOKENIZERS_PARALLELISM` and `GPG_KEY` are not secrets.

The fix (unsafe) removes the ENV and gives every later RUN the value as a secret mount
exported under the same name; build with `--secret id=NAME,env=NAME`, run with `-e NAME`.

## Why is this bad?
ENV values are stored in the image config and in every image built FROM it, and the
Dockerfile sits in the repository.

## Example
```dockerfile
ENV HF_TOKEN=hf_abcdefghijklmnopqrstuvwxyz0123456
```

## Use instead
```dockerfile
ENV HF_TOKEN_FILE=/run/secrets/hf_token
```
"""
from dockharden.checks.dockerfile.shared import secret_mount_fix
from dockharden.knowledge.secrets import secret_variable
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH601", "secret-in-env", "no_secrets", Severity.ERROR, "An ENV value is a secret.", __doc__,
            peers=("SecretsUsedInArgOrEnv", "DS-0031", "CIS-DI-0010"))


def check(model, settings):
    # Each value once, in the stage that sets it: the stages built FROM it inherit the same value.
    for stage in model.stages:
        for var in stage.defined_env:
            reason = secret_variable(var.name, var.value)
            if reason:
                yield Finding(RULE, var.line, f"ENV {var.name}: {reason}", fix=(secret_mount_fix(model, var.name, var.line) if settings.fixes else None))
