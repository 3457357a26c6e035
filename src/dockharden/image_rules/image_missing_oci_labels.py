"""## What it does
Notes an image without the OCI labels that say which build it is:
`org.opencontainers.image.version`, `.created` and `.revision`. Reported on line 0: the
image config has no lines.

## Why is this bad?
Without them nobody can tell which commit a running image was built from.

## Example
```dockerfile
LABEL version="1.0"
```

## Use instead
```dockerfile
ARG APP_VERSION=0.0.0 BUILD_DATE=unknown COMMIT_SHA=unknown
LABEL org.opencontainers.image.version="${APP_VERSION}" \\
      org.opencontainers.image.created="${BUILD_DATE}" \\
      org.opencontainers.image.revision="${COMMIT_SHA}"
```
"""
from dockharden.vocabulary import Finding, Rule, Severity

RULE = Rule("IM904", "image-missing-oci-labels", None, Severity.INFO, "The image lacks OCI version/created/revision labels.", __doc__)
SET_BY: tuple[str, ...] = ()
WANTED = ("org.opencontainers.image.version", "org.opencontainers.image.created", "org.opencontainers.image.revision")


def check(facts, settings):
    labels = facts.config.labels_dict()
    missing = [key for key in WANTED if not labels.get(key)]
    if missing:
        yield Finding(RULE, 0, f"no label {', '.join(missing)}")
