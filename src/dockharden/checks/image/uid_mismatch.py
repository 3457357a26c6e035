"""## What it does
Flags a non-root image user whose UID (numeric, or resolved through the image's
/etc/passwd) is not the required UID: 1000 unless `required-uid` or `--required-uid` says
otherwise. Reported on line 0: the image config has no lines.

## Why is this bad?
Volumes, `fsGroup` and the security context are set up for one UID; another UID cannot
write the mounted model cache or data directory, and `runAsUser` no longer matches.

## Example
```dockerfile
RUN useradd --uid 1500 app
USER 1500
```

## Use instead
```dockerfile
RUN groupadd -g 1000 app && useradd -u 1000 -g 1000 app
USER 1000:1000
```
"""
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("IM103", "image-uid-mismatch", "non_root_user", Severity.WARNING, "The image user's UID is not the required UID.", __doc__)
SET_BY: tuple[str, ...] = ("USER",)


def check(facts, settings):
    uid = facts.user.uid
    if uid is not None and uid != 0 and uid != settings.required_uid:
        yield Finding(RULE, 0, f"User {facts.user.spec} has UID {uid}, not the required {settings.required_uid}")
