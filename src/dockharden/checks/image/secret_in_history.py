"""## What it does
Flags history steps whose `created_by` holds a secret: a build argument recorded in a RUN
step (`|1 TOKEN=... /bin/sh -c ...`, as the classic builder and BuildKit both write it), an
`ENV` or `ARG` assignment with a secret value that the final Env no longer shows, or any
text shaped like a credential. The message names the step and the variable, never the
value. Reported at the history step (1-based, oldest first, as in the config's history).

## Why is this bad?
`docker history --no-trunc` prints every step to anyone who can pull the image; a build
argument used by a RUN is recorded there even though it never reaches the Env.
"""
from dockharden.knowledge.history import step_secrets
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("IM602", "secret-in-history", "no_secrets", Severity.ERROR, "A history step of the image holds a secret.", rule_docs(__doc__, lessons.SECRET_IN_HISTORY))
SET_BY: tuple[str, ...] = ()


def check(facts, settings):
    final_env = frozenset(facts.config.env)
    for index, entry in enumerate(facts.history):
        reasons = sorted({why for _, _, why in step_secrets(entry.created_by, final_env)})
        if reasons:
            yield Finding(RULE, index + 1, f"step {index + 1}: {'; '.join(reasons)}")
