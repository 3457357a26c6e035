"""## What it does
Flags a health check whose program is not in the image: not found along the image's
PATH (`curl` in a slim Python image), or a `CMD-SHELL` probe in an image without
/bin/sh. Shell builtins such as `exit` and `test` need no program. Reported on line 0:
the image config has no lines.

## Why is this bad?
The probe fails every time, so the container turns unhealthy and is restarted forever
although the server is fine.
"""
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity
from dockharden.knowledge.shells import SHELL_BUILTINS

RULE = Rule("IM203", "image-probe-missing", "healthcheck", Severity.ERROR, "The health check runs a program the image does not have.", rule_docs(__doc__, lessons.PROBE_MISSING))
SET_BY: tuple[str, ...] = ("HEALTHCHECK",)


def check(facts, settings):
    probe = facts.probe
    if probe is None:
        return
    if probe.shell_form and probe.shell is None:
        yield Finding(RULE, 0, "the CMD-SHELL health check needs /bin/sh, which the image lacks")
    elif probe.program_path is None and not (probe.shell_form and probe.program in SHELL_BUILTINS):
        yield Finding(RULE, 0, f"the health check runs {probe.program or 'nothing'}, which is not in the image")
