"""Images for the inspect tests: small archives made in memory, and the image catalog's
real images (the `image_lab` fixture of tests/conftest.py, built once per session on the engine)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

IMAGE_TESTS = Path(__file__).resolve().parents[1] / "image"
sys.path.insert(0, str(IMAGE_TESTS))  # image_catalog and archives live beside the reader's tests

from archives import Member  # noqa: E402
from dockharden.image import ImageFacts, read_facts  # noqa: E402
from inspect_support import image_archive  # noqa: E402


@pytest.fixture
def image_facts(tmp_path):
    """Facts of image_archive(...), read from a file like any IMAGE argument."""
    def read(*layers: list[Member], steps: tuple[str | dict, ...] = (), **config) -> ImageFacts:
        path = tmp_path / f"image-{len(list(tmp_path.iterdir()))}.tar"
        path.write_bytes(image_archive(*layers, steps=steps, **config))
        return read_facts(path)

    return read


@pytest.fixture
def image_file(tmp_path):
    def write(*layers: list[Member], steps: tuple[str | dict, ...] = (), **config) -> Path:
        path = tmp_path / "image.tar"
        path.write_bytes(image_archive(*layers, steps=steps, **config))
        return path

    return write
