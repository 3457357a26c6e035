"""Which blobs make the image: Docker's manifest.json, or an OCI index.json chain.

`resolve_plan` takes a loader (archive path and the size its descriptor declares -> parsed
JSON, or None when absent; the loader checks the size and the digest a blob's name holds)
and returns the config's path and the layers' paths in manifest order (bottom first),
with the sizes their descriptors declare.
"""
from __future__ import annotations

import dataclasses
import platform
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeGuard

from dockharden.image.tarheaders import Fail

Loader = Callable[[str, int | None], Any]

_DIGEST = re.compile(r"^(sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$")
_INDEX_TYPES = frozenset({
    "application/vnd.oci.image.index.v1+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
})
_NAME_ANNOTATIONS = ("io.containerd.image.name", "org.opencontainers.image.ref.name")
MAX_INDEX_DEPTH = 4
_ARCH = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64"}
_MAX_SIZE = 2**63 - 1  # descriptors' sizes are Go int64s


@dataclass(frozen=True)
class ImagePlan:
    config_name: str
    layer_names: tuple[str, ...]
    repo_tags: tuple[str, ...]
    image_id: str
    layout: str  # "docker-archive" (legacy), or "oci-layout" (also a docker save from Engine >= 25)
    config_size: int | None = None  # as its descriptor declares (None: no descriptor says)
    layer_sizes: tuple[int | None, ...] = ()  # the same for each layer (empty: none says)


def resolve_plan(load: Loader, fail: Fail) -> ImagePlan:
    manifest = load("manifest.json", None)
    if manifest is not None:
        plan = _docker_plan(manifest, fail)
        return plan if load("oci-layout", None) is None else dataclasses.replace(plan, layout="oci-layout")
    index = load("index.json", None)
    if index is not None:
        return _oci_plan(index, load, fail)
    raise fail("no manifest.json or index.json (not a docker save archive or an OCI image layout)")


def blob_name(digest: Any, fail: Fail) -> str:
    if not isinstance(digest, str) or not _DIGEST.match(digest):
        raise fail(f"bad digest {str(digest)[:80]!r}")
    algorithm, _, hexdigest = digest.partition(":")
    return f"blobs/{algorithm}/{hexdigest}"


def _docker_plan(manifest: Any, fail: Fail) -> ImagePlan:
    if not isinstance(manifest, list) or not manifest or not isinstance(manifest[0], dict):
        raise fail("manifest.json is not a list of images")
    entry = manifest[0]
    config, layers = entry.get("Config"), entry.get("Layers")
    if not isinstance(config, str) or not _strings(layers):
        raise fail("manifest.json: Config must be a path and Layers a list of paths")
    tags = entry.get("RepoTags") or []
    return ImagePlan(config, tuple(layers), tuple(t for t in tags if isinstance(t, str)),
                     _id_from_name(config), "docker-archive")


def _oci_plan(index: Any, load: Loader, fail: Fail) -> ImagePlan:
    descriptor, tags = _choose_manifest(index, load, fail, "index.json", 0)
    name = blob_name(descriptor.get("digest"), fail)
    manifest = check_manifest(load(name, descriptor_size(descriptor, name, fail)), name, fail)
    return manifest_plan(manifest, tags, "oci-layout", fail)


def manifest_plan(manifest: dict, tags: tuple[str, ...], layout: str, fail: Fail) -> ImagePlan:
    """The plan an image manifest (OCI, or Docker v2 schema 2) gives, once its config and
    layers are known to be descriptors."""
    config, layers = manifest["config"], manifest["layers"]
    config_name = blob_name(config.get("digest"), fail)
    layer_names = tuple(blob_name(layer.get("digest"), fail) for layer in layers)
    return ImagePlan(config_name, layer_names, tags, str(config.get("digest")), layout,
                     descriptor_size(config, config_name, fail),
                     tuple(descriptor_size(layer, n, fail) for layer, n in zip(layers, layer_names)))


def check_manifest(manifest: Any, name: str, fail: Fail) -> dict:
    """An image manifest with a config descriptor and a list of layer descriptors."""
    if not isinstance(manifest, dict) or not isinstance(manifest.get("config"), dict):
        raise fail(f"image manifest {name} is absent or has no config")
    layers = manifest.get("layers")
    if not isinstance(layers, list) or not all(isinstance(layer, dict) for layer in layers):
        raise fail(f"image manifest {name}: layers must be a list of descriptors")
    return manifest


