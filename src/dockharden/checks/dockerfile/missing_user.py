"""## What it does
Flags a final stage that never sets USER, neither itself nor through a parent stage, so it
runs as the base image's default user: root for python, debian and alpine images. A USER set
only in another (builder) stage does not count; a base image known to end with a non-root
USER (jupyter's stacks, nginx-unprivileged, a base built by another Dockerfile of the
repository) does. It is info when a compose `user:` (on every service but one-shot jobs),
an entrypoint that drops root (gosu, su-exec, s6) or s6-overlay services whose run scripts
do (`s6-setuidgid app`) decide the user, on development, base and tool images and on an
image the project only copies files out of (`docker cp $(docker create IMAGE):...`); it does
not apply to Windows images (no root there) or export stages FROM scratch.

The fix (unsafe) is DH101's: a UID/GID 1000 account, its folders, `--chown` on the COPYs,
and `USER 1000:1000` after the last instruction that needs root.

## Why is this bad?
No USER means root, silently. hadolint has no rule for this case; checkov passes when any
stage has a USER.

## Example
```dockerfile
FROM python:3.12-slim AS builder
USER 1000
FROM python:3.12-slim
CMD ["python", "app.py"]
```
"""
from dockharden.checks import lessons
from dockharden.checks.dockerfile.shared import as_root, non_root_fix
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH102", "missing-user", "non_root_user", Severity.ERROR, "The final stage sets no USER and runs as root.", rule_docs(__doc__, lessons.ROOT_USER),
            peers=("DS-0002", "CKV_DOCKER_3", "CIS-DI-0001"))


def check(model, settings):
    final = model.final
    if final.user is not None or model.windows or (final.base_facts is not None and final.base_facts.user):
        return
    fix = non_root_fix(model, settings, f"create a user with UID {settings.required_uid} and switch to it")
    finding = as_root(model, Finding(RULE, final.line, "the final stage sets no USER, so it runs as root", fix=fix))
    if finding is not None:
        yield finding
