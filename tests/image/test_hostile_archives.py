"""Hostile and broken archives: one line naming the file, and bounded memory."""
from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import tracemalloc
import zlib

import pytest
import zstandard

from dockharden.image import ImageError, Limits, read_facts, read_facts_from_stream
from dockharden.image.errors import MIB
from support.archives import DockerArchive, directory, file, hardlink, simple_image, symlink, tar_bytes

MAX_PEAK = 32 * MIB


def read_both_ways(tmp_path, data: bytes, limits: Limits = Limits()) -> list[str]:
    """The error from a seekable read of the file and from a streamed read of the same bytes."""
    path = tmp_path / "image.tar"
    path.write_bytes(data)
    messages = []
    for read in (lambda: read_facts(path, limits=limits),
                 lambda: read_facts_from_stream(io.BytesIO(data), str(path), limits=limits)):
        with pytest.raises(ImageError) as caught:
            read()
        messages.append(str(caught.value))
    assert all("\n" not in message for message in messages)
    return messages


def one_error(tmp_path, data: bytes, limits: Limits = Limits()) -> str:
    seekable, streamed = read_both_ways(tmp_path, data, limits)
    assert seekable == streamed
    return seekable.removeprefix(f"{tmp_path / 'image.tar'}: ")


def with_members(*members) -> bytes:
    return tar_bytes(list(members))


def image_with_layer(layer: bytes) -> bytes:
    return DockerArchive([layer]).tar()


def test_path_traversal_in_the_archive(tmp_path):
    data = with_members(file("../../evil", b"x"), *simple_image().members())
    assert one_error(tmp_path, data) == "path traversal '../../evil' in the archive"


def test_absolute_path_in_the_archive(tmp_path):
    data = with_members(file("/etc/cron.d/evil", b"x"), *simple_image().members())
    assert one_error(tmp_path, data) == "absolute path '/etc/cron.d/evil' in the archive"


def test_absolute_symlink_in_the_archive(tmp_path):
    data = with_members(symlink("manifest.json", "/etc/passwd"))
    assert one_error(tmp_path, data) == "absolute symlink 'manifest.json' -> '/etc/passwd' in the archive"


def test_escaping_symlink_in_the_archive(tmp_path):
    data = with_members(directory("blobs"), symlink("blobs/layer.tar", "../../../etc/shadow"))
    assert one_error(tmp_path, data) == "link 'blobs/layer.tar' -> '../../../etc/shadow' escapes the archive"


def test_symlink_inside_the_archive_is_followed(tmp_path):
    image = simple_image()
    members = image.members()
    real = members[0]
    manifest = json.loads(members[-1].data)
    manifest[0]["Layers"][0] = "alias/layer.tar"
    members[-1] = file("manifest.json", json.dumps(manifest).encode())
    data = with_members(directory("alias"), symlink("alias/layer.tar", f"../{real.name}"), *members)
    path = tmp_path / "linked.tar"
    path.write_bytes(data)
    assert read_facts(path).user.uid == 1000


def test_path_traversal_inside_a_layer(tmp_path):
    data = image_with_layer(with_members(file("../../etc/passwd", b"root::0:0::/:/bin/sh\n")))
    message = one_error(tmp_path, data)
    assert message.endswith("/layer.tar: path traversal in member '../../etc/passwd'")


def test_hardlink_escaping_a_layer(tmp_path):
    data = image_with_layer(with_members(hardlink("app/x", "../../../etc/shadow")))
    assert one_error(tmp_path, data).endswith("path traversal in member '../../../etc/shadow'")


def test_symlinks_inside_layers_are_container_paths_not_errors(tmp_path):
    layer = with_members(symlink("etc/localtime", "/usr/share/zoneinfo/UTC"), symlink("up", "../../../../x"))
    path = tmp_path / "ok.tar"
    path.write_bytes(image_with_layer(layer))
    assert read_facts(path).layers[0].entries == 2


