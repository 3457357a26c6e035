"""## What it does
Flags an image whose Healthcheck is `NONE`, which switches off a check the base image
had. Reported on line 0: the image config has no lines.

## Why is this bad?
The container is reported as running whatever state the server is in.
"""
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("IM202", "image-healthcheck-disabled", "healthcheck", Severity.ERROR, "The image's health check is NONE.", rule_docs(__doc__, lessons.HEALTHCHECK_NONE))
SET_BY: tuple[str, ...] = ("HEALTHCHECK",)


def check(facts, settings):
    healthcheck = facts.config.healthcheck
    if healthcheck is not None and healthcheck.disabled:
        yield Finding(RULE, 0, "the image's Healthcheck is NONE")
