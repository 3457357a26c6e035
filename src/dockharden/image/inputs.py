"""`read_facts`: any IMAGE argument (file, directory, pipe or engine reference) to ImageFacts."""
from __future__ import annotations

import dataclasses
import os
import re
import stat
import sys
from typing import TYPE_CHECKING, Any, BinaryIO

from dockharden.core.file_kinds import kind_of
from dockharden.core.printable import printable
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
    from dockharden.image.registry.options import RegistryOptions
    from dockharden.runtime.engine import Engine



class NotFromEngine(ImageError):
    """The engine is unreachable or lacks the image: a reference may still be in a registry."""

    def __init__(self, path: str, message: str, why: str) -> None:
        super().__init__(path, message)
        self.why = why  # what to say beside the registry's answer

_ARCHIVE_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.zst", ".tar.zstd")
# What the engine could take as a reference (name[:tag][@digest], or an ID): one token of
# printable ASCII; anything else (a newline, a space, a control character) is refused here.
_REFERENCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,511}")


SOURCES = ("archive", "engine", "registry")


def read_facts(source: str | os.PathLike[str], *, limits: Limits = Limits(), engine: Engine | None = None,
               origin: str | None = None, registry: RegistryOptions | None = None,
               config_only: bool = False) -> ImageFacts:
    """Facts of a `docker save` tarball, an OCI layout (directory or tar), `-` (stdin), or an
    image reference: on the Docker Engine if it has the image, else in its registry (`origin`
    forces one of SOURCES). Raises ImageError (one line) for anything unreadable."""
    text = os.fspath(source)
    if text == "-" and origin in (None, "archive"):
        return read_facts_from_stream(sys.stdin.buffer, "-", limits=limits)
    if origin in (None, "archive") and os.path.exists(text):
        return _read_path(text, limits)
    if origin == "archive" or text.startswith(("/", "./", "../", "~")) or text.endswith(_ARCHIVE_SUFFIXES):
        raise ImageError(printable(text), "no such file or directory")
    if not _REFERENCE.fullmatch(text):
        raise ImageError(printable(text), "not a file, a directory or a valid image reference")
    if origin == "engine":
        return read_facts_from_engine(text, limits=limits, engine=engine)
    if origin is not None:
        return read_facts_from_registry(text, limits=limits, options=registry, config_only=config_only)
    try:
        return read_facts_from_engine(text, limits=limits, engine=engine)
    except NotFromEngine as absent:
        try:
            return read_facts_from_registry(text, limits=limits, options=registry, config_only=config_only)
        except ImageError as error:
            raise ImageError(error.path, f"{absent.why}; from its registry: {error.message}") from None


def read_facts_from_registry(text: str, *, limits: Limits = Limits(), options: RegistryOptions | None = None,
                             config_only: bool = False) -> ImageFacts:
    """Manifest and config from the image's registry; layers streamed from it (none with
    `config_only`)."""
    from dockharden.image.registry.fetch import LAYOUT, RegistryOptions, fetch_contents
    from dockharden.image.registry.reference import ReferenceError, parse_reference

    try:
        reference = parse_reference(text)
    except ReferenceError as exc:
        raise ImageError(printable(text), f"not a valid image reference: {exc}") from None
    reading = _reading(text, limits)
    fetched = fetch_contents(reference, reading, options or RegistryOptions(), config_only)
    facts = _facts(fetched.contents, reading, layout=LAYOUT)
    facts = dataclasses.replace(facts, repo_tags=(str(reference),), fetched_bytes=fetched.bytes_fetched)
    return dataclasses.replace(facts, files_read=False, probe=None) if config_only else facts  # no file: no probe known


def read_facts_from_stream(stream: BinaryIO, label: str, *, limits: Limits = Limits()) -> ImageFacts:
    """Facts from a tar (or gzip/zstd tar) read front to back, e.g. `docker save img | ...`."""
    reading = _reading(label, limits)
    return _facts(read_stream(file_stream(stream, reading.spent.metered), reading), reading)


def read_facts_from_engine(reference: str, *, limits: Limits = Limits(), engine: Engine | None = None) -> ImageFacts:
    """Config from the Engine API; layers streamed from its save endpoint."""
    from dockharden.runtime.engine import Engine, EngineError, NotOnEngine  # the docker SDK loads only when an engine is used

    reading = _reading(reference, limits)
    try:
        engine = engine or Engine.connect()
    except EngineError as exc:
        raise NotFromEngine(reference, str(exc), str(exc)) from None
    try:
        attrs = engine.inspect_image(reference)
    except EngineError as exc:
        if isinstance(exc, NotOnEngine):
            raise NotFromEngine(reference, str(exc), "not on the Docker engine") from None
        raise ImageError(reference, str(exc)) from None
    try:
        contents = read_stream(chunk_stream(engine.save_image(attrs["Id"]), reading.spent.metered), reading)
    except EngineError as exc:
        raise ImageError(reference, str(exc)) from None
    facts = _facts(contents, reading, config_section=attrs.get("Config") or {}, layout="engine")
    return dataclasses.replace(facts, image_id=attrs["Id"], repo_tags=tuple(attrs.get("RepoTags") or ()))


def _read_path(path: str, limits: Limits) -> ImageFacts:
    reading = _reading(path, limits)
    try:
        if os.path.isdir(path):
            return _facts(read_directory(path, reading), reading)
        with _open_regular(path, reading) as file:
            if sniff(FileRegion(file, 0, BLOCK).peek(BLOCK)) == TAR:
                return _facts(read_tar_file(file, reading), reading)
            file.seek(0)
            return _facts(read_stream(file_stream(file, reading.spent.metered), reading), reading)
    except OSError as exc:
        raise ImageError(path, exc.strerror or str(exc)) from None


def _open_regular(path: str, reading: Reading) -> BinaryIO:
    """The file at `path`; a FIFO would block and a device never end, so both are refused
    (O_NONBLOCK keeps the open of a FIFO from waiting for a writer)."""
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK)
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        hint = "; stream it on stdin instead: ... | dockharden inspect -" if stat.S_ISFIFO(mode) else ""
        raise reading.fail(f"is {kind_of(mode)}, not a file or a directory{hint}")
    return os.fdopen(fd, "rb")


def _reading(label: str, limits: Limits) -> Reading:
    return Reading(label, limits, FactsCapture(limits.max_captured_bytes))


def _facts(contents: ImageContents, reading: Reading, config_section: Any = None, layout: str | None = None) -> ImageFacts:
    return build_facts(contents, reading.label, reading.fail, config_section=config_section, layout=layout,
                       symlink_hops=reading.limits.symlink_hops, max_nodes=reading.limits.max_members)
