"""Digests of the blobs an archive holds, computed as they stream past, and their checks.

A blob's name may hold its digest (`blobs/sha256/<hex>`, a legacy config `<hex>.json`);
a layer's uncompressed tar must hash to its `rootfs.diff_ids` entry; a descriptor's size
must be the blob's. Anything else would let a tampered layer be analysed as the real one.
"""
from __future__ import annotations

import hashlib
import queue
import re
import threading
import weakref
from typing import Any

from dockharden.image.byte_sources import CHUNK, Source, StreamSource
from dockharden.image.tarheaders import Fail

_BLOB_NAME = re.compile(r"^blobs/(sha256|sha512)/([0-9a-f]+)$")
_IMAGE_ID_NAME = re.compile(r"^(?:sha256:)?([0-9a-f]{64})(?:\.json)?$")  # a legacy config, named by the image ID


def digest_of_name(name: str) -> str | None:
    """The digest an archive name claims for its content, or None when it claims none."""
    blob = _BLOB_NAME.match(name)
    if blob:
        return f"{blob.group(1)}:{blob.group(2)}"
    legacy = _IMAGE_ID_NAME.match(name)
    return f"sha256:{legacy.group(1)}" if legacy else None


def digest(data: bytes, algorithm: str = "sha256") -> str:
    return f"{algorithm}:{hashlib.new(algorithm, data).hexdigest()}"


class _HashingPull:
    """Chunks of `src`, each hashed as it is pulled: by a thread of its own once chunks are
    large (hashlib works outside the GIL, so hashing overlaps inflating and parsing: a
    registry read took about 30% less time), at most `_BEHIND` chunks behind."""

    def __init__(self, src: Source, algorithm: str) -> None:
        self._src = src
        self._hashers = {name: hashlib.new(name) for name in {"sha256", algorithm}}
        self._pending: queue.Queue[bytes | None] | None = None
        self._thread: threading.Thread | None = None

    def __call__(self) -> bytes:
        chunk = self._src.read_some(CHUNK)
        if self._pending is None and len(chunk) >= _THREADED_CHUNK:
            self._start()
        if self._pending is not None:
            self._pending.put(chunk)
        else:
            for hasher in self._hashers.values():
                hasher.update(chunk)
        return chunk

    def _start(self) -> None:
        pending: queue.Queue[bytes | None] = queue.Queue(maxsize=_BEHIND)
        self._pending = pending
        self._thread = threading.Thread(target=_hash_all, args=(pending, tuple(self._hashers.values())), daemon=True)
        self._thread.start()
        weakref.finalize(self, pending.put, None)  # abandoned (the read failed): the thread ends

    def hexdigest(self, algorithm: str) -> str:
        if self._pending is not None and self._thread is not None:
            self._pending.put(None)
            self._thread.join()
            self._pending = self._thread = None
        return self._hashers[algorithm].hexdigest()


_THREADED_CHUNK = 64 * 1024
_BEHIND = 4  # chunks queued for the hashing thread: bounds the memory it keeps alive


def _hash_all(pending: queue.Queue[bytes | None], hashers: tuple[Any, ...]) -> None:
    for chunk in iter(pending.get, None):
        for hasher in hashers:
            hasher.update(chunk)


class DigestingSource(StreamSource):
    """`src` read forward in chunks, hashing every byte that passes (skipped ones too)."""

    def __init__(self, src: Source, algorithm: str = "sha256") -> None:
        self._hashing = _HashingPull(src, algorithm)  # not a bound method: no cycle keeps a buffer alive
        super().__init__(self._hashing)

    def drain(self) -> None:
        """Hash what is left (the tar's end blocks, padding): a digest covers the whole blob."""
        while self._hashing():
            pass
        self._buf, self._at = b"", 0

    def digest(self, algorithm: str = "sha256") -> str:
        return f"{algorithm}:{self._hashing.hexdigest(algorithm)}"


def check_named(data: bytes, name: str, declared_size: int | None, fail: Fail) -> None:
    """A small blob read whole (JSON): its declared size and the digest its name holds."""
    check_size(len(data), name, declared_size, fail)
    claimed = digest_of_name(name)
    if claimed is not None:
        check_digest(digest(data, claimed.partition(":")[0]), claimed, name, fail)


def check_size(actual: int, name: str, declared: int | None, fail: Fail) -> None:
    if declared is not None and actual != declared:
        raise fail(f"{name} is {actual} bytes, but its descriptor says {declared}")


def check_digest(actual: str, claimed: str, name: str, fail: Fail, what: str = "its digest") -> None:
    if actual != claimed:
        raise fail(f"{name} does not match {what} {claimed} (its content is {actual})")
