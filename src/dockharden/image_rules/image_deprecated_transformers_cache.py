"""## What it does
Flags an image whose Env sets `TRANSFORMERS_CACHE`. Reported on line 0: the image config
has no lines.

## Why is this bad?
`TRANSFORMERS_CACHE` is deprecated since transformers 4.36 and means `$HF_HOME/hub`;
setting it and `HF_HOME` to one folder splits the model cache in two.

## Example
```dockerfile
ENV HF_HOME=/app/models TRANSFORMERS_CACHE=/app/models
```

## Use instead
```dockerfile
ENV HF_HOME=/app/models
```
"""
from dockharden.vocabulary import Finding, Rule, Severity

RULE = Rule("IM302", "image-deprecated-transformers-cache", "env_config", Severity.WARNING, "The image sets the deprecated TRANSFORMERS_CACHE.", __doc__)
SET_BY: tuple[str, ...] = ("ENV",)


def check(facts, settings):
    if "TRANSFORMERS_CACHE" in facts.config.env_dict():
        yield Finding(RULE, 0, "TRANSFORMERS_CACHE is deprecated; set HF_HOME only")
