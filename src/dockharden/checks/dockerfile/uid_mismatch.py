"""## What it does
Flags a final USER whose UID is known but differs from the required UID (1000 by default,
`required-uid` in the configuration). The UID may well be a deliberate non-root one (999, a
system account): the message says so, and says how to require that UID instead when the
project's volumes and deployments are written for it (`required-uid = 999` in
.dockharden.toml, or `--required-uid 999`).

## Why is this bad?
Volume ownership, `fsGroup`, compose files and Kubernetes `runAsUser` are written for one
UID; an image that runs as another one cannot write its volumes.

## Example
```dockerfile
USER 1001
```

## Use instead
```dockerfile
USER 1000:1000
```
"""
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH104", "uid-mismatch", "non_root_user", Severity.WARNING, "The final USER's UID is not the required UID.", __doc__)


def check(model, settings):
    user = model.final.user
    if user is None or user.uid is None or user.is_root or model.windows:
        return
    if user.uid != settings.required_uid:
        yield Finding(RULE, user.line, f"the final user has UID {user.uid}, which is not root but is not the required UID "
                                       f"{settings.required_uid}: use USER {settings.required_uid}:{settings.required_uid}, or, if "
                                       f"{user.uid} is what volumes and deployments are written for, set required-uid = {user.uid} "
                                       f"(.dockharden.toml) or --required-uid {user.uid}")
