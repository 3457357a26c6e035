"""## What it does
Flags an image whose config User is a name that the image's /etc/passwd does not list.
Reported on line 0: the image config has no lines.

## Why is this bad?
The container does not start: the runtime cannot map the name to a UID
(`unable to find user ghost: no matching entries in passwd file`).

## Example
```dockerfile
FROM python:3.12-slim
USER app
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN groupadd -g 1000 app && useradd -u 1000 -g 1000 -m app
USER 1000:1000
```
"""
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("IM102", "image-unknown-user", "non_root_user", Severity.ERROR, "The image's User is not in its /etc/passwd.", __doc__)
SET_BY: tuple[str, ...] = ("USER",)


def check(facts, settings):
    user = facts.user
    if user.uid is None:
        yield Finding(RULE, 0, f"User {user.spec}: no such user in the image's /etc/passwd")
