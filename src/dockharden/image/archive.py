"""Open an image archive and scan its layers in manifest order.

Three shapes, one result (`ImageContents`): a seekable tar (a `docker save` tarball,
legacy or OCI inside, or an OCI layout tar), read with random access; a stream (a pipe,
an engine's save endpoint, a compressed tarball), read front to back whatever order its
members come in; and an OCI layout directory. Only JSON documents are held in memory;
layers are scanned where they lie (never extracted) and ordered by the manifest.
"""
from __future__ import annotations

import json
import os
import posixpath
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, BinaryIO

from dockharden.image.compression import GZIP, JSON, TAR, ZSTD, InflateGuard, sniff
from dockharden.image.errors import MIB, ImageError, Limits
from dockharden.image.layers import CapturePolicy, LayerScan, MemberBudget, scan_layer
from dockharden.image.manifest import ImagePlan, resolve_plan
from dockharden.image.sources import FileRegion, Source
from dockharden.image.tarheaders import BLOCK, FILE, HARDLINK, SYMLINK, TarMember, TarReader

_METADATA_NAMES = frozenset({"manifest.json", "index.json", "oci-layout", "repositories"})
_LAYER_KINDS = frozenset({TAR, GZIP, ZSTD})


@dataclass(frozen=True)
class LayerRead:
    name: str
    blob_bytes: int
    scan: LayerScan


@dataclass(frozen=True)
class ImageContents:
    plan: ImagePlan
    config: dict[str, Any]
    layers: tuple[LayerRead, ...]


class Reading:
    """What one read of one image shares: its label, limits, guards and capture policy."""

    def __init__(self, label: str, limits: Limits, policy: CapturePolicy) -> None:
        self.label = label
        self.limits = limits
        self.policy = policy
        self.guard = InflateGuard(limits)
        self.budget = MemberBudget(limits)

    def fail(self, message: str) -> ImageError:
        return ImageError(self.label, message)

    def scan_blob(self, src: Source, name: str) -> LayerScan:
        def fail(message: str) -> ImageError:
            return self.fail(f"layer {name}: {message}")

        kind = sniff(src.peek(BLOCK))
        if kind not in _LAYER_KINDS:
            raise fail("not a tar, gzip or zstd blob")
        return scan_layer(self.guard.open(src, kind, fail), fail, self.policy, self.limits, self.budget)

    def parse_json(self, data: bytes, name: str) -> Any:
        try:
            return json.loads(data)
        except RecursionError:
            raise self.fail(f"{name} is nested too deeply") from None
        except ValueError as exc:
            raise self.fail(f"{name} is not valid JSON ({_first_line(exc)})") from None

    def check_json_size(self, size: int, name: str) -> None:
        if size > self.limits.max_json_bytes:
            raise self.fail(f"{name} is larger than {self.limits.max_json_bytes // MIB} MiB")


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def archive_name(raw: str, fail: Any) -> str:
    """A member name relative to the archive root; absolute or escaping names are hostile."""
    if raw.startswith("/"):
        raise fail(f"absolute path {raw[:200]!r} in the archive")
    name = posixpath.normpath(raw)
    if name == ".." or name.startswith("../"):
        raise fail(f"path traversal {raw[:200]!r} in the archive")
    return name


def link_target(member: TarMember, name: str, fail: Any) -> str:
    """Where an archive link points, relative to the archive root; it must stay inside."""
    target = member.linkname
    if target.startswith("/"):
        raise fail(f"absolute symlink {name!r} -> {target[:200]!r} in the archive")
    joined = posixpath.join(posixpath.dirname(name), target) if member.kind == SYMLINK else target
    resolved = posixpath.normpath(joined)
    if resolved == ".." or resolved.startswith("../"):
        raise fail(f"link {name!r} -> {target[:200]!r} escapes the archive")
    return resolved


def follow(links: dict[str, str], name: str, fail: Any) -> str:
    for _ in range(40):
        if name not in links:
            return name
        name = links[name]
    raise fail(f"symlink loop at {name!r} in the archive")


# Random access: a seekable tar file or a directory.


class _Indexed:
    """A seekable tar's members by name: data offsets for files, targets for links."""

    def __init__(self, file: BinaryIO, reading: Reading) -> None:
        self._file = file
        self._reading = reading
        self.files: dict[str, tuple[int, int]] = {}
        self.links: dict[str, str] = {}
        size = os.fstat(file.fileno()).st_size
        self._index(FileRegion(file, 0, size))

    def _index(self, region: FileRegion) -> None:
        reader = TarReader(region, self._reading.fail, self._reading.limits.max_header_bytes)
        for count, member in enumerate(reader):
            if count > self._reading.limits.max_archive_members:
                raise self._reading.fail(f"more than {self._reading.limits.max_archive_members} archive members")
            name = archive_name(member.name, self._reading.fail)
            if member.kind in (SYMLINK, HARDLINK):
                self.links[name] = link_target(member, name, self._reading.fail)
            elif member.kind == FILE:
                self.files[name] = (region.position, member.size)

    def region(self, name: str) -> FileRegion | None:
        found = self.files.get(follow(self.links, name, self._reading.fail))
        return FileRegion(self._file, *found) if found else None


