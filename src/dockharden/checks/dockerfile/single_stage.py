"""## What it does
Flags a final image that ships what a builder stage would have kept out of it, because it
takes no build output from an earlier stage (no `COPY --from=<stage>`, no `RUN
--mount=from=<stage>` of a stage that builds something; a stage that only names an image,
`FROM ghcr.io/astral-sh/uv AS uv`, is that image): build tools installed in its stage or a stage it is built FROM,
a base image that ships compilers (not on Windows images, where python:3.x has none), or
pip, uv and Poetry download caches. Build tools that
the build-tools rule (DH801) finds a reason for (needed at run time, installed only on
request) do not count. The message says
which of these the file at hand ships; a single stage that ships none of them (a slim base,
`pip install --no-cache-dir`, an nginx image with one config file) is not flagged. It is
info on development, base and tool images and on notebook images.

## Why is this bad?
A single stage ships its compilers, headers, caches and build dependencies; multi-stage
builds install into a venv in a builder and copy only the venv into a clean final stage.

## Example
```dockerfile
FROM python:3.12-slim
RUN apt-get update && apt-get install -y build-essential && pip install -r requirements.txt
```
"""
from dockharden.checks import lessons
from dockharden.checks.dockerfile.build_tools_in_final import kept_tools
from dockharden.checks.dockerfile.full_base_image import ships_compilers
from dockharden.checks.dockerfile.shared import for_purpose, lowered, notebook
from dockharden.checks.lessons import rule_docs
from dockharden.dockerfile.packages import CACHES, caches_kept
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH501", "single-stage", "multi_stage", Severity.ERROR, "The final image ships what a build stage would keep out.", rule_docs(__doc__, lessons.BUILD_TOOLS))


def check(model, settings):
    final = model.final
    lineage = model.lineage(final)
    if any(_builds(model.stages[i]) for stage in lineage for i in model.stages_used(stage)):
        return
    shipped = _shipped(model)
    if not shipped:
        return
    if len(model.stages) == 1:
        where = "single-stage build"
    elif len(lineage) > 1:
        where = f"the final stage is built FROM {lineage[1].name or 'an earlier stage'} and takes nothing else from a build stage"
    else:
        where = _takes_nothing(model, lineage)
    finding = for_purpose(model, Finding(RULE, final.line, f"{where}: {'; '.join(shipped)} ship in the final image"))
    if finding is not None and finding.rule.severity is not Severity.INFO and notebook(model):
        finding = lowered(finding, "a notebook image: its users build packages in it")
    if finding is not None:
        yield finding


def _takes_nothing(model, lineage) -> str:
    """What the final stage takes from earlier stages: nothing, or only files of images that
    stages name without building anything (`COPY --from=deno-binary` of FROM denoland/deno)."""
    carriers = [model.stages[i] for stage in lineage for i in model.stages_used(stage)]
    if not carriers:
        return "the final stage takes nothing from an earlier stage (no COPY --from=<stage>)"
    stage = carriers[0]
    return f"the final stage takes nothing built in an earlier stage (stage {stage.name} only names {stage.root_image}, whose files it takes)"


def _builds(stage):
    """Whether a stage builds something (a RUN, COPY or ADD of its own), rather than only
    naming an image, as `FROM ghcr.io/astral-sh/uv AS uv` does for --mount=from=uv."""
    return bool(stage.runs or stage.copies) or stage.parent is not None


def _shipped(model):
    final = model.final
    found = []
    tools = [(change, tools) for change, tools, why, _ in kept_tools(model) if not why]
    if tools:
        names = sorted({t.split(" ", 1)[0] for _, kept in tools for t in kept})
        found.append(f"build tools ({', '.join(names[:4])}{', ...' if len(names) > 4 else ''}, line {tools[0][0].line})")
    compilers = None if model.windows else next((s for s in model.lineage(final) if ships_compilers(s)), None)
    if compilers is not None:
        found.append(f"the compilers of {compilers.root_image}")
    caches = caches_kept(model, model.lineage(final))
    if caches:
        managers = sorted({change.manager for _, _, change in caches})
        found.append(f"download caches ({', '.join('~/' + CACHES[m][1] for m in managers)}, line {caches[0][2].line})")
    return found
