"""Hostile images through the CLI, made on the fly: exit 2, one line naming the problem,
and the child's peak memory (never its time)."""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import zlib

import pytest

from support.hostile import (CHUNK, TIB, docker_archive, end, member, padded, pax_chain, pax_header, stream_member, symlink_layer,
                     ustar_header, zeros)
from support.measured import MIB, run_measured

NORMAL_PEAK_MIB = 64  # what the image reader promises for any image it accepts or refuses at these caps


def inspect(*args, **kwargs):
    return run_measured("inspect", "--format", "json", *args, **kwargs)


def assert_refused(result, message: str) -> None:
    assert result.code == 2, result.err
    assert result.err.count("\n") == 1 and result.err.endswith("\n"), result.err
    assert message in result.err, result.err
    assert result.out == ""


def gzip_stream(chunks) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)
    for chunk in chunks:
        if out := packer.compress(chunk):
            yield out
    yield packer.flush()


def test_chained_pax_headers_in_a_stream():
    result = inspect("-", stdin=pax_chain(500_000))
    assert_refused(result, "-: error: more than 1048576 bytes of pax or long-name headers before one member")
    assert result.peak_mib < NORMAL_PEAK_MIB


def test_chained_pax_headers_inside_a_layer():
    count = 500_000
    size = count * 1024 + 512 + 1024  # each header and its records take two blocks
    result = inspect("-", stdin=stream_member("0" * 64 + "/layer.tar", size, pax_chain(count)))
    assert_refused(result, "/layer.tar: more than 1048576 bytes of pax or long-name headers before one member")
    assert result.peak_mib < NORMAL_PEAK_MIB


def test_a_member_of_a_tebibyte_from_stdin():
    result = inspect("-", stdin=stream_member("blob", TIB, zeros()))
    assert_refused(result, "-: error: member 'blob' declares 1099511627776 bytes, more than the input may hold")
    assert result.peak_mib < NORMAL_PEAK_MIB


def endless_members():
    index = 0
    while True:
        yield ustar_header(f"junk{index}", size=CHUNK)
        yield bytes(CHUNK)
        index += 1


def test_a_stream_that_never_ends_stops_at_the_input_cap():
    result = inspect("-", stdin=endless_members(), limits={"max_input_bytes": 64 * MIB})
    assert_refused(result, "-: error: the input is larger than 64 MiB")
    assert result.peak_mib < NORMAL_PEAK_MIB


def test_an_endless_compressed_layer_stops_at_the_layer_cap():
    layer = gzip_stream([ustar_header("zeros", size=TIB), *zeros(256 * MIB)])
    result = inspect("-", stdin=stream_member("0" * 64 + "/layer.tar", 8 * TIB - 1, layer),
                     limits={"max_input_bytes": 16 * TIB, "max_layer_bytes": 128 * MIB})
    assert_refused(result, "/layer.tar: decompresses to more than 128 MiB (decompression bomb?)")
    assert result.peak_mib < NORMAL_PEAK_MIB


@pytest.mark.parametrize(("make", "kind"), [
    (os.mkfifo, "a FIFO (named pipe), not a file or a directory; stream it on stdin instead: ... | dockharden inspect -"),
    (lambda path: os.symlink("/dev/zero", path), "a character device, not a file or a directory"),
])
def test_a_fifo_or_device_given_as_a_path(tmp_path, make, kind):
    odd = tmp_path / "image.tar"
    make(odd)
    result = inspect(odd)
    assert_refused(result, f"{odd}: error: is {kind}")


def test_a_reference_with_a_newline_is_one_line():
    result = inspect("example/app:1\nsecond line")
    assert_refused(result, "example/app:1\\nsecond line: error: not a file, a directory or a valid image reference")


def zero_layer(megabytes: int) -> bytes:
    return gzip.compress(member("data.bin", bytes(megabytes * MIB)) + end(), compresslevel=1, mtime=0)


