"""## What it does
Flags an image whose config runs the container as root: no User at all, `root`, `0`,
`root:<group>`, `0:<group>`, or a name that the image's /etc/passwd maps to UID 0.
Reported on line 0: the image config has no lines.
"""
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("IM101", "image-root-user", "non_root_user", Severity.ERROR, "The image runs as root.", rule_docs(__doc__, lessons.ROOT_USER),
            peers=("CIS-DI-0001",))
SET_BY: tuple[str, ...] = ("USER",)


def check(facts, settings):
    user = facts.user
    if not user.spec:
        yield Finding(RULE, 0, "the image config sets no User: the container runs as root")
    elif user.is_root:
        yield Finding(RULE, 0, f"the image runs as root (User {user.spec})")
