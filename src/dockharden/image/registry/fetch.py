"""An image read straight from a registry into the image reader: nothing written to disk.

The manifest (through an index, for the platform asked for) gives the config and the
layers; the config is read whole (capped), each layer blob is streamed into the same
tar-header scan an archive's layers go through, hashed as it passes and checked against
its digest, its descriptor's size and the config's diff_ids, each blob once. With
`config_only` no layer is fetched: the facts then know the config and history only.
"""
from __future__ import annotations

import hashlib

from dockharden.core.printable import printable
from dockharden.core.records import frozen
from dockharden.image.byte_sources import chunk_stream
from dockharden.image.config_json import parse_diff_ids
from dockharden.image.digests import digest_of_name
from dockharden.image.layers import LayerScan
from dockharden.image.manifest import (
    MAX_INDEX_DEPTH, ImagePlan, blob_name, check_manifest, choose_platform, descriptor_size, host_platform,
    image_descriptors, is_index, manifest_plan,
)
from dockharden.image.reading import ImageContents, LayerRead, Reading
from dockharden.image.registry.client import RegistryClient, RegistryError
from dockharden.image.registry.credentials import CredentialError, Credentials, credentials_for
from dockharden.image.registry.options import RegistryOptions
from dockharden.image.registry.reference import Reference

LAYOUT = "registry"
_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1"
_FOREIGN = ("foreign", "nondistributable")


@frozen
class Fetched:
    contents: ImageContents
    bytes_fetched: int


def fetch_contents(reference: Reference, reading: Reading, options: RegistryOptions = RegistryOptions(),
                   config_only: bool = False) -> Fetched:
    """The image's contents from its registry; ImageError (through reading.fail) if not."""
    credentials = _credentials(reference, options, reading)
    try:
        with RegistryClient(reference, credentials, options.client) as client:
            plan = _plan(client, reference, reading, options.platform or host_platform())
            config = reading.config_document(_config(client, plan, reading), plan)
            layers = _placeholders(plan, config, reading) if config_only else _layers(client, plan, reading)
            contents = reading.verified(ImageContents(plan, config, layers))
            return Fetched(contents, client.bytes_received)
    except RegistryError as exc:
        raise reading.fail(str(exc)) from None


def _credentials(reference: Reference, options: RegistryOptions, reading: Reading) -> Credentials:
    try:
        return credentials_for(reference.registry, options.docker_config)
    except CredentialError as exc:
        raise reading.fail(str(exc)) from None


def _plan(client: RegistryClient, reference: Reference, reading: Reading, platform: str) -> ImagePlan:
    """Follow the manifest at the reference, through indexes, to one image manifest."""
    revision, name, size = reference.revision, f"manifest {printable(reference.revision)}", None
    for _ in range(MAX_INDEX_DEPTH + 1):
        media_type, body = client.manifest(revision, reading.limits.max_json_bytes)
        _check_manifest_digest(body, revision, size, name, reading)
        document = reading.parse_json(body, name)
        if media_type.startswith(_SCHEMA1) or (isinstance(document, dict) and document.get("schemaVersion") == 1):
            raise reading.fail(f"{name} is a Docker schema 1 manifest (deprecated, not supported)")
        if not is_index(document, media_type):
            manifest = check_manifest(document, name, reading.fail)
            _refuse_foreign_layers(manifest, reading)
            return manifest_plan(manifest, (str(reference),), LAYOUT, reading.fail)
        descriptor = choose_platform(image_descriptors(document, name, reading.fail), platform, name, reading.fail)
        revision = blob_name(descriptor.get("digest"), reading.fail).replace("blobs/", "").replace("/", ":", 1)
        size = descriptor_size(descriptor, revision, reading.fail)
        name = f"manifest {revision}"
    raise reading.fail(f"image indexes nested more than {MAX_INDEX_DEPTH} deep")


def _check_manifest_digest(body: bytes, revision: str, size: int | None, name: str, reading: Reading) -> None:
    """A manifest asked for by digest must have it (and the size its index says)."""
    if size is not None and len(body) != size:
        raise reading.fail(f"{name} is {len(body)} bytes, but its descriptor says {size}")
    algorithm = revision.partition(":")[0] if ":" in revision else ""
    if algorithm in ("sha256", "sha512"):
        claimed = f"{algorithm}:{hashlib.new(algorithm, body).hexdigest()}"
        if claimed != revision:
            raise reading.fail(f"{name} does not match its digest (its content is {claimed})")


def _refuse_foreign_layers(manifest: dict, reading: Reading) -> None:
    for layer in manifest["layers"]:
        media_type = str(layer.get("mediaType") or "")
        if any(word in media_type for word in _FOREIGN) or layer.get("urls"):
            raise reading.fail(f"layer {printable(str(layer.get('digest'))[:80])} is a foreign layer "
                               "(served from elsewhere: Windows base images); not read")


def _config(client: RegistryClient, plan: ImagePlan, reading: Reading) -> object:
    reading.check_json_size(plan.config_size or 0, plan.config_name)
    data = client.blob_bytes(_digest(plan.config_name), plan.config_size, reading.limits.max_json_bytes)
    reading.spent.charge_input(len(data))
    return reading.parse_blob(data, plan.config_name, plan.config_size)


def _layers(client: RegistryClient, plan: ImagePlan, reading: Reading) -> tuple[LayerRead, ...]:
    """Each distinct layer blob fetched once and scanned as it streams. One at a time: on
    loopback, layers read three at a time took as long (benchmarks/bench_registry.py)."""
    scanned: dict[str, LayerRead] = {}  # a blob listed many times is fetched once
    sizes = plan.layer_sizes or (None,) * len(plan.layer_names)
    for name, size in zip(reading.layer_names(plan), sizes):
        if name not in scanned:
            chunks = client.blob_chunks(_digest(name), size, reading.limits.max_input_bytes)
            scanned[name] = reading.scan_blob(chunk_stream(chunks, reading.spent.metered), name, size or 0)
    return tuple(scanned[name] for name in plan.layer_names)


def _placeholders(plan: ImagePlan, config: dict, reading: Reading) -> tuple[LayerRead, ...]:
    """Layers known by their descriptors only (`--config-only`): no file in them is known."""
    diff_ids = parse_diff_ids(config, reading.fail)
    sizes = plan.layer_sizes or (None,) * len(plan.layer_names)
    empty = LayerScan((), (), 0)
    return tuple(LayerRead(name, size or 0, empty, _digest(name), diff_ids[i] if i < len(diff_ids) else "")
                 for i, (name, size) in enumerate(zip(reading.layer_names(plan), sizes)))


def _digest(name: str) -> str:
    claimed = digest_of_name(name)
    assert claimed is not None  # blob_name made it
    return claimed
