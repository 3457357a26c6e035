"""Layer scanning: normalised paths, whiteouts, captured content, caps."""
from __future__ import annotations

import io

import pytest

from dockharden.image.errors import ImageError, Limits
from dockharden.image.layers import OPAQUE, WHITEOUT, Entry, MemberBudget, normalise, scan_layer
from dockharden.image.byte_sources import file_stream
from dockharden.image.tarheaders import DIR, FILE, HARDLINK, SYMLINK
from support.archives import directory, file, hardlink, symlink, tar_bytes


def fail(message):
    return ImageError("img.tar", message)


class KeepEverything:
    def head_bytes(self, path, size):
        return 4 if path.endswith(".txt") else None

    def note(self, path, head):
        return head


def scan(members, limits=Limits()):
    return scan_layer(file_stream(io.BytesIO(tar_bytes(members))), fail, KeepEverything(), limits, MemberBudget(limits))


@pytest.mark.parametrize(("name", "path"), [
    ("./", "/"), (".", "/"), ("./etc/", "/etc"), ("etc/passwd", "/etc/passwd"), ("/abs/olute", "/abs/olute"),
    ("a//b/./c/", "/a/b/c"), ("a/b/../c", "/a/c"), ("./.bashrc", "/.bashrc"), ("a/.hidden/x", "/a/.hidden/x"),
])
def test_normalise(name, path):
    assert normalise(name, fail) == path


@pytest.mark.parametrize("name", ["..", "../etc", "a/../../etc", "./../x"])
def test_normalise_refuses_escapes(name):
    with pytest.raises(ImageError, match="path traversal"):
        normalise(name, fail)


def test_entries_whiteouts_and_opaque_markers():
    result = scan([directory("./"), directory("./app/", uid=1000), file("./app/a.txt", b"hello", uid=1000),
                   symlink("./app/link", "/etc/passwd"), hardlink("./app/b.txt", "./app/a.txt"),
                   file("./app/.wh.old"), file("./data/.wh..wh..opq"), file("./x/.wh..wh.plnk"),
                   file("./app/not.wh.whiteout", b"1234567")])
    assert result.entries == (
        Entry("/", DIR, 0o755, 0, 0, 0, 1_700_000_000, ""),
        Entry("/app", DIR, 0o755, 1000, 0, 0, 1_700_000_000, ""),
        Entry("/app/a.txt", FILE, 0o644, 1000, 0, 5, 1_700_000_000, ""),
        Entry("/app/link", SYMLINK, 0o777, 0, 0, 0, 1_700_000_000, "/etc/passwd"),
        Entry("/app/b.txt", HARDLINK, 0o644, 0, 0, 0, 1_700_000_000, "/app/a.txt"),
        Entry("/app/old", WHITEOUT, 0, 0, 0, 0, 0, ""),
        Entry("/data", OPAQUE, 0, 0, 0, 0, 0, ""),
        Entry("/app/not.wh.whiteout", FILE, 0o644, 0, 0, 7, 1_700_000_000, ""),
    )
    assert result.notes == (("/app/a.txt", 5, b"hell"),)
    assert result.size == 12


@pytest.mark.parametrize("name", ["app/.wh.", "app/.wh..", "app/.wh..."])
def test_bad_whiteouts(name):
    with pytest.raises(ImageError):
        scan([file(name)])


def test_mode_keeps_permission_and_special_bits_only():
    member = file("x", mode=0o104755)
    assert scan([member]).entries[0].mode == 0o4755


def test_member_budget_spans_layers():
    limits = Limits(max_members=3)
    budget = MemberBudget(limits)
    scan_layer(file_stream(io.BytesIO(tar_bytes([file("a"), file("b")]))), fail, KeepEverything(), limits, budget)
    with pytest.raises(ImageError, match="more than 3 files"):
        scan_layer(file_stream(io.BytesIO(tar_bytes([file("c"), file("d")]))), fail, KeepEverything(), limits, budget)


def test_overlong_path():
    with pytest.raises(ImageError, match="member path longer than 4096 characters"):
        scan([file("a/" * 2100)])