def descriptor_size(descriptor: dict, name: str, fail: Fail) -> int | None:
    """The size a descriptor declares; a negative, huge or non-numeric one is hostile."""
    size = descriptor.get("size")
    if size is None:
        return None
    if type(size) is not int or not 0 <= size <= _MAX_SIZE:
        raise fail(f"descriptor of {name}: bad size {str(size)[:40]!r}")
    return size


def _choose_manifest(index: Any, load: Loader, fail: Fail, name: str, depth: int) -> tuple[dict, tuple[str, ...]]:
    candidates = image_descriptors(index, name, fail)
    chosen = _for_this_platform(candidates)
    tags = tuple(_tag(m) for m in candidates if _tag(m))
    if chosen.get("mediaType") not in _INDEX_TYPES:
        return chosen, tags
    if depth >= MAX_INDEX_DEPTH:
        raise fail(f"{name}: image indexes nested more than {MAX_INDEX_DEPTH} deep")
    nested_name = blob_name(chosen.get("digest"), fail)
    nested = load(nested_name, descriptor_size(chosen, nested_name, fail))
    if nested is None:
        raise fail(f"image index {nested_name} listed in {name} is missing")
    descriptor, nested_tags = _choose_manifest(nested, load, fail, nested_name, depth + 1)
    return descriptor, tags or nested_tags


def _is_attestation(descriptor: dict) -> bool:
    annotations = descriptor.get("annotations")
    platform_ = descriptor.get("platform")
    if isinstance(annotations, dict) and annotations.get("vnd.docker.reference.type") == "attestation-manifest":
        return True
    return isinstance(platform_, dict) and platform_.get("os") == "unknown"


def is_index(document: Any, media_type: str = "") -> bool:
    """An OCI image index or a Docker manifest list (by its media type, or its shape)."""
    if not isinstance(document, dict):
        return False
    declared = document.get("mediaType") or media_type
    return declared in _INDEX_TYPES or (not declared and "manifests" in document and "config" not in document)


def host_platform() -> str:
    return f"linux/{_ARCH.get(platform.machine().lower(), platform.machine().lower())}"


def image_descriptors(index: Any, name: str, fail: Fail) -> list[dict]:
    """The index's image manifests (attestations left out)."""
    manifests = index.get("manifests") if isinstance(index, dict) else None
    if not isinstance(manifests, list) or not all(isinstance(m, dict) for m in manifests):
        raise fail(f"{name}: manifests must be a list of descriptors")
    candidates = [m for m in manifests if not _is_attestation(m)]
    if not candidates:
        raise fail(f"{name} lists no image manifest")
    return candidates


def platform_name(descriptor: dict) -> str:
    """`os/architecture[/variant]` of a descriptor's platform ("unknown" when it has none)."""
    wanted = descriptor.get("platform")
    if not isinstance(wanted, dict):
        return "unknown"
    parts = [str(wanted.get("os") or "?"), str(wanted.get("architecture") or "?")]
    return "/".join(parts + ([str(wanted["variant"])] if wanted.get("variant") else []))


def choose_platform(candidates: list[dict], wanted: str, name: str, fail: Fail) -> dict:
    """The descriptor for `wanted` (os/arch[/variant]; without a variant, any variant);
    an error listing the platforms the index has when none matches."""
    os_, _, rest = wanted.partition("/")
    arch, _, variant = rest.partition("/")
    arch = _ARCH.get(arch, arch)
    for descriptor in candidates:
        have = descriptor.get("platform")
        if isinstance(have, dict) and have.get("os") == os_ and have.get("architecture") == arch \
                and (not variant or have.get("variant") == variant):
            return descriptor
    available = ", ".join(sorted({platform_name(d) for d in candidates}))
    raise fail(f"{name} has no image for {wanted}; it has {available} (choose one with --platform)")


def _for_this_platform(candidates: list[dict]) -> dict:
    arch = _ARCH.get(platform.machine().lower(), platform.machine().lower())
    for descriptor in candidates:
        wanted = descriptor.get("platform")
        if isinstance(wanted, dict) and wanted.get("os") == "linux" and wanted.get("architecture") == arch:
            return descriptor
    return candidates[0]


def _tag(descriptor: dict) -> str:
    annotations = descriptor.get("annotations")
    if not isinstance(annotations, dict):
        return ""
    return next((annotations[k] for k in _NAME_ANNOTATIONS if isinstance(annotations.get(k), str)), "")


def _strings(value: Any) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _id_from_name(config_name: str) -> str:
    match = re.search(r"([0-9a-f]{64})(\.json)?$", config_name)
    return f"sha256:{match.group(1)}" if match else ""
