"""## What it does
Notes a final image without OCI labels fed by build arguments:
`org.opencontainers.image.version`, `.created` and `.revision` set from ARGs such as
APP_VERSION, BUILD_DATE and COMMIT_SHA.

## Why is this bad?
Without them nobody can tell which commit a running image was built from.

## Example
```dockerfile
LABEL version="1.0"
```

## Use instead
```dockerfile
ARG APP_VERSION=0.0.0 BUILD_DATE=unknown COMMIT_SHA=unknown
LABEL org.opencontainers.image.version="${APP_VERSION}" \
      org.opencontainers.image.created="${BUILD_DATE}" \
      org.opencontainers.image.revision="${COMMIT_SHA}"
```
"""
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH905", "missing-oci-labels", None, Severity.INFO, "No OCI version/created/revision labels from build args.", __doc__)
_WANTED = ("org.opencontainers.image.version", "org.opencontainers.image.created", "org.opencontainers.image.revision")


def check(model, settings):
    labels = model.final.labels
    missing = [key for key in _WANTED if key not in labels or "$" not in labels[key][0]]
    if missing:
        yield Finding(RULE, model.final.line, f"no label from a build arg for: {', '.join(missing)}")
