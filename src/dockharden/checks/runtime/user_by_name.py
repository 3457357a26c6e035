"""## What it does
Reads the image's `User` (`docker image inspect --format '{{.Config.User}}'`) and flags a
user given by name, such as `USER aiuser`, even when the container then runs as UID 1000.

## Why is this bad?
`useradd aiuser` without `--uid` gives UID 1000 only by accident, and Kubernetes
`runAsNonRoot` rejects a non-numeric image USER it cannot verify.
"""
from dockharden.runtime.parsing import parse_id
from dockharden.runtime.plan import step_number
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("VF103", "user-by-name-at-runtime", "non_root_user", Severity.WARNING,
            "The image's USER is a name, not a numeric UID.", rule_docs(__doc__, lessons.USER_BY_NAME))


def check(seen, settings):
    user = seen.config_user.split(":", 1)[0]
    identity = parse_id(seen.id.output) if seen.id.succeeded else None
    if not user or user.isdigit() or (identity is not None and identity.uid == 0):
        return
    runtime = f" (UID {identity.uid} at runtime)" if identity is not None else ""
    yield Finding(RULE, step_number("user"), (
        f"the image's USER is the name {user!r}{runtime}; Kubernetes runAsNonRoot cannot verify a name: "
        f"use a numeric USER such as {settings.required_uid}:{settings.required_uid}"))
