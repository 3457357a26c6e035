"""## What it does
Flags setuid and setgid files that the image adds above its base image (the base image's
own, such as `su` and `passwd`, are the base's business). Reported at the history step
that added the file (1-based, oldest first, as in the config's history).

## Why is this bad?
A setuid-root program is a way back to root for the non-root user the image runs as, and
`allowPrivilegeEscalation: false` is then the only thing in the way.

## Example
```dockerfile
RUN cp /usr/bin/true /usr/local/bin/helper && chmod 4755 /usr/local/bin/helper
```

## Use instead
```dockerfile
RUN cp /usr/bin/true /usr/local/bin/helper && chmod 0755 /usr/local/bin/helper
```
"""
from dockharden.checks.image.shared import describe_step, step_line
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("IM901", "setuid-file-added", None, Severity.WARNING, "The image adds a setuid or setgid file.", __doc__,
            peers=("CIS-DI-0008",))
SET_BY: tuple[str, ...] = ()


def check(facts, settings):
    for special in facts.special_files:
        if special.above_base:
            bits = "/".join(kind for kind, on in (("setuid", special.setuid), ("setgid", special.setgid)) if on)
            yield Finding(RULE, step_line(facts, special.layer), (
                f"{special.path}: {bits} (mode {special.mode & 0o7777:o}, owner {special.uid}:{special.gid}), "
                f"added by {describe_step(facts, special.layer)}"))
