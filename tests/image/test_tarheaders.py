"""The tar header reader against archives Python's tarfile writes, in every format."""
from __future__ import annotations

import io
import tarfile

import pytest

from support.hostile import pax_header, ustar_header
from dockharden.image.errors import ImageError
from dockharden.image.byte_sources import StreamSource, file_stream
from dockharden.image.tarheaders import DIR, FILE, HARDLINK, OTHER, SYMLINK, TarMember, TarReader
from support.archives import Member, directory, file, hardlink, symlink, tar_bytes


def fail(message):
    return ImageError("t.tar", message)


def members_of(data: bytes) -> list[TarMember]:
    return list(TarReader(file_stream(io.BytesIO(data)), fail, 1 << 20))


@pytest.mark.parametrize("format", [tarfile.USTAR_FORMAT, tarfile.GNU_FORMAT, tarfile.PAX_FORMAT])
def test_kinds_and_attributes(format):
    data = tar_bytes([directory("etc", uid=5, gid=6), file("etc/passwd", b"root\n", mode=0o600, mtime=123),
                      symlink("bin", "usr/bin"), hardlink("etc/passwd2", "etc/passwd"),
                      Member("dev/null", kind=tarfile.CHRTYPE)], format=format)
    assert members_of(data) == [
        TarMember("etc/", DIR, 0o755, 5, 6, 0, 1_700_000_000, ""),
        TarMember("etc/passwd", FILE, 0o600, 0, 0, 5, 123, ""),
        TarMember("bin", SYMLINK, 0o777, 0, 0, 0, 1_700_000_000, "usr/bin"),
        TarMember("etc/passwd2", HARDLINK, 0o644, 0, 0, 0, 1_700_000_000, "etc/passwd"),
        TarMember("dev/null", OTHER, 0o644, 0, 0, 0, 1_700_000_000, ""),
    ]


@pytest.mark.parametrize("format", [tarfile.GNU_FORMAT, tarfile.PAX_FORMAT])
def test_long_names_and_link_targets(format):
    name, target = "d/" * 120 + "file", "t/" * 80 + "target"
    data = tar_bytes([file(name, b"x"), symlink("link", target)], format=format)
    assert [(m.name, m.linkname) for m in members_of(data)] == [(name, ""), ("link", target)]


def test_ustar_prefix_field():
    name = "a" * 90 + "/" + "b" * 90
    assert members_of(tar_bytes([file(name)], format=tarfile.USTAR_FORMAT))[0].name == name


def test_large_ids_in_base_256_and_pax():
    gnu = tar_bytes([file("x", uid=3_000_000_000, gid=2**33)], format=tarfile.GNU_FORMAT)
    pax = tar_bytes([file("x", uid=3_000_000_000, gid=2**33)], format=tarfile.PAX_FORMAT)
    assert [(m.uid, m.gid) for m in members_of(gnu) + members_of(pax)] == [(3_000_000_000, 2**33)] * 2


def test_pax_utf8_name():
    assert members_of(tar_bytes([file("app/naïve-☃.txt", b"1")]))[0].name == "app/naïve-☃.txt"


def test_data_can_be_read_while_current():
    reader = TarReader(file_stream(io.BytesIO(tar_bytes([file("a", b"hello"), file("b", b"world")]))), fail, 1 << 20)
    seen = [(member.name, reader.data(3)) for member in reader]
    assert seen == [("a", b"hel"), ("b", b"wor")]


def test_archive_without_end_marker_ends_cleanly():
    data = tar_bytes([file("a", b"1")])
    assert [m.name for m in members_of(data[:1024])] == ["a"]


@pytest.mark.parametrize(("cut", "message"), [
    (700, "t.tar: truncated tar (member 'a' ends past the end of the data)"),
    (100, "t.tar: truncated tar (partial header)"),
])
def test_truncation(cut, message):
    data = tar_bytes([file("a", b"x" * 600), file("b", b"y")])
    with pytest.raises(ImageError) as caught:
        members_of(data[:cut])
    assert str(caught.value) == message


def test_bad_checksum_and_bad_numbers():
    data = bytearray(tar_bytes([file("a", b"1")]))
    data[0] = ord("b")
    with pytest.raises(ImageError, match=r"bad checksum"):
        members_of(bytes(data))


def test_oversized_extended_header():
    data = tar_bytes([file("x" * 3000)], format=tarfile.PAX_FORMAT)
    with pytest.raises(ImageError, match=r"more than 1000 bytes of pax or long-name headers before one member"):
        list(TarReader(StreamSource(iter([data, b""]).__next__), fail, 1000))


def test_chained_pax_headers_are_capped_in_all():
    chain = b"".join(pax_header({f"dockharden.k{i}": "v" * 100}) for i in range(200))
    data = chain + ustar_header("member") + bytes(1024)
    with pytest.raises(ImageError, match=r"more than 10000 bytes of pax or long-name headers before one member"):
        list(TarReader(file_stream(io.BytesIO(data)), fail, 10_000))


def test_pax_keys_we_do_not_use_are_not_kept():
    data = pax_header({"path": "real", "SCHILY.xattr.user.big": "x" * 5000, "comment": "c"}) + ustar_header("old") + bytes(1024)
    assert [m.name for m in members_of(data)] == ["real"]


@pytest.mark.parametrize("flag", [b"Z", b"D", b"V", b"M"])
def test_unknown_type_is_skipped_by_its_size(flag):
    hidden = ustar_header("hidden", size=1)  # data of the unknown member that looks like a header
    data = ustar_header("odd", size=len(hidden), flag=flag) + hidden + ustar_header("next") + bytes(1024)
    assert [(m.name, m.kind) for m in members_of(data)] == [("odd", OTHER), ("next", FILE)]


def test_unknown_type_with_a_short_payload_is_truncation_not_a_bad_checksum():
    data = ustar_header("odd", size=5000, flag=b"Z") + bytes(100)
    with pytest.raises(ImageError, match=r"truncated tar \(member 'odd' ends past the end of the data\)"):
        members_of(data)


def test_header_only_types_carry_no_data_whatever_their_size():
    data = ustar_header("dir/", size=512, flag=b"5") + ustar_header("next") + bytes(1024)
    assert [m.name for m in members_of(data)] == ["dir/", "next"]