def _gzip_bomb(inflated: int) -> bytes:
    member = bytearray(tar_bytes([file("bomb.bin", b"")])[:512])
    member[124:136] = b"%011o\0" % inflated
    member[148:156] = b"        "
    member[148:156] = b"%06o\0 " % sum(member)
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunks = [packer.compress(bytes(member))]
    zeros = bytes(MIB)
    for _ in range(inflated // MIB):
        chunks.append(packer.compress(zeros))
    return b"".join(chunks) + packer.flush()


def test_a_layer_of_zeros_is_not_a_bomb(tmp_path):
    # A preallocated model or data file: 400 MiB that gzip makes 400 KiB (1000x), legitimately.
    layer = _gzip_bomb(400 * MIB)
    assert len(layer) < 1 * MIB
    path = tmp_path / "zeros.tar"
    path.write_bytes(image_with_layer(layer))
    tracemalloc.start()
    facts = read_facts(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert (facts.total_size, facts.layers[0].entries) == (400 * MIB, 1)
    assert peak < MAX_PEAK


def test_decompressed_layer_cap(tmp_path):
    bomb = _gzip_bomb(20 * MIB)
    limits = Limits(max_layer_bytes=8 * MIB)
    assert one_error(tmp_path, image_with_layer(bomb), limits).endswith("decompresses to more than 8 MiB (decompression bomb?)")


def test_decompressed_total_cap(tmp_path):
    bomb = _gzip_bomb(6 * MIB)
    limits = Limits(max_total_bytes=10 * MIB)
    data = DockerArchive([bomb, bomb + b"\0"]).tar()
    assert one_error(tmp_path, data, limits).endswith("layers decompress to more than 10 MiB in all")


def test_zstd_bomb(tmp_path):
    header = tar_bytes([file("z.bin", bytes(300 * MIB))])
    bomb = zstandard.ZstdCompressor(level=19).compress(header)
    assert len(bomb) < 64 * 1024
    limits = Limits(max_layer_bytes=256 * MIB)
    assert one_error(tmp_path, image_with_layer(bomb), limits).endswith("decompresses to more than 256 MiB (decompression bomb?)")


def test_truncated_archive(tmp_path):
    image = simple_image()
    data = image.tar()
    first_layer = image.members()[0].name
    assert one_error(tmp_path, data[: len(data) // 3]) == (
        f"truncated tar (member '{first_layer}' ends past the end of the data)")


def test_truncated_gzip_layer(tmp_path):
    layer = gzip.compress(with_members(file("app/x", os.urandom(50_000))))
    message = one_error(tmp_path, image_with_layer(layer[: len(layer) // 2]))
    assert message.endswith("/layer.tar: truncated gzip data")


def test_missing_manifest(tmp_path):
    data = with_members(file("0123/layer.tar", with_members(file("x", b"1"))))
    assert one_error(tmp_path, data) == (
        "no manifest.json or index.json (not a docker save archive or an OCI image layout)")


def test_huge_manifest(tmp_path):
    manifest = json.dumps([{"Config": "c.json", "Layers": [], "pad": "x" * (17 * MIB)}]).encode()
    data = with_members(file("manifest.json", manifest))
    tracemalloc.start()
    message = one_error(tmp_path, data)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert message == "manifest.json is larger than 16 MiB"
    assert peak < MAX_PEAK


def test_layer_listed_but_absent(tmp_path):
    members = [m for m in simple_image().members() if not m.name.endswith("layer.tar") or "passwd" in str(m.data)]
    missing = json.loads(members[-1].data)[0]["Layers"][1]
    assert one_error(tmp_path, with_members(*members)) == (
        f"layer {missing} is listed in the manifest but missing from the archive")


@pytest.mark.parametrize(("manifest", "message"), [
    (b"{not json", "manifest.json is not valid JSON (Expecting property name enclosed in double quotes: "
                   "line 1 column 2 (char 1))"),
    (b"[" * 100_000 + b"]" * 100_000, "manifest.json is nested too deeply"),
    (b'{"Config": "c.json"}', "manifest.json is not a list of images"),
    (b'[{"Config": 3, "Layers": []}]', "manifest.json: Config must be a path and Layers a list of paths"),
    (b'[{"Config": "c.json", "Layers": []}]', "image config c.json is missing from the archive"),
])
def test_bad_manifest(tmp_path, manifest, message):
    assert one_error(tmp_path, with_members(file("manifest.json", manifest))) == message


@pytest.mark.parametrize(("config", "message"), [
    ({"User": 0}, "image config: User must be a string"),
    ({"Env": "PATH=/bin"}, "image config: Env must be a list"),
    ({"Env": [1]}, "image config: Env must be a list of strings"),
    ({"Healthcheck": {"Test": ["CMD", "x"], "Retries": "3"}}, "image config: Retries must be an integer"),
    ({"Labels": {"a": 1}}, "image config: Labels values must be strings"),
])
def test_bad_config(tmp_path, config, message):
    data = DockerArchive([with_members(file("x", b"1"))], config=config).tar()
    assert one_error(tmp_path, data) == message


def test_corrupt_header(tmp_path):
    data = bytearray(simple_image().tar())
    data[0:4] = b"XXXX"
    assert one_error(tmp_path, bytes(data)) == "not a tar archive (nor a gzip or zstd compressed one)"
    data = bytearray(simple_image().tar())
    second = 512 + (len(simple_image().members()[0].data) + 511) // 512 * 512
    data[second + 10] ^= 0xFF
    assert one_error(tmp_path, bytes(data)) == "corrupt tar header (bad checksum)"


def test_layer_that_is_not_a_tar(tmp_path):
    data = image_with_layer(b"this is not a layer" * 40)
    assert one_error(tmp_path, data).endswith("/layer.tar: not a tar, gzip or zstd blob")


def test_member_count_cap(tmp_path):
    layer = with_members(*[file(f"f{i}") for i in range(50)])
    assert one_error(tmp_path, image_with_layer(layer), Limits(max_members=20)).endswith(
        "more than 20 files or 134217728 path characters")


def test_oci_directory_blob_escaping_by_symlink(tmp_path):
    layout = tmp_path / "layout"
    (layout / "blobs" / "sha256").mkdir(parents=True)
    digest = "a" * 64
    (layout / "blobs" / "sha256" / digest).symlink_to("/etc/passwd")
    index = {"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json",
                                                "digest": f"sha256:{digest}", "size": 1}]}
    (layout / "index.json").write_text(json.dumps(index))
    with pytest.raises(ImageError) as caught:
        read_facts(layout)
    assert str(caught.value) == f"{layout}: 'blobs/sha256/{digest}' is a link that escapes the layout directory"


def test_oci_bad_digest(tmp_path):
    layout = tmp_path / "layout"
    layout.mkdir()
    (layout / "index.json").write_text(json.dumps({"manifests": [{"digest": "sha256:../../etc/passwd"}]}))
    with pytest.raises(ImageError) as caught:
        read_facts(layout)
    assert str(caught.value) == f"{layout}: bad digest 'sha256:../../etc/passwd'"


def test_missing_file(tmp_path):
    with pytest.raises(ImageError) as caught:
        read_facts(tmp_path / "nope.tar")
    assert str(caught.value) == f"{tmp_path / 'nope.tar'}: no such file or directory"


def test_unreachable_engine(monkeypatch):
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
    with pytest.raises(ImageError) as caught:
        read_facts("example/app:1")
    assert str(caught.value).startswith("example/app:1: cannot reach the Docker engine (")
    assert "\n" not in str(caught.value)


@pytest.mark.engine
def test_unknown_reference_on_the_engine(docker_engine):
    with pytest.raises(ImageError) as caught:
        read_facts("dockharden-test/no-such-image:404", origin="engine")
    assert str(caught.value) == "dockharden-test/no-such-image:404: image dockharden-test/no-such-image:404: not found on the Docker engine"


def test_layer_count_disagrees_with_the_config(tmp_path):
    image = simple_image()
    document = image.config_document()
    document["rootfs"]["diff_ids"].pop()
    members = image.members()
    config = json.dumps(document).encode()
    config_name = f"{hashlib.sha256(config).hexdigest()}.json"
    manifest = json.loads(members[-1].data)
    manifest[0]["Config"] = config_name
    members[-2:] = [file(config_name, config), file("manifest.json", json.dumps(manifest).encode())]
    assert one_error(tmp_path, with_members(*members)) == "the manifest lists 2 layers but the config's rootfs has 1"


def test_reading_past_the_deadline_is_an_error(tmp_path):
    data = simple_image().tar()
    with pytest.raises(ImageError) as caught:
        read_facts_from_stream(io.BytesIO(data), "slow.tar", limits=Limits(max_seconds=-1))
    assert str(caught.value) == "slow.tar: reading the image took more than -1 s"


@pytest.mark.parametrize(("size", "shown"), [(-1, "-1"), (2**64, "18446744073709551616"), ("12", "12"), (True, "True")])
def test_descriptor_sizes_must_be_sane(tmp_path, size, shown):
    layout = tmp_path / "layout"
    (layout / "blobs" / "sha256").mkdir(parents=True)
    index = {"manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "sha256:" + "a" * 64,
                            "size": size}]}
    (layout / "index.json").write_text(json.dumps(index))
    with pytest.raises(ImageError) as caught:
        read_facts(layout)
    assert str(caught.value) == f"{layout}: descriptor of blobs/sha256/{'a' * 64}: bad size '{shown}'"


def test_an_oci_blob_that_is_not_its_digest(tmp_path):
    layout = tmp_path / "layout"
    (layout / "blobs" / "sha256").mkdir(parents=True)
    manifest = json.dumps({"config": {"digest": "sha256:" + "b" * 64}, "layers": []}).encode()
    digest = "c" * 64  # not the manifest's digest
    (layout / "blobs" / "sha256" / digest).write_bytes(manifest)
    index = {"manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": f"sha256:{digest}",
                            "size": len(manifest)}]}
    (layout / "index.json").write_text(json.dumps(index))
    with pytest.raises(ImageError) as caught:
        read_facts(layout)
    actual = hashlib.sha256(manifest).hexdigest()
    assert str(caught.value) == (f"{layout}: blobs/sha256/{digest} does not match its digest sha256:{digest} "
                                 f"(its content is sha256:{actual})")
