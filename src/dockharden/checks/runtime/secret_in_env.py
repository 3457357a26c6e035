"""## What it does
Runs `env` inside the started container and flags variables whose value is a secret: a
credential by its shape (AWS, GitHub, Hugging Face keys, private keys, passwords in URLs)
or a literal value under a secret-like name (`*_PASSWORD`, `*_TOKEN`, `API_KEY`).
Settings such as `TOKENIZERS_PARALLELISM=false` and references such as `*_FILE` pass.
Messages name the variable, never the value.

## Why is this bad?
Every process in the container, every `docker inspect` and every crash dump sees the
environment; an image that bakes a credential in gives it to anyone who can pull it.

## Use instead
```dockerfile
# Pass it at run time from the orchestrator's secret store:
#   docker run -e AWS_SECRET_ACCESS_KEY ... or a Kubernetes Secret
ENV AWS_SHARED_CREDENTIALS_FILE=/run/secrets/aws
```
"""
from dockharden.knowledge.secrets import secret_variable
from dockharden.runtime.parsing import parse_env
from dockharden.runtime.plan import step_number
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("VF601", "secret-in-env-at-runtime", "no_secrets", Severity.ERROR,
            "An environment variable of the running container holds a secret.", rule_docs(__doc__, lessons.SECRET_IN_ENV))


def check(seen, settings):
    if not seen.env.succeeded:
        return
    for name, value in parse_env(seen.env.output).items():
        if reason := secret_variable(name, value):
            yield Finding(RULE, step_number("env"), f"{name}: {reason}")