def read_tar_file(file: BinaryIO, reading: Reading) -> ImageContents:
    index = _Indexed(file, reading)

    @contextmanager
    def open_blob(name: str) -> Iterator[FileRegion | None]:
        yield index.region(name)

    return _read_random(open_blob, reading)


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
            yield FileRegion(file, 0, os.fstat(file.fileno()).st_size)

    return _read_random(open_blob, reading)


def _read_random(open_blob: Any, reading: Reading) -> ImageContents:
    def load(name: str) -> Any:
        with open_blob(name) as region:
            if region is None:
                return None
            reading.check_json_size(region.length, name)
            return reading.parse_json(region.read(region.length), name)

    plan = resolve_plan(load, reading.fail)
    config = _config(load(plan.config_name), plan, reading)
    layers = []
    for name in _checked_layers(plan, reading):
        with open_blob(name) as region:
            if region is None:
                raise reading.fail(f"layer {name} is listed in the manifest but missing from the archive")
            layers.append(LayerRead(name, region.length, reading.scan_blob(region, name)))
    return ImageContents(plan, config, tuple(layers))


def _config(doc: Any, plan: ImagePlan, reading: Reading) -> dict[str, Any]:
    if doc is None:
        raise reading.fail(f"image config {plan.config_name} is missing from the archive")
    if not isinstance(doc, dict):
        raise reading.fail(f"image config {plan.config_name} is not a JSON object")
    return doc


def _checked_layers(plan: ImagePlan, reading: Reading) -> tuple[str, ...]:
    if len(plan.layer_names) > reading.limits.max_layers:
        raise reading.fail(f"more than {reading.limits.max_layers} layers")
    return plan.layer_names


# Streaming: members in whatever order they come; layers scanned as they pass.


class _StreamedArchive:
    def __init__(self, reading: Reading) -> None:
        self.reading = reading
        self.docs: dict[str, bytes] = {}
        self.oversized: set[str] = set()
        self.unknown: set[str] = set()
        self.layers: dict[str, LayerRead] = {}
        self.links: dict[str, str] = {}
        self.metadata_bytes = 0

    def take(self, member: TarMember, reader: TarReader) -> None:
        name = archive_name(member.name, self.reading.fail)
        if member.kind in (SYMLINK, HARDLINK):
            self.links[name] = link_target(member, name, self.reading.fail)
        elif member.kind == FILE:
            kind = JSON if name in _METADATA_NAMES else sniff(reader.data_source().peek(BLOCK))
            if kind == JSON:
                self._keep_json(name, member.size, reader)
            elif kind in _LAYER_KINDS:
                scan = self.reading.scan_blob(reader.data_source(), name)
                self.layers[name] = LayerRead(name, member.size, scan)
            else:
                self.unknown.add(name)

    def _keep_json(self, name: str, size: int, reader: TarReader) -> None:
        if size > self.reading.limits.max_json_bytes:
            self.oversized.add(name)
            return
        self.metadata_bytes += size
        if self.metadata_bytes > self.reading.limits.max_metadata_bytes:
            raise self.reading.fail(f"more than {self.reading.limits.max_metadata_bytes // MIB} MiB of JSON")
        self.docs[name] = reader.data(size)

    def load(self, name: str) -> Any:
        name = follow(self.links, name, self.reading.fail)
        if name in self.oversized:
            self.reading.check_json_size(self.reading.limits.max_json_bytes + 1, name)
        data = self.docs.get(name)
        return None if data is None else self.reading.parse_json(data, name)

    def contents(self) -> ImageContents:
        plan = resolve_plan(self.load, self.reading.fail)
        config = _config(self.load(plan.config_name), plan, self.reading)
        layers = []
        for name in _checked_layers(plan, self.reading):
            real = follow(self.links, name, self.reading.fail)
            found = self.layers.get(real)
            if real in self.unknown:
                raise self.reading.fail(f"layer {name}: not a tar, gzip or zstd blob")
            if found is None:
                raise self.reading.fail(f"layer {name} is listed in the manifest but missing from the archive")
            layers.append(found)
        return ImageContents(plan, config, tuple(layers))


def read_stream(src: Source, reading: Reading) -> ImageContents:
    kind = sniff(src.peek(BLOCK))
    if kind in (GZIP, ZSTD):
        src = reading.guard.open(src, kind, reading.fail)
    elif kind != TAR:
        raise reading.fail("not a tar archive (nor a gzip or zstd compressed one)")
    archive = _StreamedArchive(reading)
    reader = TarReader(src, reading.fail, reading.limits.max_header_bytes)
    for count, member in enumerate(reader):
        if count > reading.limits.max_archive_members:
            raise reading.fail(f"more than {reading.limits.max_archive_members} archive members")
        archive.take(member, reader)
    return archive.contents()
