"""## What it does
Flags paths under the image's working directory owned by neither the runtime user nor
root: files left by another build user or a `--chown` to the wrong UID. Paths owned by the
runtime user pass, and so do root-owned paths (read-only code); an image that runs as root
is IM101's finding and its ownership is not judged. Reported on line 0: the image config
has no lines.

## Why is this bad?
The service cannot write what it should own (model cache, uploads), and a UID that the
runtime user does not have is a leftover nobody checked.
"""
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("IM402", "image-files-not-owned", "chown", Severity.WARNING, "Paths under the working directory belong to another user.", rule_docs(__doc__, lessons.FILES_NOT_OWNED))
SET_BY: tuple[str, ...] = ("WORKDIR",)


def check(facts, settings):
    workdir, uid = facts.workdir, facts.user.uid
    if workdir is None or workdir.stat is None or uid in (None, 0):
        return
    for owner in workdir.owners:
        if owner.uid not in (uid, 0):
            yield Finding(RULE, 0, (
                f"{workdir.path}: {owner.paths} of {workdir.total} paths owned by {owner.uid}:{owner.gid}, "
                f"not by the runtime user {uid}"))
