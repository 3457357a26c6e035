"""Tiny image archives made in memory with `tarfile`, for unit, hostile and fuzz tests."""
from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile
import zlib
from dataclasses import dataclass, field

import zstandard


@dataclass(frozen=True)
class Member:
    name: str
    data: bytes = b""
    kind: bytes = tarfile.REGTYPE
    linkname: str = ""
    mode: int = 0o644
    uid: int = 0
    gid: int = 0
    mtime: int = 1_700_000_000


def file(name: str, data: bytes = b"", **attrs) -> Member:
    return Member(name, data, **attrs)


def directory(name: str, **attrs) -> Member:
    return Member(name, kind=tarfile.DIRTYPE, mode=attrs.pop("mode", 0o755), **attrs)


def symlink(name: str, target: str) -> Member:
    return Member(name, kind=tarfile.SYMTYPE, linkname=target, mode=0o777)


def hardlink(name: str, target: str) -> Member:
    return Member(name, kind=tarfile.LNKTYPE, linkname=target)


def tar_bytes(members: list[Member], format: int = tarfile.PAX_FORMAT) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=format) as tar:
        for member in members:
            info = tarfile.TarInfo(member.name)
            info.type, info.linkname, info.mode = member.kind, member.linkname, member.mode
            info.uid, info.gid, info.mtime, info.size = member.uid, member.gid, member.mtime, len(member.data)
            tar.addfile(info, io.BytesIO(member.data) if member.kind == tarfile.REGTYPE else None)
    return out.getvalue()


@dataclass
class DockerArchive:
    """A legacy `docker save` archive: manifest.json, <id>.json config, <id>/layer.tar."""

    layers: list[bytes]
    config: dict = field(default_factory=dict)
    history: list[dict] | None = None
    tags: list[str] = field(default_factory=lambda: ["example/app:1"])

    def config_document(self) -> dict:
        diff_ids = [f"sha256:{hashlib.sha256(uncompressed(layer)).hexdigest()}" for layer in self.layers]
        history = self.history if self.history is not None else [{"created_by": f"step {i}"} for i in range(len(self.layers))]
        return {"architecture": "amd64", "os": "linux", "config": self.config,
                "rootfs": {"type": "layers", "diff_ids": diff_ids}, "history": history}

    def members(self) -> list[Member]:
        config = json.dumps(self.config_document()).encode()
        config_name = f"{hashlib.sha256(config).hexdigest()}.json"
        layer_names = [f"{hashlib.sha256(layer).hexdigest()}/layer.tar" for layer in self.layers]
        manifest = [{"Config": config_name, "RepoTags": self.tags, "Layers": layer_names}]
        layers = [file(name, data) for name, data in zip(layer_names, self.layers)]
        return [*layers, file(config_name, config), file("manifest.json", json.dumps(manifest).encode())]

    def tar(self) -> bytes:
        return tar_bytes(self.members())


def uncompressed(layer: bytes) -> bytes:
    """A layer's tar, as its diff_id hashes it; a blob that does not decompress is kept as it is."""
    try:
        if layer[:2] == b"\x1f\x8b":
            return gzip.decompress(layer)
        if layer[:4] == b"\x28\xb5\x2f\xfd":
            return zstandard.ZstdDecompressor().decompressobj().decompress(layer)
    except (OSError, EOFError, zlib.error, zstandard.ZstdError):
        pass
    return layer


def simple_image() -> DockerArchive:
    base = tar_bytes([directory("etc"), file("etc/passwd", b"root:x:0:0:root:/root:/bin/bash\napp:x:1000:1000::/home/app:/bin/sh\n"),
                      file("etc/group", b"root:x:0:\napp:x:1000:\n"), directory("usr/bin"),
                      file("usr/bin/python3", b"\x7fELF", mode=0o755), symlink("bin", "usr/bin"),
                      file("usr/bin/su", b"\x7fELF", mode=0o4755)])
    app = tar_bytes([directory("app"), file("app/main.py", b"print(1)\n", uid=1000, gid=1000),
                     file("app/.env", b"SECRET=1\n")])
    return DockerArchive([base, app], config={"User": "1000", "WorkingDir": "/app", "Env": ["PATH=/usr/bin:/bin"],
                                              "Cmd": ["python3", "/app/main.py"]},
                         history=[{"created_by": "ADD file:0123abcd in / "}, {"created_by": "CMD [\"sh\"]", "empty_layer": True},
                                  {"created_by": "COPY . /app # buildkit"}])
