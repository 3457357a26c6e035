"""## What it does
Flags `COPY --from=IMAGE` and `RUN --mount=from=IMAGE` where IMAGE is an image (not a stage of
the file) with no tag or the `latest` tag, after ARG expansion. A digest pins it. FROM lines are
DH902's. As there, an image that another Dockerfile of the same repository builds
(app_deps/Dockerfile for `--mount=from=example/app_deps:latest`) is reported at info level, and
so is a bare name that is none of Docker Hub's official images (`COPY --from=app_assets`): the
project builds those itself and passes the tag when it builds one image alone.

## Why is this bad?
The copied files change under you like an unpinned base image does: `COPY --from=ghcr.io/astral-sh/uv:latest`
gives each rebuild of the same commit another uv, with other defaults and other bugs.

## Example
```dockerfile
COPY --from=ghcr.io/astral-sh/uv:latest /uv /uvx /bin/
```

## Use instead
```dockerfile
COPY --from=ghcr.io/astral-sh/uv:0.8.15 /uv /uvx /bin/
```
"""
from dockharden.checks.dockerfile.shared import unpinned_image_finding
from dockharden.core.vocabulary import Finding, Rule, Severity

RULE = Rule("DH917", "unpinned-source-image", None, Severity.WARNING,
            "COPY --from or RUN --mount=from names an image with no tag or latest.", __doc__)


def check(model, settings):
    names: set[str] = set()  # the stages before this one, by name
    for stage in model.stages:
        for instruction, image in _sources(stage):
            if _unpinned(image, names):
                finding = Finding(RULE, instruction.start_line, f"{image} is not pinned to a version tag", instruction.end_line)
                yield unpinned_image_finding(finding, image, model.source_images.get(image))
        if stage.name:
            names.add(stage.name.lower())


def _sources(stage):
    for copy in stage.copies:
        if copy.from_ref:
            yield copy.instruction, copy.from_ref
    for run in stage.runs:
        for mount in run.mounts:
            for part in mount.split(","):
                key, _, value = part.partition("=")
                if key.strip().lower() == "from" and value:
                    yield run.instruction, value.strip()


def _unpinned(image: str, stage_names: set[str]) -> bool:
    if "$" in image or "@" in image or image.lower() in stage_names or image.isdigit() or image == "scratch":
        return False  # a stage by name or index, or not known before the build
    last = image.rsplit("/", 1)[-1]
    return ":" not in last or last.endswith(":latest")
