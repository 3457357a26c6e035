"""## What it does
Flags `HEALTHCHECK NONE` as the final stage's effective healthcheck.

## Why is this bad?
NONE switches off any check the base image or a parent stage defined. checkov counts it as
a healthcheck; it is the opposite of one.
"""
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH202", "healthcheck-disabled", "healthcheck", Severity.ERROR, "The final stage's HEALTHCHECK is NONE.", rule_docs(__doc__, lessons.HEALTHCHECK_NONE))


def check(model, settings):
    check_ = model.final.healthcheck
    if check_ is not None and check_.disabled:
        yield Finding(RULE, check_.line, "HEALTHCHECK NONE disables the health check", check_.end_line)
