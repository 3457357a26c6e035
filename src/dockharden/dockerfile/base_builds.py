"""Images a repository builds only to build its other images on: what a build of the
project tags a Dockerfile as (`docker build -t NAME`, or a script's own build function called
with a name and a Dockerfile: `build_image "base-system" "base-images/system/Dockerfile"`),
and the names other Dockerfiles are FROM."""
from __future__ import annotations

import os
import re

from dockharden.dockerfile.compose import image_key
from dockharden.dockerfile.shell import split_script

# `name() {`, `function name {`, `function name() {`
_FUNCTION = re.compile(r"^[ \t]*(?:function[ \t]+([A-Za-z_][\w-]*)(?:[ \t]*\(\))?|([A-Za-z_][\w-]*)[ \t]*\(\))[ \t]*\{?", re.MULTILINE)
_BUILDS = re.compile(r"\b(?:docker(?:[ \t]+buildx)?|podman)[ \t]+build\b|\bbuildah[ \t]+(?:bud|build)\b")
_IMAGE_NAME = re.compile(r"^[a-z0-9][a-z0-9._/-]*(?::[\w.-]+)?$")
_FROM = re.compile(r"^[ \t]*FROM[ \t]+(?:--\S+[ \t]+)*(\S+)(?:[ \t]+AS[ \t]+(\S+))?", re.MULTILINE | re.IGNORECASE)
_MAX_CALLS = 50


def helper_builds(text: str) -> list[tuple[str, str]]:
    """(Dockerfile, image name) of each call of a function the script defines to build
    images (its body runs docker or podman build): of the call's arguments, the one named
    like a Dockerfile is the file, the first other that is an image name the name."""
    starts = list(_FUNCTION.finditer(text))
    builders = {m.group(1) or m.group(2) for i, m in enumerate(starts)
                if _BUILDS.search(text, m.end(), starts[i + 1].start() if i + 1 < len(starts) else len(text))}
    found: list[tuple[str, str]] = []
    if not builders:
        return found  # no call to look for: the script is not read as shell at all
    for command in split_script(text, lambda offset: 0):
        if command.words[0] not in builders or len(found) == _MAX_CALLS:
            continue
        files = [w for w in command.args if named_like_a_dockerfile(w)]
        names = [w for w in command.args if w not in files and _IMAGE_NAME.match(w)]
        if len(files) == 1 and names:
            found.append((files[0], names[0]))
    return found


def named_like_a_dockerfile(word: str) -> bool:
    name = word.rsplit("/", 1)[-1].lower()
    return "$" not in word and (name in ("dockerfile", "containerfile") or name.startswith("dockerfile.") or name.endswith(".dockerfile"))


def from_keys(text: str, owned: bool = False) -> frozenset[str]:
    """The images (image_key: registry, owner and tag aside) the FROM lines of a Dockerfile
    name, not its own stages (`FROM base AS app` after `FROM python AS base`); with `owned`,
    only those named with an owner or registry (acme/base, not an official python:3.12)."""
    matches = list(_FROM.finditer(text))
    stages = {m.group(2).lower() for m in matches if m.group(2)}
    return frozenset(key for m in matches if (key := image_key(m.group(1))) and key.lower() not in stages and (not owned or "/" in m.group(1)))


def named_image(dockerfile: str) -> str:
    """The image a Dockerfile's own name says it builds, as a FROM line of the repository names
    it (dockerfile/base_images.py): Dockerfile.NAME, NAME.Dockerfile, or NAME/Dockerfile."""
    folder, name = os.path.split(dockerfile)
    lowered = name.lower()
    if lowered.startswith("dockerfile."):
        return name[len("dockerfile."):]
    if lowered.endswith(".dockerfile"):
        return name[: -len(".dockerfile")]
    return os.path.basename(folder) if lowered in ("dockerfile", "containerfile") else ""
