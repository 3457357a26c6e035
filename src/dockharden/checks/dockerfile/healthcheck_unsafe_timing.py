"""## What it does
Flags HEALTHCHECK timings that make the check useless or harmful: a timeout longer than the
interval, an interval under 5 seconds, more than 10 retries, a malformed duration, or a
timeout of 1 second or less for an HTTP probe of a Python server. A value of 0 means
Docker's default (30s, 30s, 0s, 3 retries), as the engine reads it.
"""
from dockharden.knowledge.healthcheck_timing import timing_problems
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH204", "healthcheck-unsafe-timing", "healthcheck", Severity.WARNING, "The HEALTHCHECK timings are unsafe.", rule_docs(__doc__, lessons.UNSAFE_TIMING))


def check(model, settings):
    check_ = model.final.healthcheck
    if check_ is None or check_.disabled:
        return
    for problem in _problems(check_):
        yield Finding(RULE, check_.line, problem, check_.end_line)


def _problems(check_):
    yield from check_.errors
    yield from timing_problems(check_.interval, check_.timeout, check_.retries)
