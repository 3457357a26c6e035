"""Every way an IMAGE argument can arrive: path, compressed tarball, pipe, stdin; FIFOs refused."""
from __future__ import annotations

import dataclasses
import gzip
import os
import subprocess
import sys

import pytest
import zstandard

from dockharden.image import ImageError, read_facts, read_facts_from_stream
from support.archives import simple_image
from support.oci import convert


def test_compressed_tarballs(tmp_path):
    data = simple_image().tar()
    (tmp_path / "image.tar.gz").write_bytes(gzip.compress(data))
    (tmp_path / "image.tar.zst").write_bytes(zstandard.ZstdCompressor().compress(data))
    for name in ("image.tar.gz", "image.tar.zst"):
        facts = read_facts(tmp_path / name)
        assert (facts.user.name, facts.layout, facts.repo_tags) == ("app", "docker-archive", ("example/app:1",))


@pytest.mark.parametrize(("make", "kind"), [
    (os.mkfifo, "a FIFO (named pipe), not a file or a directory; stream it on stdin instead: ... | dockharden inspect -"),  # with no writer, opening it would block forever
    (lambda path: os.symlink("/dev/zero", path), "a character device, not a file or a directory"),  # it would never end
])
def test_fifos_and_devices_are_refused(tmp_path, make, kind):
    odd = tmp_path / "image.tar"
    make(odd)
    with pytest.raises(ImageError) as caught:
        read_facts(odd)
    assert str(caught.value) == f"{odd}: is {kind}"


def test_stdin_dash(tmp_path):
    archive = tmp_path / "image.tar"
    archive.write_bytes(simple_image().tar())
    code = "from dockharden.image import read_facts; f = read_facts('-'); print(f.reference, f.user.uid)"
    with archive.open("rb") as stdin:
        result = subprocess.run([sys.executable, "-c", code], stdin=stdin, capture_output=True, text=True, check=True)
    assert result.stdout == "- 1000\n"


def test_file_read_does_not_load_the_docker_sdk(tmp_path):
    archive = tmp_path / "image.tar"
    archive.write_bytes(simple_image().tar())
    code = f"import sys; from dockharden.image import read_facts; read_facts({str(archive)!r}); print('docker' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"


def _comparable(facts):
    return dataclasses.replace(facts, reference="", layout="",
                               layers=tuple(dataclasses.replace(layer, blob="", blob_bytes=0) for layer in facts.layers))


@pytest.mark.parametrize(("layout", "compression", "manifest_json", "metadata_last"), [
    ("dir", "none", True, False), ("dir", "gzip", False, False), ("tar", "zstd", True, True),
    ("tar", "none", False, True), ("tar", "gzip", False, False),
])
def test_oci_layouts_give_the_docker_archive_facts(tmp_path, layout, compression, manifest_json, metadata_last):
    saved = tmp_path / "saved.tar"
    saved.write_bytes(simple_image().tar())
    target = tmp_path / ("oci" if layout == "dir" else "oci.tar")
    converted = convert(saved, target, layout=layout, compression=compression, manifest_json=manifest_json,
                        metadata_last=metadata_last)
    expected = _comparable(read_facts(saved))
    assert _comparable(read_facts(converted)) == expected
    if layout == "tar":
        with converted.open("rb") as stream:
            assert _comparable(read_facts_from_stream(stream, "pipe")) == expected
    assert read_facts(converted).layout == "oci-layout"


def test_inspecting_an_archive_loads_neither_the_docker_sdk_nor_the_http_stack(tmp_path):
    archive = tmp_path / "image.tar"
    archive.write_bytes(simple_image().tar())
    code = ("import sys; from dockharden.cli import main; sys.argv = ['dockharden', 'inspect', '--format', 'json', "
            f"{str(archive)!r}]\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(name for name in ('docker', 'httpx', 'httpcore') if name in sys.modules), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stderr.splitlines()[-1] == "[]"
