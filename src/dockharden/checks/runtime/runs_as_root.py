"""## What it does
Runs `id` (and `whoami`) inside the started container and flags a process running as
UID 0, whatever the image's USER says: no USER at all, `USER root`, `USER 0`, or a name
that /etc/passwd maps to UID 0.
"""
from dockharden.runtime.parsing import parse_id
from dockharden.runtime.plan import step_number
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("VF101", "runs-as-root", "non_root_user", Severity.ERROR, "The running container's process is root.", rule_docs(__doc__, lessons.ROOT_USER))


def check(seen, settings):
    identity = parse_id(seen.id.output) if seen.id.succeeded else None
    if identity is not None and identity.uid == 0:
        yield Finding(RULE, step_number("id"), f"the container runs as root ({seen.id.output.strip()})")
    elif identity is None and seen.whoami.succeeded and seen.whoami.output.strip() == "root":
        yield Finding(RULE, step_number("whoami"), "the container runs as root (whoami: root)")
