"""What reading one image archive shares, whatever its shape: names, links, JSON, layers.

An archive yields `ImageContents`: the plan (which config, which layers in which order),
the config document, and every layer scanned (never extracted). Member names and archive
links must stay inside the archive; anything else is hostile and refused.
"""
from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from typing import Any

from dockharden.image.compression import GZIP, TAR, ZSTD, InflateGuard, sniff
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
        self.guard = InflateGuard(limits)
        self.budget = MemberBudget(limits)

    def fail(self, message: str) -> ImageError:
        return ImageError(self.label, message)

    def scan_blob(self, src: Source, name: str) -> LayerScan:
        def fail(message: str) -> ImageError:
            return self.fail(f"layer {name}: {message}")

        kind = sniff(src.peek(BLOCK))
        if kind not in LAYER_KINDS:
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
