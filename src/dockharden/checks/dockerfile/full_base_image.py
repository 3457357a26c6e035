"""## What it does
Flags a final stage built on an image that ships compilers: the full `python:3.12` (not
`-slim` or `-alpine`), `buildpack-deps`, a CUDA `-devel` image, or an image known to be
built on one (tiangolo's non-slim images). Info on development, base and tool images and
when the file's header or the comment above the FROM line says the compilers are needed at
run time (nvcc for extensions compiled on the fly); not checked on Windows images, where `python:3.x` resolves
to Windows Server Core (no compilers).

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
from dockharden.checks.dockerfile.shared import comment_above, for_purpose, header_comment, lowered, says_needed_at_run_time
from dockharden.knowledge.build_tools import base_ships_build_tools
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH802", "full-base-image", "no_build_tools", Severity.WARNING, "The final stage's base image ships compilers.", __doc__)


def check(model, settings):
    final = model.final
    if model.windows or not ships_compilers(final):
        return
    line = model.lineage(final)[-1].line
    finding = Finding(RULE, line, f"{final.root_image} ships compilers and headers; use a -slim or -runtime image for the final stage")
    if says_needed_at_run_time(f"{comment_above(model, line)} {header_comment(model)}", ("devel", "compil", "nvcc", "headers")):
        yield lowered(finding, "the file's comments say they are needed at run time")
        return
    judged = for_purpose(model, finding)
    if judged is not None:
        yield judged


def ships_compilers(stage):
    """Whether the stage's root image ships compilers (the full python, buildpack-deps, CUDA -devel, tiangolo's full images)."""
    return base_ships_build_tools(stage.root_image) or (stage.base_facts is not None and stage.base_facts.ships_compilers)
