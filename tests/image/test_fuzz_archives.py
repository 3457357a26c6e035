"""Mutated archives give facts or one ImageError line, never another exception or a memory blow-up."""
from __future__ import annotations

import gzip
import io
import json
import os
import tempfile
import tracemalloc

import zstandard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.hostile import pax_header
from dockharden.image import ImageError, ImageFacts, read_facts, read_facts_from_stream
from dockharden.image.errors import MIB
from support.archives import DockerArchive, file, simple_image, tar_bytes


def _compressed(compress) -> DockerArchive:
    image = simple_image()
    return DockerArchive([compress(layer) for layer in image.layers], image.config, image.history)


ARCHIVES = {
    "plain": simple_image(),
    "gzip": _compressed(lambda layer: gzip.compress(layer, mtime=0)),
    "zstd": _compressed(lambda layer: zstandard.ZstdCompressor().compress(layer)),
}


def truncate(data: bytes, draw) -> bytes:
    return data[: draw(st.integers(0, len(data)))]


def flip(data: bytes, draw) -> bytes:
    mutated = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        mutated[draw(st.integers(0, len(data) - 1))] ^= draw(st.integers(1, 255))
    return bytes(mutated)


def reorder(members, draw):
    return draw(st.permutations(members))


def drop(members, draw):
    keep = draw(st.lists(st.booleans(), min_size=len(members), max_size=len(members)))
    return [member for member, kept in zip(members, keep) if kept]


def header_offsets(layer: bytes) -> list[int]:
    """Where each header block of an uncompressed layer starts."""
    offsets, at = [], 0
    while at + 512 <= len(layer) and layer[at:at + 512].strip(b"\0"):
        offsets.append(at)
        size = int(layer[at + 124:at + 136].split(b"\0", 1)[0].strip() or b"0", 8)
        at += 512 + (size + 511) // 512 * 512
    return offsets


def rewrite_header(layer: bytes, at: int, field: slice, value: bytes) -> bytes:
    block = bytearray(layer[at:at + 512])
    block[field] = value.ljust(field.stop - field.start, b"\0")[: field.stop - field.start]
    block[148:156] = b"        "
    block[148:156] = b"%06o\0 " % sum(block)
    return layer[:at] + bytes(block) + layer[at + 512:]


def resize(layer: bytes, draw) -> bytes:
    size = draw(st.one_of(st.integers(0, 4096), st.integers(0, 8**11 - 1)))
    return rewrite_header(layer, draw(st.sampled_from(header_offsets(layer))), slice(124, 136), b"%011o" % size)


def retype(layer: bytes, draw) -> bytes:
    flag = bytes([draw(st.integers(0, 255))])
    return rewrite_header(layer, draw(st.sampled_from(header_offsets(layer))), slice(156, 157), flag)


PAX_KEYS = st.sampled_from(["path", "linkpath", "size", "uid", "gid", "mtime", "comment", "SCHILY.xattr.x"])
PAX_VALUES = st.one_of(st.text(max_size=40), st.integers(-2**70, 2**70).map(str), st.just("1e400"), st.just(".."))


def with_pax(layer: bytes, draw) -> bytes:
    records = draw(st.dictionaries(PAX_KEYS, PAX_VALUES, min_size=1, max_size=4))
    at = draw(st.sampled_from(header_offsets(layer)))
    return layer[:at] + pax_header({k: v.replace("\n", " ") for k, v in records.items()}) + layer[at:]


def mutate_layer(image: DockerArchive, draw) -> DockerArchive:
    index = draw(st.integers(0, len(image.layers) - 1))
    layers = list(image.layers)
    mutations = [truncate, flip] + ([resize, retype, with_pax] if header_offsets(layers[index]) else [])
    layers[index] = draw(st.sampled_from(mutations))(layers[index], draw)
    return DockerArchive(layers, image.config, image.history)


def wrong_digests(image: DockerArchive, draw) -> bytes:
    """The archive with a diff_id, the config's name or a layer's size no longer what the content is."""
    members = image.members()
    config = json.loads(members[-2].data)
    manifest = json.loads(members[-1].data)
    how = draw(st.sampled_from(["diff_id", "config_name", "layer_name"]))
    bogus = draw(st.text("0123456789abcdef", min_size=64, max_size=64))
    if how == "diff_id":
        config["rootfs"]["diff_ids"][draw(st.integers(0, len(image.layers) - 1))] = f"sha256:{bogus}"
        members[-2] = file(members[-2].name, json.dumps(config).encode())
    elif how == "config_name":
        manifest[0]["Config"] = f"{bogus}.json"
        members[-2] = file(f"{bogus}.json", members[-2].data)
    else:
        manifest[0]["Layers"][0] = f"blobs/sha256/{bogus}"
        members[0] = file(f"blobs/sha256/{bogus}", members[0].data)
    members[-1] = file("manifest.json", json.dumps(manifest).encode())
    return tar_bytes(members)


@st.composite
def mutated_archives(draw) -> bytes:
    image = ARCHIVES[draw(st.sampled_from(sorted(ARCHIVES)))]
    how = draw(st.sampled_from(["truncate", "flip", "reorder", "drop", "layer", "digest"]))
    if how in ("truncate", "flip"):
        return (truncate if how == "truncate" else flip)(image.tar(), draw)
    if how == "layer":
        return mutate_layer(image, draw).tar()
    if how == "digest":
        return wrong_digests(image, draw)
    return tar_bytes((reorder if how == "reorder" else drop)(image.members(), draw))


def _read_all_ways(data: bytes) -> list[object]:
    outcomes = []
    with tempfile.NamedTemporaryFile(suffix=".tar") as handle:
        handle.write(data)
        handle.flush()
        for read in (lambda: read_facts(handle.name), lambda: read_facts_from_stream(io.BytesIO(data), "x.tar")):
            try:
                outcomes.append(read())
            except ImageError as error:
                assert "\n" not in str(error)
                outcomes.append(error)
    return outcomes


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "300")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_archives())
def test_mutated_archive_gives_facts_or_one_line_error(data):
    tracemalloc.start()
    try:
        outcomes = _read_all_ways(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert all(isinstance(outcome, (ImageFacts, ImageError)) for outcome in outcomes)
    assert peak < 16 * MIB


def test_a_wrong_digest_is_always_refused():
    image = simple_image()
    members = image.members()
    config = json.loads(members[-2].data)
    config["rootfs"]["diff_ids"][1] = "sha256:" + "0" * 64
    members[-2] = file(members[-2].name, json.dumps(config).encode())
    outcomes = _read_all_ways(tar_bytes(members))
    assert [type(outcome) for outcome in outcomes] == [ImageError, ImageError]


def test_reordered_members_give_the_same_facts():
    image = simple_image()
    members = image.members()
    forward = read_facts_from_stream(io.BytesIO(tar_bytes(members)), "x.tar")
    backward = read_facts_from_stream(io.BytesIO(tar_bytes(members[::-1])), "x.tar")
    assert forward == backward
    assert [layer.blob for layer in forward.layers] == [m.name for m in members[:2]]


def test_unmutated_archives_read(tmp_path):
    for name, image in ARCHIVES.items():
        path = tmp_path / f"{name}.tar"
        path.write_bytes(image.tar())
        facts = read_facts(path)
        assert (facts.user.uid, len(facts.layers), os.path.basename(facts.reference)) == (1000, 2, f"{name}.tar")
