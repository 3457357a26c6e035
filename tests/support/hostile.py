"""Hostile archives made on the fly: raw tar headers, pax chains, endless streams.

Everything here is a generator or a few bytes: a 1 TiB stream or two million headers cost
no disk, and the tests read the product's behaviour, not this module's memory.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator

from support.archives import uncompressed

BLOCK = 512
CHUNK = 1024 * 1024
TIB = 1024**4


def ustar_header(name: str | bytes, size: int = 0, flag: bytes = b"0", linkname: str = "", mode: int = 0o644,
                 uid: int = 0, gid: int = 0) -> bytes:
    """One ustar header block with a right checksum; names are bytes when they must be raw."""
    raw = name.encode() if isinstance(name, str) else name
    block = bytearray(BLOCK)
    block[0:len(raw[:100])] = raw[:100]
    block[100:108] = b"%07o\0" % mode
    block[108:116] = b"%07o\0" % uid
    block[116:124] = b"%07o\0" % gid
    block[124:136] = _size_field(size)
    block[136:148] = b"%011o\0" % 1_700_000_000
    block[156:157] = flag
    block[157:157 + len(linkname.encode())] = linkname.encode()
    block[257:265] = b"ustar\x0000"
    block[148:156] = b"        "
    block[148:156] = b"%06o\0 " % sum(block)
    return bytes(block)


def _size_field(size: int) -> bytes:
    if size < 8**11:
        return b"%011o\0" % size
    return bytes([0x80]) + size.to_bytes(11, "big")  # base-256, as GNU tar writes big sizes


def padded(data: bytes) -> bytes:
    return data + bytes(-len(data) % BLOCK)


def pax_header(records: dict[str, str], flag: bytes = b"x") -> bytes:
    body = b"".join(_pax_record(key, value) for key, value in records.items())
    return ustar_header("././@PaxHeader", size=len(body), flag=flag) + padded(body)


def _pax_record(key: str, value: str) -> bytes:
    text = f" {key}={value}\n".encode()
    length = len(text) + len(str(len(text)))
    length += len(str(length)) - len(str(len(text)))
    return str(length).encode() + text


def member(name: str | bytes, data: bytes = b"", **attrs) -> bytes:
    return ustar_header(name, size=len(data), **attrs) + padded(data)


def end() -> bytes:
    return bytes(2 * BLOCK)


def zeros(count: int | None = None) -> Iterator[bytes]:
    """`count` zero bytes in chunks (forever when None)."""
    chunk = bytes(CHUNK)
    while count is None or count > 0:
        step = CHUNK if count is None else min(CHUNK, count)
        yield chunk if step == CHUNK else bytes(step)
        if count is not None:
            count -= step


def pax_chain(count: int) -> Iterator[bytes]:
    """`count` chained pax headers with distinct keys, then one member and the end."""
    batch = []
    for i in range(count):
        batch.append(pax_header({f"dockharden.key{i}": "v"}))
        if len(batch) == 2048:
            yield b"".join(batch)
            batch = []
    yield b"".join(batch) + member("after-the-chain") + end()


def docker_archive(layers: list[bytes], config: dict | None = None, manifest_layers: list[str] | None = None) -> bytes:
    """A legacy docker save archive of small in-memory layers, with right diff_ids."""
    diff_ids = [f"sha256:{hashlib.sha256(uncompressed(layer)).hexdigest()}" for layer in layers]
    document = json.dumps({"architecture": "amd64", "os": "linux", "config": config or {},
                           "rootfs": {"type": "layers", "diff_ids": diff_ids}}).encode()
    config_name = f"{hashlib.sha256(document).hexdigest()}.json"
    names = [f"{hashlib.sha256(layer).hexdigest()}/layer.tar" for layer in layers]
    listed = manifest_layers if manifest_layers is not None else names
    manifest = json.dumps([{"Config": config_name, "RepoTags": ["hostile/x:1"], "Layers": listed}]).encode()
    parts = [member(name, layer) for name, layer in dict(zip(names, layers)).items()]
    return b"".join([*parts, member(config_name, document), member("manifest.json", manifest), end()])


def stream_member(name: str, size: int, data: Iterable[bytes]) -> Iterator[bytes]:
    """An outer archive member of declared `size` whose data comes from `data`."""
    yield ustar_header(name, size=size)
    yield from data


def symlink_layer() -> bytes:
    """`x -> /etc`, then `x/passwd`: written through the link, it would replace /etc/passwd."""
    return (member("etc/passwd", b"app:x:1000:1000::/:/bin/sh\n") + ustar_header("x", flag=b"2", linkname="/etc")
            + member("x/passwd", b"app:x:0:0::/:/bin/sh\n") + end())
