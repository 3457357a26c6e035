"""## What it does
Reports, at info level, the MAINTAINER instruction.

## Why is this bad?
MAINTAINER has been deprecated since Docker 1.13: it sets the image's legacy Author field,
which nothing reads, and BuildKit warns about it. The OCI label
`org.opencontainers.image.authors` is where registries and scanners look.

## Example
```dockerfile
MAINTAINER ml-platform@example.com
```

## Use instead
```dockerfile
LABEL org.opencontainers.image.authors="ml-platform@example.com"
```
"""
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH918", "maintainer-instruction", None, Severity.INFO, "MAINTAINER is deprecated; use a LABEL.", __doc__,
            peers=("DL4000", "DS-0022", "CKV_DOCKER_6", "MaintainerDeprecated"))


def check(model, settings):
    for instruction in model.dockerfile.instructions:
        if instruction.name == "MAINTAINER":
            yield Finding(RULE, instruction.start_line, "MAINTAINER is deprecated: LABEL org.opencontainers.image.authors=...",
                          instruction.end_line)
