"""## What it does
Starts the container and waits for its health status to become `healthy`. Flags it when
the status turns `unhealthy`, or is still `starting` when the deadline passes, and shows
the last probe's exit code and output, such as `/bin/sh: 1: curl: not found`.

## Why is this bad?
An orchestrator never routes traffic to a container that is not healthy, and restarts it
in a loop. The usual cause is a probe that cannot run in the image: `curl` is not in
`python:3.12-slim` or `-alpine`, and busybox `wget localhost` tries `::1` first.
"""
from dockharden.runtime.plan import step_number
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("VF203", "never-healthy", "healthcheck", Severity.ERROR,
            "The container did not become healthy; the last probe's output says why.", rule_docs(__doc__, lessons.PROBE_MISSING))


def check(seen, settings):
    health = seen.health
    if health.status == "unhealthy":
        yield Finding(RULE, step_number("health"), f"unhealthy after {health.seconds:.1f} s; {_last_probe(health)}")
    elif health.status == "starting":
        yield Finding(RULE, step_number("health"),
                      f"still starting when the {health.deadline:g} s deadline passed; {_last_probe(health)}")


def _last_probe(health) -> str:
    if health.last_probe_exit is None:
        return "no probe has finished yet"
    output = " ".join(health.last_probe.split()) or "no output"
    return f"last probe (exit {health.last_probe_exit}): {output}"
