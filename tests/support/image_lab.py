"""Real images for the image-reader, inspect and report tests, each read in every shape an IMAGE
can take. The `image_lab` fixture is registered once, in tests/conftest.py, so every test
directory shares one set of builds."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dockharden.image import ImageFacts, read_facts, read_facts_from_stream
from support.image_catalog import IMAGES, VARIANTS, ImageSpec
from support import engine
from support.oci import convert



class ImageLab:
    """Builds each catalog image once, saves and converts it, and keeps only its facts."""

    def __init__(self, base_image: str, workdir: Path) -> None:
        self.base_image = base_image
        self.workdir = workdir
        self.blob_cache = workdir / "blob-cache"
        self.tags: dict[str, str] = {}
        self._facts: dict[str, dict[str, ImageFacts]] = {}

    def tag(self, name: str) -> str:
        if name not in self.tags:
            tag = engine.unique_name(f"dockharden-test/image-{name}")
            _build(IMAGES[name], self.base_image, self.workdir / f"context-{name}", tag)
            self.tags[name] = tag
        return self.tags[name]

    def facts(self, name: str) -> dict[str, ImageFacts]:
        if name not in self._facts:
            self._facts[name] = self._read_every_variant(name)
        return self._facts[name]

    def saved(self, name: str, target: Path) -> Path:
        engine.docker("save", "-o", str(target), self.tag(name), timeout=600)
        return target

    def _read_every_variant(self, name: str) -> dict[str, ImageFacts]:
        scratch = self.workdir / f"variants-{name}"
        scratch.mkdir()
        try:
            saved = self.saved(name, scratch / "saved.tar")
            return {variant: self._read(variant, name, saved, scratch) for variant in VARIANTS}
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    def _read(self, variant: str, name: str, saved: Path, scratch: Path) -> ImageFacts:
        cache = self.blob_cache
        if variant == "engine":
            return read_facts(self.tag(name))
        if variant == "docker-save":
            return read_facts(saved)
        if variant == "docker-save-stream":
            return _stream(saved)
        if variant == "oci-dir-gzip":
            return read_facts(convert(saved, scratch / "oci-dir", compression="gzip", cache=cache))
        if variant == "oci-tar-no-manifest":
            return read_facts(convert(saved, scratch / "oci.tar", layout="tar", compression="none",
                                      manifest_json=False, cache=cache))
        return _stream(convert(saved, scratch / "oci-zstd.tar", layout="tar", compression="zstd",
                               metadata_last=True, cache=cache))

    def close(self) -> None:
        for tag in self.tags.values():
            engine.remove_image(tag)


def _stream(path: Path) -> ImageFacts:
    with path.open("rb") as stream:
        return read_facts_from_stream(stream, str(path))


def _build(spec: ImageSpec, base_image: str, context: Path, tag: str) -> None:
    context.mkdir(parents=True)
    (context / "Dockerfile").write_text(spec.dockerfile.replace("FROM BASE", f"FROM {base_image}"))
    for relative, data in spec.files.items():
        (context / relative).parent.mkdir(parents=True, exist_ok=True)
        (context / relative).write_bytes(data)
    if not spec.classic_builder:
        engine.build(context, "Dockerfile", tag, spec.build_args)
        return
    args = [arg for key, value in spec.build_args.items() for arg in ("--build-arg", f"{key}={value}")]
    engine.docker("build", "--network", "host", "-f", str(context / "Dockerfile"), "-t", tag, *args,
                  str(context), timeout=1800, env={"DOCKER_BUILDKIT": "0"})


@pytest.fixture(scope="session")
def image_lab(docker_engine, tmp_path_factory):
    lab = ImageLab(docker_engine, tmp_path_factory.mktemp("image-lab"))
    yield lab
    lab.close()
