"""A small, strict tar header reader (ustar, GNU long names, pax) over a Source.

It parses only headers and leaves member data to the caller, which makes a header scan
several times faster than `tarfile` and keeps every cap and error in our hands.
"""
from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from typing import NamedTuple

from dockharden.image.byte_sources import Source

BLOCK = 512
FILE, DIR, SYMLINK, HARDLINK, OTHER = "file", "dir", "symlink", "hardlink", "other"
_KINDS = {b"0": FILE, b"\0": FILE, b"7": FILE, b"S": FILE, b"1": HARDLINK, b"2": SYMLINK,
          b"3": OTHER, b"4": OTHER, b"5": DIR, b"6": OTHER}
# Links, devices, directories and FIFOs carry no data whatever their size field says; any
# other type does (POSIX: an unknown type is read as a regular file), so it is skipped by size.
_HEADER_ONLY = frozenset({b"1", b"2", b"3", b"4", b"5", b"6"})
_EXTENSIONS = frozenset({b"x", b"g", b"L", b"K"})
_PAX_KEYS = frozenset({"path", "linkpath", "size", "uid", "gid", "mtime"})  # the rest is never kept
_USTAR = b"ustar\x00"

Fail = Callable[[str], Exception]


class TarMember(NamedTuple):
    name: str
    kind: str
    mode: int
    uid: int
    gid: int
    size: int
    mtime: int
    linkname: str


class TarReader:
    """Iterates members; while one is current, `data()` or `data_source()` reads its bytes."""

    def __init__(self, src: Source, fail: Fail, max_header_bytes: int) -> None:
        self._src = src
        self._fail = fail
        self._max_header = max_header_bytes
        self._data_start = 0
        self._data_size = 0

    def __iter__(self) -> Iterator[TarMember]:
        while (member := self._next_member()) is not None:
            self._data_start, self._data_size = self._src.position, member.size
            yield member
            self._skip_to(self._data_start + _padded(member.size), member.name)

    def data(self, max_bytes: int) -> bytes:
        left = self._data_start + self._data_size - self._src.position
        data = self._src.read(max(0, min(max_bytes, left)))
        if len(data) < min(max_bytes, left):
            raise self._fail("truncated tar (member data ends early)")
        return data

    def data_source(self) -> Source:
        return self._src.window(self._data_size)

    def _skip_to(self, offset: int, name: str) -> None:
        want = offset - self._src.position
        if want > 0 and self._src.skip(want) < want:
            raise self._fail(f"truncated tar (member {name!r} ends past the end of the data)")

    def _next_member(self) -> TarMember | None:
        overrides: dict[str, str] = {}
        extension_bytes = 0
        while True:
            block = self._src.read(BLOCK)
            if not block or block == bytes(BLOCK):
                return None
            if len(block) < BLOCK:
                raise self._fail("truncated tar (partial header)")
            member, flag = _parse_header(block, self._fail)
            if flag not in _EXTENSIONS:
                return _old_style_dir(_apply(member, overrides, flag not in _HEADER_ONLY, self._fail), flag)
            extension_bytes += member.size
            if extension_bytes > self._max_header:
                raise self._fail(f"more than {self._max_header} bytes of pax or long-name headers before one member")
            self._read_extension(flag, member.size, overrides)

    def _read_extension(self, flag: bytes, size: int, overrides: dict[str, str]) -> None:
        data = self._src.read(size)
        if len(data) < size:
            raise self._fail("truncated tar (extended header)")
        self._src.skip(_padded(size) - size)
        if flag == b"x":
            overrides.update(_pax_records(data, self._fail))
        elif flag in (b"L", b"K"):
            key = "path" if flag == b"L" else "linkpath"
            overrides[key] = data.split(b"\0", 1)[0].decode("utf-8", "surrogateescape")


def _padded(size: int) -> int:
    return (size + BLOCK - 1) // BLOCK * BLOCK


def _parse_header(block: bytes, fail: Fail) -> tuple[TarMember, bytes]:
    if not checksum_ok(block):
        raise fail("corrupt tar header (bad checksum)")
    flag = block[156:157]
    try:
        mode, uid, gid = _number(block[100:108]), _number(block[108:116]), _number(block[116:124])
        size, mtime = _number(block[124:136]), _number(block[136:148])
    except ValueError:
        raise fail("corrupt tar header (bad number)") from None
    if size < 0:
        raise fail("corrupt tar header (negative size)")
    name = _text(block[0:100])
    if block[257:263] == _USTAR and block[345]:
        name = f"{_text(block[345:500])}/{name}"
    kind = _KINDS.get(flag, OTHER)
    linkname = _text(block[157:257]) if kind in (SYMLINK, HARDLINK) else ""
    data_size = 0 if flag in _HEADER_ONLY else size
    return TarMember(name, kind, mode, uid, gid, data_size, mtime, linkname), flag


def checksum_ok(block: bytes) -> bool:
    # adler32's low half is (1 + byte sum) mod 65521: the tar checksum, summed in C.
    a = zlib.adler32(block[156:], zlib.adler32(b"        ", zlib.adler32(block[:148])))
    try:
        stored = _number(block[148:156])
    except ValueError:
        return False
    return ((a & 0xFFFF) - 1) % 65521 == stored % 65521


def _number(field: bytes) -> int:
    if field[0] & 0x80:
        value = int.from_bytes(field[1:], "big")
        return value - (1 << (8 * len(field) - 8)) if field[0] == 0xFF else value
    digits = field.split(b"\0", 1)[0].strip()
    return int(digits, 8) if digits else 0


def _text(field: bytes) -> str:
    return field.split(b"\0", 1)[0].decode("utf-8", "surrogateescape")


def _pax_records(data: bytes, fail: Fail) -> dict[str, str]:
    records: dict[str, str] = {}
    pos = 0
    while pos < len(data) and data[pos]:
        space = data.find(b" ", pos)
        length = int(data[pos:space]) if data[pos:space].isdigit() else 0
        record = data[space + 1 : pos + length]
        if space < 0 or length <= space - pos or not record.endswith(b"\n") or b"=" not in record:
            raise fail("corrupt pax header")
        key, _, value = record[:-1].partition(b"=")
        name = key.decode("utf-8", "surrogateescape")
        if name in _PAX_KEYS:
            records[name] = value.decode("utf-8", "surrogateescape")
        pos += length
    return records


def _old_style_dir(member: TarMember, flag: bytes) -> TarMember:
    # Pre-POSIX archives mark directories by a trailing slash on a NUL type flag.
    if flag == b"\0" and member.name.endswith("/"):
        return member._replace(kind=DIR, size=0)
    return member


def _apply(member: TarMember, overrides: dict[str, str], has_data: bool, fail: Fail) -> TarMember:
    if not overrides:
        return member
    try:
        member = member._replace(
            name=overrides.get("path", member.name),
            linkname=overrides.get("linkpath", member.linkname),
            size=int(overrides["size"]) if "size" in overrides and has_data else member.size,
            uid=int(overrides.get("uid", member.uid)),
            gid=int(overrides.get("gid", member.gid)),
            mtime=int(float(overrides.get("mtime", member.mtime))),
        )
    except (ValueError, OverflowError):
        raise fail("corrupt pax header (bad number)") from None
    if member.size < 0:
        raise fail("corrupt pax header (negative size)")
    return member
