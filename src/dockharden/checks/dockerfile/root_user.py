"""## What it does
Flags a final stage whose effective user is root: `USER root`, `USER 0`, `USER root:<group>`
or `USER 0:<group>`, including a root USER inherited through `FROM <stage>`. It is info
when the project runs the container as another user (a non-root compose `user:` on every
service that runs it, one-shot jobs aside: a migration, a service others wait to complete,
or one that only a profile starts and compose never restarts), when the entrypoint drops root (gosu, su-exec, s6) or most s6-overlay services
started by /init do in their run scripts (`s6-setuidgid app`), and on development, base and
tool images and on an image the project only copies files out of (`docker cp $(docker create IMAGE):...`); it does not
apply to Windows images (no root there) or export stages FROM scratch.

The fix (unsafe) creates a UID/GID 1000 account before the final stage's first COPY,
makes the folders the app writes (`*_HOME`, `*_CACHE`, VOLUMEs) its own, gives the COPYs
`--chown`, and switches to `USER 1000:1000` after the last instruction that needs root.

## Example
```dockerfile
FROM python:3.12-slim
USER root
CMD ["python", "app.py"]
```
"""
from dockharden.checks import lessons
from dockharden.checks.dockerfile.shared import as_root, non_root_fix
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH101", "root-user", "non_root_user", Severity.ERROR, "The final stage runs as root.", rule_docs(__doc__, lessons.ROOT_USER),
            peers=("DL3002", "DS-0002", "CKV_DOCKER_8", "CIS-DI-0001"))


def check(model, settings):
    user = model.final.user
    if user is not None and user.is_root and not model.windows:
        fix = non_root_fix(model, settings, f"run as UID {settings.required_uid} (a new account) in place of root")
        finding = as_root(model, Finding(RULE, user.line, f"the final stage runs as root (USER {user.text})", fix=fix))
        if finding is not None:
            yield finding
