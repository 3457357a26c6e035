"""Blob sniffing, gzip/zstd streams and the byte sources under them."""
from __future__ import annotations

import gzip
import io

import pytest
import zstandard

from dockharden.image.budget import ReadBudget
from dockharden.image.compression import GZIP, JSON, TAR, UNKNOWN, ZSTD, InflateGuard, sniff
from dockharden.image.errors import ImageError, Limits
from dockharden.image.byte_sources import FileRegion, chunk_stream, file_stream
from support.archives import file, tar_bytes

PAYLOAD = bytes(range(256)) * 4000


def fail(message):
    return ImageError("img", message)


def guard() -> InflateGuard:
    return InflateGuard(Limits(), ReadBudget(Limits(), fail))


def drain(src, step=70_000):
    parts = []
    while chunk := src.read(step):
        parts.append(chunk)
    return b"".join(parts)


@pytest.mark.parametrize(("head", "kind"), [
    (gzip.compress(b"x"), GZIP), (zstandard.ZstdCompressor().compress(b"x"), ZSTD), (b'  {"a": 1}', JSON),
    (b"[1]", JSON), (tar_bytes([file("a")]), TAR), (bytes(1024), TAR), (b"hello", UNKNOWN), (b"", UNKNOWN),
])
def test_sniff(head, kind):
    assert sniff(head[:512]) == kind


def test_gzip_with_several_members_and_zero_padding():
    data = gzip.compress(PAYLOAD[:1000]) + gzip.compress(PAYLOAD[1000:]) + bytes(700)
    assert drain(guard().open(file_stream(io.BytesIO(data)), GZIP, fail)) == PAYLOAD


def test_gzip_garbage_after_a_member():
    data = gzip.compress(PAYLOAD) + b"garbage!"
    with pytest.raises(ImageError, match="corrupt gzip data"):
        drain(guard().open(file_stream(io.BytesIO(data)), GZIP, fail))


def test_zstd_multiple_frames():
    packer = zstandard.ZstdCompressor()
    data = packer.compress(PAYLOAD[:5]) + packer.compress(PAYLOAD[5:])
    assert drain(guard().open(file_stream(io.BytesIO(data)), ZSTD, fail)) == PAYLOAD


def test_corrupt_zstd():
    data = bytearray(zstandard.ZstdCompressor(write_checksum=True).compress(PAYLOAD))
    data[len(data) // 2] ^= 0xFF
    with pytest.raises(ImageError, match="corrupt zstd data"):
        drain(guard().open(file_stream(io.BytesIO(bytes(data))), ZSTD, fail))


def test_stream_read_peek_skip_and_window():
    src = chunk_stream([PAYLOAD[:100], b"", PAYLOAD[100:3000], PAYLOAD[3000:]])
    assert src.peek(10) == PAYLOAD[:10]
    assert src.read(150) == PAYLOAD[:150]
    assert src.skip(1000) == 1000
    window = src.window(20)
    assert (window.read(50), window.read(5), src.position) == (PAYLOAD[1150:1170], b"", 1170)
    assert src.skip(10**9) == len(PAYLOAD) - 1170
    assert (src.read(5), src.position) == (b"", len(PAYLOAD))


def test_file_region_is_random_access():
    region = FileRegion(io.BytesIO(PAYLOAD), 1000, 500)
    assert region.peek(4) == PAYLOAD[1000:1004]
    assert region.skip(490) == 490
    assert region.read(100) == PAYLOAD[1490:1500]
    assert region.skip(5) == 0
    inner = FileRegion(io.BytesIO(PAYLOAD), 0, 100)
    inner.skip(90)
    assert inner.window(50).length == 10


@pytest.mark.parametrize("library", ["isal", "zlib"])
def test_gzip_reads_the_same_with_isal_or_zlib(monkeypatch, library):
    """ISA-L inflates when the isal wheel is installed; zlib otherwise: the same bytes and errors."""
    import zlib

    from dockharden.image import compression

    if library == "isal":
        pytest.importorskip("isal")
        assert compression.INFLATE.__name__ == "isal.isal_zlib"
    else:
        monkeypatch.setattr(compression, "INFLATE", zlib)
        monkeypatch.setattr(compression, "_INFLATE_ERRORS", (zlib.error,))
    two_members = gzip.compress(PAYLOAD) + gzip.compress(PAYLOAD[::-1])
    assert drain(guard().open(chunk_stream([two_members]), GZIP, fail)) == PAYLOAD + PAYLOAD[::-1]
    broken = bytearray(gzip.compress(PAYLOAD))
    broken[40] ^= 0xFF
    with pytest.raises(ImageError) as caught:
        drain(guard().open(chunk_stream([bytes(broken)]), GZIP, fail))
    assert str(caught.value).startswith("img: corrupt gzip data (")
    with pytest.raises(ImageError) as caught:
        drain(guard().open(chunk_stream([gzip.compress(PAYLOAD)[:-20]]), GZIP, fail))
    assert str(caught.value) == "img: truncated gzip data"
