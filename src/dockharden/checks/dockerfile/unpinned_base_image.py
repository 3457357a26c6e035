"""## What it does
Flags FROM lines whose image has no tag or a tag that names no version (after ARG
expansion): `latest` and the tags it starts (`latest-fips-dev`), a release channel with no
number (`stable`, `nightly`, `edge`, `rolling`, `lts`), and on the official images of a
runtime or server that tag each release by version (python, node, nginx, postgres...), a
tag that names only a variant (`python:slim`, `python:slim-bookworm`, `nginx:alpine`).
Distribution codenames (`debian:bookworm`) are releases; a major-only or patch-floating tag
(`python:3-slim`, `3.12-slim`) names a version. Stage references, `scratch` and digests are
fine, and so is a FROM whose ARG has no value or an empty default that leaves no image name
(`FROM docker.io/library/${distro}` with `ARG distro=""`): every build must pass it. The fix
is offered for a missing tag or `latest` alone. An image that another Dockerfile of the same
repository builds (images/base-notebook/Dockerfile for `FROM quay.io/jupyter/base-notebook`)
is reported at info level: the project builds its chain together and passes the tag when it
builds one image alone. So is a bare name that is none of Docker Hub's official images
(`FROM tritonserver`, `FROM app_ci_base`): a bare name pulls `docker.io/library/NAME`, where
only the official images live, so no registry serves it and a build script made it.
So is an image that is only the default of the ARG the FROM line names, when every build
command of the repository that builds the file replaces it (`--build-arg FROM=...` in a
script, Makefile or workflow; a Python script's subprocess argument list counts): the
default is not the image its builds use.
Where a global ARG named for the image (`PYTHON_VERSION`, `PYTHON_TAG`) gives its version,
the fix uses it.

## Why is this bad?
`latest` (or `slim`, `stable`) changes under you: a rebuild of the same commit gets another Python, another libc,
other CVEs.

## Example
```dockerfile
ARG PYTHON_VERSION=3.12
FROM python
```

## Use instead
```dockerfile
ARG PYTHON_VERSION=3.12
FROM python:${PYTHON_VERSION}-slim
```
"""
import re

from dockharden.checks.dockerfile.shared import lowered, unpinned_image_finding
from dockharden.core.vocabulary import Edit, Finding, Fix, Rule, Safety, Severity
from dockharden.dockerfile.edits import only_match
from dockharden.knowledge.floating_tags import floating_reason

RULE = Rule("DH902", "unpinned-base-image", None, Severity.WARNING, "A base image has no tag or a tag that names no version.", __doc__,
            peers=("DL3006", "DL3007", "DS-0001", "CKV_DOCKER_7", "DKL-DI-0006"))


def check(model, settings):
    for stage in model.stages:
        image = stage.base
        if stage.parent is not None or not image or image == "scratch" or "@" in image or "$" in image or _no_name(image):
            continue
        tag = _tag(image)
        if tag is None or tag == "latest":
            finding = Finding(RULE, stage.line, f"{image} is not pinned to a version tag", fix=(_fix(model, stage, image) if settings.fixes else None))
        elif (reason := floating_reason(image.rpartition(":")[0], tag)) is not None:
            finding = Finding(RULE, stage.line, f"{image} is not pinned to a version tag: {reason}")
        else:
            continue
        judged = unpinned_image_finding(finding, image, stage.base_facts)
        passed = _passed_arg(model, stage) if judged is finding else ""
        yield lowered(finding, passed) if passed else judged


_FROM_VARIABLE = re.compile(r"\$\{?(\w+)")


def _passed_arg(model, stage) -> str:
    """How the repository's builds replace the ARG the FROM line takes its image from: every
    build command of the file passes it (`--build-arg FROM=...` in complement.sh). Empty otherwise."""
    context = model.context
    written = stage.instructions[0].args if stage.instructions and stage.instructions[0].name == "FROM" else ""
    names = [n for n in _FROM_VARIABLE.findall(written) if context is not None and n in context.passed_args]
    return f"the image is the default of ARG {names[0]}, which every build in {context.passed_where} replaces (--build-arg {names[0]})" \
        if names and context is not None else ""


def _fix(model, stage, image):
    """`image:${IMAGE_VERSION}` where a global ARG named for the image (PYTHON_VERSION,
    PYTHON_TAG) already gives the version: the file says which one it means."""
    name = image.rsplit("/", 1)[-1].partition(":")[0]
    key = re.sub(r"[^A-Za-z0-9]", "_", name).upper()
    arg = next((a for a in (f"{key}_VERSION", f"{key}_TAG") if model.global_args.get(a)), None)
    if arg is None:
        return None
    written = re.compile(rf"(?<=[ \t]){re.escape(image.removesuffix(':latest'))}(?::latest)?(?=[ \t]|$)")
    span = only_match(model.dockerfile, range(stage.line, stage.line + 1), written)
    if span is None:
        return None
    pinned = image.removesuffix(":latest").partition(":")[0] + f":${{{arg}}}"
    return Fix((Edit(*span, pinned),), Safety.SAFE, f"FROM {pinned}, the version ARG {arg} gives")


def _tag(image):
    last = image.rsplit("/", 1)[-1]
    return last.split(":", 1)[1] if ":" in last else None


def _no_name(image: str) -> bool:
    """An empty ARG default left no image name (`docker.io/library/${distro}` with distro=""):
    no build can use the default, so every build passes the ARG, as for an ARG with no value."""
    return not image.rsplit("/", 1)[-1].partition(":")[0] or image.startswith("/")
