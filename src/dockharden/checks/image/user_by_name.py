"""## What it does
Flags an image whose config User is a name (`USER aiuser`) rather than a number, even
when the image's /etc/passwd resolves it. Reported on line 0: the image config has no lines.

## Why is this bad?
Kubernetes `runAsNonRoot` cannot verify a name and refuses to start the pod; and
`useradd aiuser` without `--uid` gives UID 1000 only by accident.
"""
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("IM104", "image-user-by-name", "non_root_user", Severity.WARNING, "The image's User is a name, not a numeric UID.", rule_docs(__doc__, lessons.USER_BY_NAME))
SET_BY: tuple[str, ...] = ("USER",)


def check(facts, settings):
    user = facts.user
    if user.spec and not user.numeric and user.uid not in (None, 0):
        numeric = f"{user.uid}:{user.gid}" if user.gid is not None else str(user.uid)
        yield Finding(RULE, 0, f"User {user.spec} is a name (UID {user.uid} in /etc/passwd); use USER {numeric}")
