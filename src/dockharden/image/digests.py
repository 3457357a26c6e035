"""Digests of the blobs an archive holds, computed as they stream past, and their checks.

A blob's name may hold its digest (`blobs/sha256/<hex>`, a legacy config `<hex>.json`);
a layer's uncompressed tar must hash to its `rootfs.diff_ids` entry; a descriptor's size
must be the blob's. Anything else would let a tampered layer be analysed as the real one.
"""
from __future__ import annotations

import contextlib
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
    """Chunks of `src`, each hashed as it is pulled. Once chunks are large, a thread of its own
    pulls and hashes them ahead of the reader, at most `_AHEAD` chunks ahead: socket reads,
    inflating and hashlib work outside the GIL, so what the source does (receive a blob,
    inflate a layer) and the hashing overlap the reader's parsing. An error the thread meets
    is raised in the reader's thread when it reaches that point of the stream. Against a
    thread that only hashed, an inspect of the 196 MB registry benchmark image took 1.40 s
    instead of 1.53 (CPU 1.30 s instead of 1.39; medians of 7, alternating, load average 1.9)."""

    def __init__(self, src: Source, algorithm: str, hash_ahead: bool) -> None:
        self._src = src
        self._hashers = {name: hashlib.new(name) for name in {"sha256", algorithm}}
        self._hash_ahead = hash_ahead
        self._ahead: _Ahead | None = None
        self._ended = False

    def __call__(self) -> bytes:
        if self._ahead is not None:
            return self._next_ahead(self._ahead)
        if self._ended:
            return b""
        chunk = self._src.read_some(CHUNK)
        for hasher in self._hashers.values():
            hasher.update(chunk)
        if len(chunk) >= _THREADED_CHUNK:
            self._ahead = _Ahead(self._src, tuple(self._hashers.values()) if self._hash_ahead else ())
        self._ended = not chunk
        return chunk

    def _next_ahead(self, ahead: _Ahead) -> bytes:
        item = ahead.ready.get()
        if isinstance(item, BaseException):
            ahead.ready.put(item)  # a later pull meets it again, as it would from the source itself
            raise item
        if not self._hash_ahead:
            for hasher in self._hashers.values():
                hasher.update(item)
        if not item:
            ahead.thread.join()
            self._ahead, self._ended = None, True
        return item

    def stop(self) -> None:
        """Abandon the stream: once this returns, the thread no longer touches `src`."""
        ahead, self._ahead, self._ended = self._ahead, None, True
        if ahead is None:
            return
        ahead.stopped.set()
        while ahead.thread.is_alive():  # it may be inside a pull: let it finish that one
            with contextlib.suppress(queue.Empty):
                ahead.ready.get(timeout=_POLL)

    def hexdigest(self, algorithm: str) -> str:
        return self._hashers[algorithm].hexdigest()


_THREADED_CHUNK = 64 * 1024
_AHEAD = 4  # chunks pulled ahead of the reader: bounds the memory the thread keeps alive
_POLL = 0.05  # seconds between looks at `stopped` while the reader takes nothing


class _Ahead:
    """The thread pulling a source ahead of its reader, and the bounded queue between them."""

    def __init__(self, src: Source, hashers: tuple[Any, ...]) -> None:
        self.ready: queue.Queue[bytes | BaseException] = queue.Queue(maxsize=_AHEAD)
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=_pull_ahead, args=(src, hashers, self.ready, self.stopped), daemon=True)
        self.thread.start()
        weakref.finalize(self, self.stopped.set)  # abandoned (the read failed): the thread ends


def _pull_ahead(src: Source, hashers: tuple[Any, ...], ready: queue.Queue[bytes | BaseException],
                stopped: threading.Event) -> None:
    try:
        while True:
            chunk = src.read_some(CHUNK)
            for hasher in hashers:
                hasher.update(chunk)
            if not _hand_over(ready, chunk, stopped) or not chunk:
                return
    except BaseException as exc:  # noqa: BLE001  (raised again in the reader's thread, where it belongs)
        _hand_over(ready, exc, stopped)


def _hand_over(ready: queue.Queue[bytes | BaseException], item: bytes | BaseException, stopped: threading.Event) -> bool:
    """Queue `item` for the reader; False once the reader has gone."""
    while not stopped.is_set():
        with contextlib.suppress(queue.Full):
            ready.put(item, timeout=_POLL)
            return True
    return False


class DigestingSource(StreamSource):
    """`src` read forward in chunks, hashing every byte that passes (skipped ones too):
    in the thread pulling ahead, or with `hash_ahead=False` in the reader's, as it takes them."""

    def __init__(self, src: Source, algorithm: str = "sha256", hash_ahead: bool = True) -> None:
        self._hashing = _HashingPull(src, algorithm, hash_ahead)  # not a bound method: no cycle keeps a buffer alive
        super().__init__(self._hashing)

    def drain(self) -> None:
        """Hash what is left (the tar's end blocks, padding): a digest covers the whole blob."""
        while self._hashing():
            pass
        self._buf, self._at = b"", 0

    def stop(self) -> None:
        """Read no further: the source is free for another reader once this returns."""
        self._hashing.stop()

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
