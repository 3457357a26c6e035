"""What dockharden knows of well-known base images: their shells, and their ENV where it is known whole."""
import pytest

from dockharden.knowledge.image_shells import image_name, is_windows, known_env, shells


@pytest.mark.parametrize("image, name", [
    ("python:3.12-slim", "python"),
    ("docker.io/library/python:3.12@sha256:abc", "python"),
    ("localhost:5000/team/app:1.0", "localhost:5000/team/app"),
    ("ghcr.io/astral-sh/uv:python3.12-bookworm-slim", "ghcr.io/astral-sh/uv"),
    ("NVIDIA/cuda:12.4.1-runtime-ubuntu22.04", "nvidia/cuda"),
])
def test_image_name(image, name):
    assert image_name(image) == name


@pytest.mark.parametrize("image, sh, sh_pipefail, bash", [
    ("python:3.12-slim-bookworm", "dash", False, True),
    ("python:3.12-slim", "dash", None, True),  # bookworm or trixie, depending on when it was pulled
    ("debian:trixie-slim", "dash", True, True),
    ("nvidia/cuda:12.4.1-runtime-ubuntu22.04", "dash", None, True),
    ("intel/oneapi-basekit:2025.1.3-0-devel-ubuntu22.04", "dash", None, True),
    ("python:3.12-alpine", "busybox ash", True, False),
    ("quay.io/pypa/manylinux_2_28_x86_64", "bash", True, True),
    ("registry.access.redhat.com/ubi9/python-312", "bash", True, True),
])
def test_shells(image, sh, sh_pipefail, bash):
    found = shells(image)
    assert (found.sh, found.sh_pipefail, found.bash) == (sh, sh_pipefail, bash)


@pytest.mark.parametrize("image", ["mcr.microsoft.com/windows/servercore:ltsc2022", "python:3.12-windowsservercore", "my/own:1", "${BASE}"])
def test_shells_of_windows_and_unknown_images_are_unknown(image):
    assert shells(image) is None


def test_windows():
    assert is_windows("python:3.13-windowsservercore-ltsc2022") and not is_windows("python:3.13-slim")


def test_known_env_only_for_images_known_whole():
    assert known_env("scratch") == frozenset()
    assert {"PYTHON_VERSION", "GPG_KEY", "PATH"} <= known_env("python:3.12-slim")
    assert "UV_TOOL_BIN_DIR" in known_env("ghcr.io/astral-sh/uv:python3.14-bookworm-slim")
    assert known_env("nvidia/cuda:12.4.1-runtime-ubuntu22.04") is None  # sets LD_LIBRARY_PATH, CUDA_VERSION...
    assert known_env("python:3.13-windowsservercore") is None
