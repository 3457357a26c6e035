"""## What it does
Reads `docker history --no-trunc` (what the specification greps for password, secret
and key) and flags steps that hold a secret: a build argument recorded in a RUN step
(`|1 TOKEN=... /bin/sh -c ...`), an `ENV` or `ARG` assignment with a secret value that
the container's environment no longer shows (VF601 reports those it does), or text
shaped like a credential. Messages name the step and the variable, never the value.

## Why is this bad?
Anyone who can pull the image can print its history; a build argument used by a RUN is
recorded there even though it never reaches the environment.
"""
from dockharden.knowledge.secrets import secret_variable
from dockharden.knowledge.history import step_secrets
from dockharden.runtime.parsing import parse_env
from dockharden.runtime.plan import step_number
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("VF602", "secret-in-history-at-runtime", "no_secrets", Severity.ERROR,
            "A step of the image's history holds a secret.", rule_docs(__doc__, lessons.SECRET_IN_HISTORY))


def check(seen, settings):
    reported = _reported_by_env(seen)
    total = len(seen.history)
    for position, step in enumerate(seen.history):
        reasons = sorted({why for kind, name, why in step_secrets(step.created_by)
                          if not (kind == "ENV" and name in reported)})
        if reasons:
            yield Finding(RULE, step_number("history"), f"history step {total - position}: {'; '.join(reasons)}")


def _reported_by_env(seen) -> frozenset[str]:
    """Secret variables the running container's environment shows: VF601 reports them."""
    if not seen.env.succeeded:
        return frozenset()
    return frozenset(name for name, value in parse_env(seen.env.output).items() if secret_variable(name, value))
