"""## What it does
Flags a final stage without an effective HEALTHCHECK. One inherited through `FROM <stage>`
counts; one set only in a builder stage does not.

## Why is this bad?
Without a healthcheck Docker and compose report a hung or crashed-but-running server as
up, and `depends_on: condition: service_healthy` never works.
"""
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH201", "missing-healthcheck", "healthcheck", Severity.ERROR, "The final stage has no HEALTHCHECK.", rule_docs(__doc__, lessons.MISSING_HEALTHCHECK))


def check(model, settings):
    if model.final.healthcheck is None:
        yield Finding(RULE, model.final.line, "the final stage has no HEALTHCHECK")
