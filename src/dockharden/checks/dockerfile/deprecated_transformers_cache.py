"""## What it does
Flags `TRANSFORMERS_CACHE` set in ENV.

## Why is this bad?
`TRANSFORMERS_CACHE` is deprecated since transformers 4.36 and means `$HF_HOME/hub`; setting
it and `HF_HOME` to one folder splits the cache between two layouts.

## Example
```dockerfile
ENV TRANSFORMERS_CACHE=/app/models HF_HOME=/app/models
```

## Use instead
```dockerfile
ENV HF_HOME=/app/models
```
"""
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH302", "deprecated-transformers-cache", "env_config", Severity.WARNING, "TRANSFORMERS_CACHE is deprecated; set HF_HOME.", __doc__)


def check(model, settings):
    var = model.final.env.get("TRANSFORMERS_CACHE")
    if var is not None:
        yield Finding(RULE, var.line, "TRANSFORMERS_CACHE is deprecated since transformers 4.36; set HF_HOME only")
