"""## What it does
Flags an image whose config has no Healthcheck. Reported on line 0: the image config has
no lines.

## Why is this bad?
Without a health check Docker and compose report a hung server as running: restarts,
`depends_on: condition: service_healthy` and rolling deploys cannot tell it is dead.
"""
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("IM201", "image-missing-healthcheck", "healthcheck", Severity.ERROR, "The image has no health check.", rule_docs(__doc__, lessons.MISSING_HEALTHCHECK),
            peers=("CIS-DI-0006",))
SET_BY: tuple[str, ...] = ()


def check(facts, settings):
    if facts.config.healthcheck is None:
        yield Finding(RULE, 0, "the image config has no Healthcheck")
