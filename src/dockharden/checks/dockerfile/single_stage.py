"""## What it does
Flags a Dockerfile whose final stage does not take its build output from an earlier stage
with `COPY --from=<stage>`: a single-stage build, or stages that the final one ignores.

## Why is this bad?
A single stage ships its compilers, headers, caches and build dependencies; multi-stage
builds install into a venv in a builder and copy only the venv into a clean final stage.

## Example
```dockerfile
FROM python:3.12-slim
RUN pip install -r requirements.txt
```
"""
from dockharden.checks import lessons
from dockharden.checks.lessons import rule_docs
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH501", "single-stage", "multi_stage", Severity.ERROR, "The final stage copies nothing from a build stage.", rule_docs(__doc__, lessons.BUILD_TOOLS))


def check(model, settings):
    lineage = model.lineage(model.final)
    for stage in lineage:
        if any(model.source_stage(c, stage) is not None for c in stage.copies):
            return
    if len(model.stages) == 1:
        yield Finding(RULE, model.final.line, "single-stage build: build tools and caches ship in the final image")
    else:
        yield Finding(RULE, model.final.line, "the final stage copies nothing from an earlier stage (no COPY --from=<stage>)")
