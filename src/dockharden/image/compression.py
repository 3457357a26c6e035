"""Recognise what a blob holds and decompress layers under a bomb guard.

A bomb is stopped by absolute caps (bytes per layer, bytes for the image, the reading's
deadline), not by its compression ratio: a layer holding a large file of zeros inflates a
thousandfold and is legitimate.
"""
from __future__ import annotations

import zlib
from collections.abc import Callable
from types import ModuleType

import zstandard

from dockharden.image.budget import ReadBudget, cap_text
from dockharden.image.errors import MIB, Limits
from dockharden.image.byte_sources import Source, StreamSource
from dockharden.image.tarheaders import BLOCK, Fail, checksum_ok


def _inflate_library() -> tuple[ModuleType, tuple[type[Exception], ...]]:
    """ISA-L's inflate where the `isal` wheel is installed (about twice zlib's speed: a gzip
    layer's inflating is most of the time reading it), else zlib; both read the same streams."""
    try:
        from isal import isal_zlib
    except ImportError:
        return zlib, (zlib.error,)
    errors: tuple[type[Exception], ...] = (isal_zlib.error, zlib.error)  # type: ignore[assignment]  # isal's stub types its error as an instance
    return isal_zlib, errors


INFLATE, _INFLATE_ERRORS = _inflate_library()

GZIP, ZSTD, TAR, JSON, UNKNOWN = "gzip", "zstd", "tar", "json", "unknown"
_IN_CHUNK = 256 * 1024
_OUT_CHUNK = 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
# zstd frames may ask for a 2 GiB window; 32 MiB covers every level without --long.
_ZSTD_MAX_WINDOW = 32 * MIB


def sniff(head: bytes) -> str:
    """The kind of a blob from its first 512 bytes."""
    if head[:2] == b"\x1f\x8b":
        return GZIP
    if head[:4] == b"\x28\xb5\x2f\xfd":
        return ZSTD
    if head.lstrip()[:1] in (b"{", b"["):
        return JSON
    block = head[:BLOCK]
    if len(block) == BLOCK and (block == bytes(BLOCK) or checksum_ok(block)):
        return TAR
    return UNKNOWN


class InflateGuard:
    """Counts decompressed bytes across one image's layers and stops bombs."""

    def __init__(self, limits: Limits, budget: ReadBudget) -> None:
        self._limits = limits
        self._budget = budget
        self.total = 0

    def open(self, src: Source, kind: str, fail: Fail) -> Source:
        """`src` as an uncompressed tar stream (itself when it is not compressed)."""
        if kind == TAR:
            return src
        pull = _Gunzip(src, fail) if kind == GZIP else _unzstd(src, fail)
        return StreamSource(self._metered(pull, fail))

    def _metered(self, pull: Callable[[], bytes], fail: Fail) -> Callable[[], bytes]:
        produced = 0

        def metered_pull() -> bytes:
            nonlocal produced
            chunk = pull()
            produced += len(chunk)
            self.total += len(chunk)
            self._check(produced, fail)
            return chunk

        return metered_pull

    def _check(self, produced: int, fail: Fail) -> None:
        limits = self._limits
        if produced > limits.max_layer_bytes:
            raise fail(f"decompresses to more than {cap_text(limits.max_layer_bytes)} (decompression bomb?)")
        if self.total > limits.max_total_bytes:
            raise fail(f"layers decompress to more than {cap_text(limits.max_total_bytes)} in all")
        self._budget.check_time()


class _Gunzip:
    """Pulls bounded chunks out of a (possibly multi-member) gzip stream."""

    def __init__(self, src: Source, fail: Fail) -> None:
        self._src = src
        self._fail = fail
        self._inflater = INFLATE.decompressobj(31)
        self._input = b""

    def __call__(self) -> bytes:
        while True:
            if not self._input:
                self._input = self._src.read_some(_IN_CHUNK)
                if not self._input:
                    return self._finish()
            if self._inflater.eof:
                self._next_member()
                continue
            if out := self._inflate():
                return out

    def _inflate(self) -> bytes:
        try:
            out = self._inflater.decompress(self._input, _OUT_CHUNK)
        except _INFLATE_ERRORS as exc:
            raise self._fail(f"corrupt gzip data ({exc})") from None
        self._input = self._inflater.unconsumed_tail or self._inflater.unused_data
        return out

    def _next_member(self) -> None:
        if self._input.strip(b"\0"):
            if not _GZIP_MAGIC.startswith(self._input[:2]):  # zlib says so at once; ISA-L waits for more
                raise self._fail("corrupt gzip data (not a gzip member after the previous one)")
            self._inflater = INFLATE.decompressobj(31)
        else:
            self._input = b""

    def _finish(self) -> bytes:
        if not self._inflater.eof:
            raise self._fail("truncated gzip data")
        return b""


def _unzstd(src: Source, fail: Fail) -> Callable[[], bytes]:
    decompressor = zstandard.ZstdDecompressor(max_window_size=_ZSTD_MAX_WINDOW)
    reader = decompressor.stream_reader(src, read_across_frames=True)  # type: ignore[arg-type]  # it needs only read()

    def pull() -> bytes:
        try:
            return reader.read(_OUT_CHUNK)
        except zstandard.ZstdError as exc:
            raise fail(f"corrupt zstd data ({exc})") from None

    return pull