def test_the_same_layer_listed_forty_times_is_read_once(tmp_path):
    layer = zero_layer(20)
    diff_id = f"sha256:{hashlib.sha256(gzip.decompress(layer)).hexdigest()}"
    config = json.dumps({"config": {"User": "1000"}, "rootfs": {"type": "layers", "diff_ids": [diff_id] * 40}}).encode()
    config_name = f"{hashlib.sha256(config).hexdigest()}.json"
    manifest = [{"Config": config_name, "Layers": ["l/layer.tar"] * 40}]
    path = tmp_path / "forty.tar"
    path.write_bytes(member("l/layer.tar", layer) + member(config_name, config)
                     + member("manifest.json", json.dumps(manifest).encode()) + end())
    for source, stdin in ((path, None), ("-", [path.read_bytes()])):
        result = inspect(source, stdin=stdin, limits={"max_total_bytes": 100 * MIB})
        assert result.code == 1, result.err
        assert json.loads(result.out)["files"][0]["patterns"]["non_root_user"]["status"] == "pass"
        assert result.peak_mib < NORMAL_PEAK_MIB


def test_a_layer_of_zeros_is_a_file_not_a_bomb(tmp_path):
    path = tmp_path / "zeros.tar"
    path.write_bytes(docker_archive([zero_layer(300)], config={"User": "1000"}))
    result = inspect(path)
    assert result.code == 1, result.err
    assert result.peak_mib < NORMAL_PEAK_MIB


def test_many_members_stop_at_the_member_cap():
    def layer(count):
        yield from (ustar_header(f"usr/share/doc/package-{i % 997}/file-{i}") for i in range(count))
        yield end()

    count = 120_000
    result = inspect("-", stdin=stream_member("0" * 64 + "/layer.tar", count * 512 + 1024, layer(count)),
                     limits={"max_members": 100_000})
    assert_refused(result, "/layer.tar: more than 100000 files or")
    assert result.peak_mib < NORMAL_PEAK_MIB


def test_a_tampered_layer_is_refused(tmp_path):
    honest = member("etc/passwd", b"app:x:1000:1000::/:/bin/sh\n") + end()
    tampered = member("etc/passwd", b"app:x:1000:1000::/:/bin/sh\n") + member("usr/bin/su", b"x", mode=0o4755) + end()
    archive = docker_archive([honest], config={"User": "1000"})
    path = tmp_path / "tampered.tar"
    path.write_bytes(archive.replace(padded(honest), padded(tampered)).replace(
        ustar_header(f"{hashlib.sha256(honest).hexdigest()}/layer.tar", size=len(honest)),
        ustar_header(f"{hashlib.sha256(honest).hexdigest()}/layer.tar", size=len(tampered))))
    result = inspect(path)
    assert_refused(result, f"layer {hashlib.sha256(honest).hexdigest()}/layer.tar does not match rootfs.diff_ids[0] "
                           f"sha256:{hashlib.sha256(honest).hexdigest()}")


def test_a_symlink_used_as_a_directory_is_refused(tmp_path):
    path = tmp_path / "escape.tar"
    path.write_bytes(docker_archive([symlink_layer()], config={"User": "1000"}))
    result = inspect(path)
    assert_refused(result, "member '/x/passwd' lies below '/x', which is a symlink, not a directory")


@pytest.mark.parametrize(("config", "message"), [
    ({"User": "1000:1000:1000\n\0"}, r"image config: User '1000:1000:1000\n\x00' is not a valid user"),
    ({"Healthcheck": {"Test": ["CMD", "true"], "Interval": 10**400}},
     "image config: Healthcheck Interval must be between 0 and 9223372036854775807"),
])
def test_config_values_that_are_not_what_they_claim(tmp_path, config, message):
    path = tmp_path / "config.tar"
    path.write_bytes(docker_archive([member("app/x", b"1") + end()], config=config))
    assert_refused(inspect(path), message)


def test_a_huge_pax_header_record_set_is_not_kept():
    layer = pax_header({"SCHILY.xattr.user.pad": "x" * 900_000}) + member("app/x", b"1") + end()
    result = inspect("-", stdin=[docker_archive([layer], config={"User": "1000"})])
    assert result.code == 1, result.err
    assert result.peak_mib < NORMAL_PEAK_MIB
