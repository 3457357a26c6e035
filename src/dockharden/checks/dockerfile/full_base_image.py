"""## What it does
Flags a final stage built on an image that ships compilers: the full `python:3.12` (not
`-slim` or `-alpine`), `buildpack-deps`, or a CUDA `-devel` image.

## Why is this bad?
The full python image is about 1 GB with gcc and headers; CUDA devel images carry the whole
toolkit. Use them for the builder and `-slim` / `-runtime` for the final stage.

## Example
```dockerfile
FROM nvidia/cuda:12.4.1-cudnn-devel-ubuntu22.04
```

## Use instead
```dockerfile
FROM nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04
```
"""
from dockharden.knowledge.build_tools import base_ships_build_tools
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH802", "full-base-image", "no_build_tools", Severity.WARNING, "The final stage's base image ships compilers.", __doc__)


def check(model, settings):
    final = model.final
    if base_ships_build_tools(final.root_image):
        line = model.lineage(final)[-1].line
        yield Finding(RULE, line, f"{final.root_image} ships compilers and headers; use a -slim or -runtime image for the final stage")
