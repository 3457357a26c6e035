"""What well-known base images hold that a Dockerfile cannot show (by distribution): which shells they ship, and,
for the few official images whose configuration is known whole, every ENV key they set.

An image this module does not know gets None: rules then say nothing they cannot know.
"""
from __future__ import annotations

from dockharden.core.records import frozen

_REGISTRY_DEFAULTS = ("docker.io/library/", "index.docker.io/library/", "docker.io/", "library/")
# Debian and Ubuntu releases by code name: /bin/sh is dash, which has `set -o pipefail`
# from 0.5.12-7 (Debian 13 "trixie", Ubuntu 25.04 "plucky") on, not before.
_DASH_WITHOUT_PIPEFAIL = frozenset("stretch buster bullseye bookworm xenial bionic focal jammy lunar mantic noble oracular".split())
_DASH_WITH_PIPEFAIL = frozenset("trixie forky plucky questing".split())
_DEBIAN_NAMES = frozenset(
    "debian ubuntu python node golang rust buildpack-deps ruby perl php pypy nginx postgres redis nvidia/cuda "
    "pytorch/pytorch tensorflow/tensorflow huggingface/transformers-pytorch-gpu".split()
)
_RHEL_WORDS = ("ubi", "centos", "fedora", "rockylinux", "almalinux", "amazonlinux", "amzn", "oraclelinux", "manylinux")
_WINDOWS_WORDS = ("windowsservercore", "nanoserver", "servercore", "mcr.microsoft.com/windows", "ltsc20")
_PYTHON_ENV = ("PATH", "LANG", "GPG_KEY", "PYTHON_VERSION", "PYTHON_SHA256", "PYTHONIOENCODING", "PYTHON_PIP_VERSION",
               "PYTHON_SETUPTOOLS_VERSION", "PYTHON_GET_PIP_URL", "PYTHON_GET_PIP_SHA256")
# Every key the image's config sets, across the tags still published (docker-library's
# Dockerfiles; uv's derived images are `FROM python:* / debian:*` plus UV_TOOL_BIN_DIR).
_KNOWN_ENV: dict[str, frozenset[str]] = {
    "scratch": frozenset(),
    "debian": frozenset({"PATH"}),
    "ubuntu": frozenset({"PATH"}),
    "alpine": frozenset({"PATH"}),
    "busybox": frozenset({"PATH"}),
    "python": frozenset(_PYTHON_ENV),
    "node": frozenset({"PATH", "NODE_VERSION", "YARN_VERSION"}),
    "golang": frozenset({"PATH", "GOLANG_VERSION", "GOPATH", "GOTOOLCHAIN"}),
    "ghcr.io/astral-sh/uv": frozenset(_PYTHON_ENV + ("UV_TOOL_BIN_DIR",)),
}


@frozen
class Shells:
    """The shells of a Linux image: whether its /bin/sh takes `-o pipefail` and whether it has
    bash (None: cannot tell)."""

    sh: str  # what /bin/sh is: dash, busybox ash or bash
    sh_pipefail: bool | None
    bash: bool | None


def image_name(image: str) -> str:
    """The repository of an image reference, without tag, digest or Docker Hub's defaults:
    `python`, `nvidia/cuda`, `ghcr.io/astral-sh/uv`."""
    reference = image.split("@", 1)[0].lower()
    slash = reference.rfind("/")
    colon = reference.find(":", slash + 1)
    name = reference if colon < 0 else reference[:colon]
    for prefix in _REGISTRY_DEFAULTS:
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def is_windows(image: str) -> bool:
    reference = image.lower()
    return any(word in reference for word in _WINDOWS_WORDS)


def shells(image: str) -> Shells | None:
    """What the image's /bin/sh is, for the distributions this module can tell from the image
    reference; None for Windows and for images it cannot place."""
    reference, name = image.lower(), image_name(image)
    if is_windows(image) or "$" in reference:
        return None
    if "alpine" in reference or "musllinux" in reference or name == "busybox":
        return Shells("busybox ash", True, False)
    if any(word in reference for word in _RHEL_WORDS):
        return Shells("bash", True, True)
    words = set(reference.replace(":", "-").replace("/", "-").replace(".", "-").split("-"))
    if words & _DASH_WITH_PIPEFAIL:
        return Shells("dash", True, True)
    debian = any(word.startswith(("debian", "ubuntu")) for word in words)  # ubuntu22, debian12
    if words & _DASH_WITHOUT_PIPEFAIL or debian or name in _DEBIAN_NAMES or name.startswith("ghcr.io/astral-sh/uv"):
        return Shells("dash", None if not words & _DASH_WITHOUT_PIPEFAIL else False, True)
    return None


def known_env(image: str) -> frozenset[str] | None:
    """Every ENV key the image sets, for the official images whose configuration is known
    whole; None for any other image (it may set anything)."""
    if "$" in image or is_windows(image):
        return None
    return _KNOWN_ENV.get(image_name(image))
