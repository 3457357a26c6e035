"""Streaming an image archive front to back: pipes, engine save streams, compressed tarballs.

Members may come in any order (a legacy `docker save` writes manifest.json last): JSON
documents are kept (capped), every layer blob is scanned as it passes, and the manifest
orders the scans at the end. Nothing is spooled to disk.
"""
from __future__ import annotations

from typing import Any

from dockharden.image.compression import GZIP, JSON, TAR, ZSTD, sniff
from dockharden.image.errors import MIB
from dockharden.image.manifest import resolve_plan
from dockharden.image.reading import LAYER_KINDS, ImageContents, LayerRead, Reading, archive_name, follow, link_target
from dockharden.image.byte_sources import Source
from dockharden.image.tarheaders import BLOCK, FILE, HARDLINK, SYMLINK, TarMember, TarReader

_METADATA_NAMES = frozenset({"manifest.json", "index.json", "oci-layout", "repositories"})


class _Collected:
    """What has passed so far: JSON documents, layer scans, links, and blobs we could not use."""

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
            elif kind in LAYER_KINDS:
                self.layers[name] = self.reading.scan_blob(reader.data_source(), name, member.size)
            else:
                self.unknown.add(name)

    def _keep_json(self, name: str, size: int, reader: TarReader) -> None:
        limits = self.reading.limits
        if size > limits.max_json_bytes:
            self.oversized.add(name)
            return
        self.metadata_bytes += size
        if self.metadata_bytes > limits.max_metadata_bytes:
            raise self.reading.fail(f"more than {limits.max_metadata_bytes // MIB} MiB of JSON")
        self.docs[name] = reader.data(size)

    def load(self, name: str, size: int | None = None) -> Any:
        name = follow(self.links, name, self.reading.fail)
        if name in self.oversized:
            self.reading.check_json_size(self.reading.limits.max_json_bytes + 1, name)
        data = self.docs.get(name)
        return None if data is None else self.reading.parse_blob(data, name, size)

    def layer(self, name: str) -> LayerRead:
        real = follow(self.links, name, self.reading.fail)
        if real in self.unknown:
            raise self.reading.fail(f"layer {name}: not a tar, gzip or zstd blob")
        if real not in self.layers:
            raise self.reading.missing_layer(name)
        return self.layers[real]


def read_stream(src: Source, reading: Reading) -> ImageContents:
    """`src` is the input as it comes (its pull charged to reading.spent by the caller)."""
    kind = sniff(src.peek(BLOCK))
    if kind in (GZIP, ZSTD):
        src = reading.guard.open(src, kind, reading.fail)
    elif kind != TAR:
        raise reading.fail("not a tar archive (nor a gzip or zstd compressed one)")
    collected = _Collected(reading)
    reader = TarReader(src, reading.fail, reading.limits.max_header_bytes)
    for count, member in enumerate(reader):
        if count >= reading.limits.max_archive_members:
            raise reading.fail(f"more than {reading.limits.max_archive_members} archive members")
        if member.size > reading.limits.max_input_bytes:
            raise reading.fail(f"member {member.name[:200]!r} declares {member.size} bytes, more than the input may hold")
        collected.take(member, reader)
    plan = resolve_plan(collected.load, reading.fail)
    config = reading.config_document(collected.load(plan.config_name, plan.config_size), plan)
    layers = tuple(collected.layer(name) for name in reading.layer_names(plan))
    return reading.verified(ImageContents(plan, config, layers))
