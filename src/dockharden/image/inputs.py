"""`read_facts`: any IMAGE argument (file, directory, pipe or engine reference) to ImageFacts."""
from __future__ import annotations

import dataclasses
import os
import sys
from typing import TYPE_CHECKING, Any, BinaryIO

from dockharden.image.archive import read_directory, read_tar_file
from dockharden.image.capture import FactsCapture
from dockharden.image.compression import TAR, sniff
from dockharden.image.errors import ImageError, Limits
from dockharden.image.facts import ImageFacts, build_facts
from dockharden.image.reading import ImageContents, Reading
from dockharden.image.byte_sources import FileRegion, chunk_stream, file_stream
from dockharden.image.stream import read_stream
from dockharden.image.tarheaders import BLOCK

if TYPE_CHECKING:
    from dockharden.runtime.engine import Engine

_ARCHIVE_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.zst", ".tar.zstd")


def read_facts(source: str | os.PathLike[str], *, limits: Limits = Limits(), engine: Engine | None = None) -> ImageFacts:
    """Facts of a `docker save` tarball, an OCI layout (directory or tar), `-` (stdin), or an
    image reference on the Docker Engine. Raises ImageError (one line) for anything unreadable."""
    text = os.fspath(source)
    if text == "-":
        return read_facts_from_stream(sys.stdin.buffer, "-", limits=limits)
    if os.path.exists(text):
        return _read_path(text, limits)
    if text.startswith(("/", "./", "../", "~")) or text.endswith(_ARCHIVE_SUFFIXES):
        raise ImageError(text, "no such file or directory")
    return read_facts_from_engine(text, limits=limits, engine=engine)


def read_facts_from_stream(stream: BinaryIO, label: str, *, limits: Limits = Limits()) -> ImageFacts:
    """Facts from a tar (or gzip/zstd tar) read front to back, e.g. `docker save img | ...`."""
    reading = _reading(label, limits)
    return _facts(read_stream(file_stream(stream), reading), reading)


def read_facts_from_engine(reference: str, *, limits: Limits = Limits(), engine: Engine | None = None) -> ImageFacts:
    """Config from the Engine API; layers streamed from its save endpoint."""
    from dockharden.runtime.engine import Engine, EngineError  # the docker SDK loads only when an engine is used

    reading = _reading(reference, limits)
    try:
        engine = engine or Engine.connect()
        attrs = engine.inspect_image(reference)
        contents = read_stream(chunk_stream(engine.save_image(attrs["Id"])), reading)
    except EngineError as exc:
        raise ImageError(reference, str(exc)) from None
    facts = _facts(contents, reading, config_section=attrs.get("Config") or {}, layout="engine")
    return dataclasses.replace(facts, image_id=attrs["Id"], repo_tags=tuple(attrs.get("RepoTags") or ()))


def _read_path(path: str, limits: Limits) -> ImageFacts:
    reading = _reading(path, limits)
    try:
        if os.path.isdir(path):
            return _facts(read_directory(path, reading), reading)
        with open(path, "rb") as file:
            if file.seekable() and sniff(FileRegion(file, 0, BLOCK).peek(BLOCK)) == TAR:
                return _facts(read_tar_file(file, reading), reading)
            if file.seekable():
                file.seek(0)
            return _facts(read_stream(file_stream(file), reading), reading)
    except OSError as exc:
        raise ImageError(path, exc.strerror or str(exc)) from None


def _reading(label: str, limits: Limits) -> Reading:
    return Reading(label, limits, FactsCapture(limits.max_captured_bytes))


def _facts(contents: ImageContents, reading: Reading, config_section: Any = None, layout: str | None = None) -> ImageFacts:
    return build_facts(contents, reading.label, reading.fail, config_section=config_section, layout=layout,
                       symlink_hops=reading.limits.symlink_hops, max_nodes=reading.limits.max_members)
