"""Random access to an image archive: a seekable tar file, or an OCI layout directory.

A tar is indexed by one pass over its headers (member data is skipped, not read); then
the manifest picks the config and the layers, each scanned where it lies in the file.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any, BinaryIO

from dockharden.image.manifest import resolve_plan
from dockharden.image.reading import ImageContents, LayerRead, Reading, archive_name, follow, link_target
from dockharden.image.byte_sources import FileRegion
from dockharden.image.tarheaders import FILE, HARDLINK, SYMLINK, TarReader

OpenBlob = Callable[[str], AbstractContextManager[FileRegion | None]]


class _TarIndex:
    """A seekable tar's members by name: data offsets for files, targets for links."""

    def __init__(self, file: BinaryIO, reading: Reading) -> None:
        self._file = file
        self._reading = reading
        self.files: dict[str, tuple[int, int]] = {}
        self.links: dict[str, str] = {}
        self._index(FileRegion(file, 0, os.fstat(file.fileno()).st_size))

    def _index(self, region: FileRegion) -> None:
        reading = self._reading
        for count, member in enumerate(TarReader(region, reading.fail, reading.limits.max_header_bytes)):
            if count >= reading.limits.max_archive_members:
                raise reading.fail(f"more than {reading.limits.max_archive_members} archive members")
            name = archive_name(member.name, reading.fail)
            if member.kind in (SYMLINK, HARDLINK):
                self.links[name] = link_target(member, name, reading.fail)
            elif member.kind == FILE:
                self.files[name] = (region.position, member.size)

    def region(self, name: str) -> FileRegion | None:
        found = self.files.get(follow(self.links, name, self._reading.fail))
        return FileRegion(self._file, *found) if found else None


def read_tar_file(file: BinaryIO, reading: Reading) -> ImageContents:
    reading.spent.charge_input(os.fstat(file.fileno()).st_size)  # each byte is read once, to hash it
    index = _TarIndex(file, reading)

    @contextmanager
    def open_blob(name: str) -> Iterator[FileRegion | None]:
        yield index.region(name)

    return _read(open_blob, reading)


def read_directory(root: str, reading: Reading) -> ImageContents:
    real_root = os.path.realpath(root)

    @contextmanager
    def open_blob(name: str) -> Iterator[FileRegion | None]:
        path = os.path.realpath(os.path.join(real_root, archive_name(name, reading.fail)))
        if os.path.commonpath([path, real_root]) != real_root:
            raise reading.fail(f"{name!r} is a link that escapes the layout directory")
        if not os.path.isfile(path):
            yield None
            return
        with open(path, "rb") as file:
            region = FileRegion(file, 0, os.fstat(file.fileno()).st_size)
            reading.spent.charge_input(region.length)
            yield region

    return _read(open_blob, reading)


def _read(open_blob: OpenBlob, reading: Reading) -> ImageContents:
    def load(name: str, size: int | None) -> Any:
        with open_blob(name) as region:
            if region is None:
                return None
            reading.check_json_size(region.length, name)
            return reading.parse_blob(region.read(region.length), name, size)

    plan = resolve_plan(load, reading.fail)
    config = reading.config_document(load(plan.config_name, plan.config_size), plan)
    scanned: dict[str, LayerRead] = {}  # a blob listed many times is read once
    for name in reading.layer_names(plan):
        if name not in scanned:
            with open_blob(name) as region:
                if region is None:
                    raise reading.missing_layer(name)
                scanned[name] = reading.scan_blob(region, name, region.length)
    layers = tuple(scanned[name] for name in plan.layer_names)
    return reading.verified(ImageContents(plan, config, layers))
