"""## What it does
Flags a container that reports no health status because its image has no HEALTHCHECK:
`docker inspect --format '{{.State.Health.Status}}'` has nothing to show.

## Why is this bad?
Docker, compose and swarm cannot tell a hung service from a working one, `depends_on:
condition: service_healthy` never fires, and `restart` policies only see crashes.
"""
from dockharden.runtime.plan import step_number
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("VF201", "no-healthcheck-at-runtime", "healthcheck", Severity.ERROR,
            "The running container reports no health status: the image has no HEALTHCHECK.", rule_docs(__doc__, lessons.MISSING_HEALTHCHECK))


def check(seen, settings):
    if not seen.healthcheck_test and seen.health.status == "none":
        yield Finding(RULE, step_number("health"), "the container reports no health status: the image has no HEALTHCHECK")
