"""Mutated archives give facts or one ImageError line, never another exception or a memory blow-up."""
from __future__ import annotations

import gzip
import io
import os
import tempfile
import tracemalloc

import zstandard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dockharden.image import ImageError, ImageFacts, read_facts, read_facts_from_stream
from dockharden.image.errors import MIB
from support.archives import DockerArchive, simple_image, tar_bytes


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


def mutate_layer(image: DockerArchive, draw) -> DockerArchive:
    index = draw(st.integers(0, len(image.layers) - 1))
    layers = list(image.layers)
    layers[index] = draw(st.sampled_from([truncate, flip]))(layers[index], draw)
    return DockerArchive(layers, image.config, image.history)


@st.composite
def mutated_archives(draw) -> bytes:
    image = ARCHIVES[draw(st.sampled_from(sorted(ARCHIVES)))]
    how = draw(st.sampled_from(["truncate", "flip", "reorder", "drop", "layer"]))
    if how in ("truncate", "flip"):
        return (truncate if how == "truncate" else flip)(image.tar(), draw)
    if how == "layer":
        return mutate_layer(image, draw).tar()
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
