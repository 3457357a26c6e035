"""## What it does
Flags a container whose image disables the health check with `HEALTHCHECK NONE`
(usually to silence an inherited check), so it never reports a health status.

## Why is this bad?
A disabled check is the same as none: nothing tells the orchestrator that the service
stopped answering.
"""
from dockharden.runtime.plan import step_number
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("VF202", "healthcheck-none-at-runtime", "healthcheck", Severity.ERROR,
            "The running container reports no health status: the image's HEALTHCHECK is NONE.", rule_docs(__doc__, lessons.HEALTHCHECK_NONE))


def check(seen, settings):
    if seen.healthcheck_test[:1] == ("NONE",) and seen.health.status == "none":
        message = "the container reports no health status: the image's HEALTHCHECK is NONE"
        yield Finding(RULE, step_number("health"), message)
