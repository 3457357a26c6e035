"""## What it does
Flags ENV instructions, in any stage, whose value is a secret: a secret-like name (words such
as PASSWORD, TOKEN, SECRET, API_KEY, split on `_`) with a literal value, or a value shaped
like a known credential (AKIA..., ghp_..., hf_..., sk-..., a private key, a URL with a
password). Names that point at a secret (`*_FILE`, `*_PATH`) and values that reference one
(`$VAR`, `/run/secrets/...`) are fine; `TOKENIZERS_PARALLELISM` and `GPG_KEY` are not secrets.
A reference is not fine when it copies a build argument into the image (`ARG password` then
`ENV APP_PASS=$password`) and either name is a secret's: the value given with `--build-arg`
is then stored in the image config.

The fix (unsafe) removes the ENV and gives every later RUN the value as a secret mount
exported under the same name; build with `--secret id=NAME,env=NAME`, run with `-e NAME`.

## Why is this bad?
ENV values are stored in the image config and in every image built FROM it, and the
Dockerfile sits in the repository. A build argument copied into ENV is shown by `docker
inspect` to anyone who pulls the image, and every container gets the one value.

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
from dockharden.dockerfile.model import env_pairs
from dockharden.dockerfile.variables import plain_references
from dockharden.knowledge.secrets import is_secret_name, qualifies_a_secret, secret_variable
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
            elif (argument := _secret_build_arg(model, stage, var)) is not None:
                yield Finding(RULE, var.line, f"ENV {var.name} copies the build argument {argument} into the image config: docker inspect "
                              "shows the value given at build to anyone who pulls the image; pass it when the container starts")


def _secret_build_arg(model, stage, var) -> str | None:
    """The ARG, declared before the ENV in this stage or one it is built FROM, whose value the
    ENV copies, when the ARG's or the ENV's name is a secret's (and the ENV's does not say it
    holds a path or a switch: CREDENTIALS_FILE=$creds)."""
    if qualifies_a_secret(var.name):
        return None
    lineage = {s.index for s in model.lineage(stage)}
    declared = {a.name for a in model.arguments if a.stage in lineage and (a.stage != stage.index or a.line < var.line)}
    for instruction in stage.instructions:
        if instruction.name == "ENV" and instruction.start_line == var.line:
            raw = dict(env_pairs(instruction)).get(var.name, "")
            for name in sorted(plain_references(raw) & declared):
                if is_secret_name(name) or is_secret_name(var.name):
                    return name
    return None
