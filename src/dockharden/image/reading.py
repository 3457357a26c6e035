"""What reading one image archive shares, whatever its shape: names, links, JSON, layers.

An archive yields `ImageContents`: the plan (which config, which layers in which order),
the config document, and every layer scanned (never extracted) and hashed as it passes.
Member names and archive links must stay inside the archive, and every blob must be what
its digest, its descriptor and the config's diff_ids say; anything else is refused.
"""
from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from typing import Any

from dockharden.image.budget import ReadBudget
from dockharden.image.compression import GZIP, TAR, ZSTD, InflateGuard, sniff
from dockharden.image.config_json import parse_diff_ids
from dockharden.image.digests import DigestingSource, check_digest, check_named, check_size, digest_of_name
from dockharden.image.errors import MIB, ImageError, Limits
from dockharden.image.layers import CapturePolicy, LayerScan, MemberBudget, scan_layer
from dockharden.image.manifest import ImagePlan
from dockharden.image.byte_sources import Source
from dockharden.image.tarheaders import BLOCK, SYMLINK, Fail, TarMember

LAYER_KINDS = frozenset({TAR, GZIP, ZSTD})
_LINK_HOPS = 40


@dataclass(frozen=True)
class LayerRead:
    name: str
    blob_bytes: int
    scan: LayerScan
    blob_digest: str = ""  # of the blob as stored, in the algorithm its name uses (sha256 by default)
    diff_id: str = ""  # sha256 of the uncompressed tar


@dataclass(frozen=True)
class ImageContents:
    plan: ImagePlan
    config: dict[str, Any]
    layers: tuple[LayerRead, ...]


class Reading:
    """One read of one image: its label, limits, bomb guard, member budget and capture policy."""

    def __init__(self, label: str, limits: Limits, policy: CapturePolicy) -> None:
        self.label = label
        self.limits = limits
        self.policy = policy
        self.spent = ReadBudget(limits, self.fail)
        self.guard = InflateGuard(limits, self.spent)
        self.budget = MemberBudget(limits)

    def fail(self, message: str) -> ImageError:
        return ImageError(self.label, message)

    def scan_blob(self, src: Source, name: str, size: int) -> LayerRead:
        """Scan a layer blob of `size` bytes, hashing it as stored and as a tar on the way."""
        def fail(message: str) -> ImageError:
            return self.fail(f"layer {name}: {message}")

        claimed = digest_of_name(name)
        blob = tar = DigestingSource(src, claimed.partition(":")[0] if claimed else "sha256")
        try:
            kind = sniff(blob.peek(BLOCK))
            if kind not in LAYER_KINDS:
                raise fail("not a tar, gzip or zstd blob")
            # the blob's thread receives and hashes it, the tar's inflates, this one hashes the tar: inflating
            # and hashing a gzip layer in one thread made it the slowest of the three (registry benchmark:
            # 1.75 s instead of 1.88, medians of 7 at load average 3)
            tar = blob if kind == TAR else DigestingSource(self.guard.open(blob, kind, fail), hash_ahead=False)
            scan = self._scan(tar, blob, claimed, name, fail)
            stored = blob.digest(claimed.partition(":")[0]) if claimed else blob.digest()
            return LayerRead(name, size, scan, stored, tar.digest())
        finally:  # no thread reading ahead outlives its layer: a process ending on an error must find none in a read
            tar.stop()
            blob.stop()

    def _scan(self, tar: DigestingSource, blob: DigestingSource, claimed: str | None, name: str, fail: Fail) -> LayerScan:
        """The tar's headers, then both streams hashed to their ends."""
        try:
            scan = scan_layer(tar, fail, self.policy, self.limits, self.budget)
        except ImageError:
            if tar is not blob:
                tar.stop()  # its thread inflates the blob ahead: it lets go before the blob is drained here
            self._blame_digest(blob, claimed, name)
            raise
        tar.drain()
        blob.drain()
        return scan

    def _blame_digest(self, blob: DigestingSource, claimed: str | None, name: str) -> None:
        """A blob its tar reader refused may be one that is not what its digest says: then
        that is the error (the rest of the blob is hashed to know)."""
        if claimed is None:
            return
        try:
            blob.drain()
        except ImageError:
            return
        actual = blob.digest(claimed.partition(":")[0])
        check_digest(actual, claimed, f"layer {name}", self.fail)

    def parse_blob(self, data: bytes, name: str, declared_size: int | None) -> Any:
        """A JSON blob read whole, once its size and digest are checked."""
        check_named(data, name, declared_size, self.fail)
        return self.parse_json(data, name)

    def verified(self, contents: ImageContents) -> ImageContents:
        """`contents`, once every layer is what its name, its descriptor and the config's
        diff_ids say it is."""
        diff_ids = parse_diff_ids(contents.config, self.fail)
        sizes = contents.plan.layer_sizes or (None,) * len(contents.layers)
        for index, (read, size) in enumerate(zip(contents.layers, sizes)):
            name = f"layer {read.name}"
            check_size(read.blob_bytes, name, size, self.fail)
            claimed = digest_of_name(read.name)
            if claimed is not None:
                check_digest(read.blob_digest, claimed, name, self.fail)
            if index < len(diff_ids):
                check_digest(read.diff_id, diff_ids[index], name, self.fail, f"rootfs.diff_ids[{index}]")
        return contents

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

    def config_document(self, doc: Any, plan: ImagePlan) -> dict[str, Any]:
        if doc is None:
            raise self.fail(f"image config {plan.config_name} is missing from the archive")
        if not isinstance(doc, dict):
            raise self.fail(f"image config {plan.config_name} is not a JSON object")
        return doc

    def layer_names(self, plan: ImagePlan) -> tuple[str, ...]:
        if len(plan.layer_names) > self.limits.max_layers:
            raise self.fail(f"more than {self.limits.max_layers} layers")
        return plan.layer_names

    def missing_layer(self, name: str) -> ImageError:
        return self.fail(f"layer {name} is listed in the manifest but missing from the archive")


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def archive_name(raw: str, fail: Fail) -> str:
    """A member name relative to the archive root; absolute or escaping names are hostile."""
    if raw.startswith("/"):
        raise fail(f"absolute path {raw[:200]!r} in the archive")
    name = posixpath.normpath(raw)
    if name == ".." or name.startswith("../"):
        raise fail(f"path traversal {raw[:200]!r} in the archive")
    return name


def link_target(member: TarMember, name: str, fail: Fail) -> str:
    """Where an archive link points, relative to the archive root; it must stay inside."""
    target = member.linkname
    if target.startswith("/"):
        raise fail(f"absolute symlink {name!r} -> {target[:200]!r} in the archive")
    joined = posixpath.join(posixpath.dirname(name), target) if member.kind == SYMLINK else target
    resolved = posixpath.normpath(joined)
    if resolved == ".." or resolved.startswith("../"):
        raise fail(f"link {name!r} -> {target[:200]!r} escapes the archive")
    return resolved


def follow(links: dict[str, str], name: str, fail: Fail) -> str:
    for _ in range(_LINK_HOPS):
        if name not in links:
            return name
        name = links[name]
    raise fail(f"symlink loop at {name!r} in the archive")
