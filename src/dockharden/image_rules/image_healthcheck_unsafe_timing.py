"""## What it does
Flags health-check timings that make the check useless or harmful: a timeout longer than
the interval, an interval under 5 seconds, a timeout of 1 second or less, or more than 10
retries. Unset values mean Docker's defaults (30s, 30s, 0s, 3 retries). Reported on
line 0: the image config has no lines.

## Why is this bad?
Probes that overlap pile up; probes every second steal CPU from inference; a timeout of a
second marks a busy server unhealthy; a huge retry count hides a dead server for many
minutes.

## Example
```dockerfile
HEALTHCHECK --interval=2s --timeout=10s --retries=20 CMD ["python", "/probe.py"]
```

## Use instead
```dockerfile
HEALTHCHECK --interval=30s --timeout=10s --start-period=5s --retries=3 CMD ["python", "/probe.py"]
```
"""
from dockharden.health_timing import timing_problems
from dockharden.vocabulary import Finding, Rule, Severity

RULE = Rule("IM204", "image-healthcheck-unsafe-timing", "healthcheck", Severity.WARNING, "The image's health-check timings are unsafe.", __doc__)
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
