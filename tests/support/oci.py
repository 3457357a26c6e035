"""Turn a legacy `docker save` tarball into OCI image layouts, for tests.

Engine 20.10 (the engine on these machines) writes only the legacy layout; Engine >= 25
and BuildKit write OCI layouts: a directory or a tar of `oci-layout`, `index.json` and
`blobs/sha256/...`, with or without Docker's `manifest.json`, with uncompressed, gzip or
zstd layers. `convert` writes any of these. Compressed layers can be cached by diff_id,
since every test image shares the same large base layer.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from pathlib import Path

import zstandard

MEDIA_TYPES = {
    "none": "application/vnd.oci.image.layer.v1.tar",
    "gzip": "application/vnd.oci.image.layer.v1.tar+gzip",
    "zstd": "application/vnd.oci.image.layer.v1.tar+zstd",
}
MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json"
INDEX_TYPE = "application/vnd.oci.image.index.v1+json"
CONFIG_TYPE = "application/vnd.oci.image.config.v1+json"
_CHUNK = 1024 * 1024


def convert(docker_archive: Path, out: Path, *, layout: str = "dir", compression: str = "gzip",
            manifest_json: bool = True, metadata_last: bool = False, cache: Path | None = None) -> Path:
    """Write `docker_archive` as an OCI layout at `out` (a directory, or a tar when layout="tar")."""
    staging = Path(tempfile.mkdtemp(prefix="oci-", dir=out.parent))
    try:
        names = _write_layout(docker_archive, staging, compression, manifest_json, cache)
        if layout == "dir":
            staging.rename(out)
        else:
            _tar_layout(staging, out, names, metadata_last)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out


def _write_layout(archive: Path, root: Path, compression: str, manifest_json: bool, cache: Path | None) -> list[str]:
    (root / "blobs" / "sha256").mkdir(parents=True)
    with tarfile.open(archive) as tar:
        legacy = json.load(tar.extractfile("manifest.json"))[0]
        config = tar.extractfile(legacy["Config"]).read()
        diff_ids = json.loads(config)["rootfs"]["diff_ids"]
        layers = [_layer_blob(tar, name, diff_id, compression, root, cache)
                  for name, diff_id in zip(legacy["Layers"], diff_ids)]
    config_desc = _put_blob(root, config, CONFIG_TYPE)
    manifest = {"schemaVersion": 2, "mediaType": MANIFEST_TYPE, "config": config_desc, "layers": layers}
    manifest_desc = _put_blob(root, json.dumps(manifest).encode(), MANIFEST_TYPE)
    tags = legacy.get("RepoTags") or []
    if tags:
        manifest_desc["annotations"] = {"io.containerd.image.name": tags[0],
                                        "org.opencontainers.image.ref.name": tags[0].rpartition(":")[2]}
    (root / "index.json").write_text(json.dumps({"schemaVersion": 2, "mediaType": INDEX_TYPE,
                                                 "manifests": [manifest_desc]}))
    (root / "oci-layout").write_text(json.dumps({"imageLayoutVersion": "1.0.0"}))
    metadata = ["oci-layout", "index.json"]
    if manifest_json:
        docker_manifest = [{"Config": _blob_path(config_desc), "RepoTags": tags,
                            "Layers": [_blob_path(layer) for layer in layers]}]
        (root / "manifest.json").write_text(json.dumps(docker_manifest))
        metadata.append("manifest.json")
    blobs = [_blob_path(d) for d in layers] + [_blob_path(config_desc), _blob_path(manifest_desc)]
    return metadata + list(dict.fromkeys(blobs))


def _blob_path(descriptor: dict) -> str:
    return "blobs/" + descriptor["digest"].replace(":", "/")


def _put_blob(root: Path, data: bytes, media_type: str) -> dict:
    digest = hashlib.sha256(data).hexdigest()
    (root / "blobs" / "sha256" / digest).write_bytes(data)
    return {"mediaType": media_type, "digest": f"sha256:{digest}", "size": len(data)}


def _layer_blob(tar: tarfile.TarFile, name: str, diff_id: str, compression: str, root: Path,
                cache: Path | None) -> dict:
    cached = cache / f"{diff_id.partition(':')[2]}.{compression}" if cache else None
    if cached is None or not cached.exists():
        target = cached or root / "layer.partial"
        target.parent.mkdir(parents=True, exist_ok=True)
        _compress(tar.extractfile(name), target, compression)
    source = cached or root / "layer.partial"
    digest = _sha256_file(source)
    blob = root / "blobs" / "sha256" / digest
    if not blob.exists():
        _link_or_copy(source, blob) if cached else source.rename(blob)
    return {"mediaType": MEDIA_TYPES[compression], "digest": f"sha256:{digest}", "size": blob.stat().st_size}


def _compress(src, target: Path, compression: str) -> None:
    partial = target.with_name(target.name + ".tmp")
    with partial.open("wb") as out:
        if compression == "zstd":
            zstandard.ZstdCompressor(level=3).copy_stream(src, out)
        else:
            packer = zlib.compressobj(1, zlib.DEFLATED, 31) if compression == "gzip" else None
            while chunk := src.read(_CHUNK):
                out.write(packer.compress(chunk) if packer else chunk)
            out.write(packer.flush() if packer else b"")
    partial.rename(target)


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _tar_layout(root: Path, out: Path, names: list[str], metadata_last: bool) -> None:
    metadata = [n for n in names if not n.startswith("blobs/")]
    blobs = [n for n in names if n.startswith("blobs/")]
    ordered = blobs + metadata if metadata_last else metadata + blobs
    with tarfile.open(out, "w", format=tarfile.PAX_FORMAT) as tar:
        for name in ordered:
            tar.add(root / name, arcname=name, recursive=False)
