"""## What it does
Runs `env` inside the started container and flags each required key that is not set
(PYTHONUNBUFFERED and PYTHONDONTWRITEBYTECODE unless `required-env` says otherwise).

## Why is this bad?
Without PYTHONUNBUFFERED, logs sit in a buffer and are lost when the container dies;
without PYTHONDONTWRITEBYTECODE, the service writes .pyc files into a read-only or shared
tree. What the Dockerfile says is not always what runs: a base image or an entrypoint
script can drop or override a variable.
"""
from dockharden.runtime.parsing import parse_env
from dockharden.runtime.plan import step_number
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("VF301", "missing-env-at-runtime", "env_config", Severity.WARNING,
            "A required environment variable is not set in the running container.", rule_docs(__doc__, lessons.REQUIRED_ENV))


def check(seen, settings):
    if not seen.env.succeeded:
        return
    env = parse_env(seen.env.output)
    for key in settings.missing_env(env):
        yield Finding(RULE, step_number("env"), f"{key} is not set in the container's environment")
