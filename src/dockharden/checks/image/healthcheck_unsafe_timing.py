"""## What it does
Flags health-check timings that make the check useless or harmful: a timeout longer than
the interval, an interval under 5 seconds, a timeout of 1 second or less, or more than 10
retries. Unset values mean Docker's defaults (30s, 30s, 0s, 3 retries). Reported on
line 0: the image config has no lines.
"""
from dockharden.knowledge.healthcheck_timing import timing_problems
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("IM204", "image-healthcheck-unsafe-timing", "healthcheck", Severity.WARNING, "The image's health-check timings are unsafe.", rule_docs(__doc__, lessons.UNSAFE_TIMING))
SET_BY: tuple[str, ...] = ("HEALTHCHECK",)
_SECOND = 1_000_000_000


def check(facts, settings):
    healthcheck = facts.config.healthcheck
    if healthcheck is None or healthcheck.disabled:
        return
    for problem in _problems(healthcheck):
        yield Finding(RULE, 0, problem)


def _problems(healthcheck):
    interval, timeout = healthcheck.effective_interval_ns / _SECOND, healthcheck.effective_timeout_ns / _SECOND
    return timing_problems(interval, timeout, healthcheck.effective_retries)
