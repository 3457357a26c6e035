"""## What it does
Flags a running container whose non-root UID, as `id` prints it, is not the required UID
(1000 unless `--required-uid` or `required-uid` in the configuration says otherwise).

## Why is this bad?
Volumes, `fsGroup` and host directories are prepared for one UID. A different UID cannot
write the model cache or data volume, and it drifts silently when `useradd` picks the
next free number.

## Example
```dockerfile
RUN useradd -u 1001 -M app
USER 1001
```

## Use instead
```dockerfile
RUN groupadd -g 1000 app && useradd -u 1000 -g 1000 -M app
USER 1000:1000
```
"""
from dockharden.runtime.parsing import parse_id
from dockharden.runtime.plan import step_number
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("VF102", "uid-mismatch-at-runtime", "non_root_user", Severity.WARNING,
            "The running container's UID is not the required UID.", __doc__)


def check(seen, settings):
    identity = parse_id(seen.id.output) if seen.id.succeeded else None
    if identity is not None and identity.uid not in (0, settings.required_uid):
        yield Finding(RULE, step_number("id"),
                      f"the container runs as UID {identity.label}, not the required UID {settings.required_uid}")
