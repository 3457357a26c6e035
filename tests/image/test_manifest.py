"""Choosing the image's blobs: Docker manifest.json and OCI index chains."""
from __future__ import annotations

import pytest

from dockharden.image.errors import ImageError
from dockharden.image.manifest import ImagePlan, blob_name, resolve_plan

A, B, C, D = ("sha256:" + ch * 64 for ch in "abcd")
MANIFEST = "application/vnd.oci.image.manifest.v1+json"
INDEX = "application/vnd.oci.image.index.v1+json"


def fail(message):
    return ImageError("img", message)


def plan_of(docs):
    return resolve_plan(lambda name, size: docs.get(name), fail)


def image_manifest(config, *layers):
    return {"config": {"digest": config}, "layers": [{"digest": layer} for layer in layers]}


def test_docker_manifest_wins_and_keeps_layer_order():
    docs = {"manifest.json": [{"Config": f"{'e' * 64}.json", "RepoTags": ["app:1"], "Layers": ["2/layer.tar", "1/layer.tar"]}],
            "index.json": {"manifests": []}}
    assert plan_of(docs) == ImagePlan(f"{'e' * 64}.json", ("2/layer.tar", "1/layer.tar"), ("app:1",),
                                      f"sha256:{'e' * 64}", "docker-archive")
    docs["oci-layout"] = {"imageLayoutVersion": "1.0.0"}
    assert plan_of(docs).layout == "oci-layout"


def test_oci_index_to_manifest():
    docs = {"index.json": {"manifests": [{"mediaType": MANIFEST, "digest": A,
                                          "annotations": {"org.opencontainers.image.ref.name": "1.0"}}]},
            blob_name(A, fail): image_manifest(B, C, D)}
    assert plan_of(docs) == ImagePlan("blobs/sha256/" + "b" * 64, ("blobs/sha256/" + "c" * 64, "blobs/sha256/" + "d" * 64),
                                      ("1.0",), B, "oci-layout", None, (None, None))


def test_nested_index_picks_this_platform_and_skips_attestations(monkeypatch):
    monkeypatch.setattr("platform.machine", lambda: "aarch64")
    nested = {"manifests": [
        {"mediaType": MANIFEST, "digest": A, "platform": {"os": "linux", "architecture": "amd64"}},
        {"mediaType": MANIFEST, "digest": B, "platform": {"os": "linux", "architecture": "arm64"}},
        {"mediaType": MANIFEST, "digest": C, "platform": {"os": "unknown", "architecture": "unknown"}},
    ]}
    docs = {"index.json": {"manifests": [{"mediaType": INDEX, "digest": D}]}, blob_name(D, fail): nested,
            blob_name(B, fail): image_manifest(C)}
    assert plan_of(docs).config_name == "blobs/sha256/" + "c" * 64


@pytest.mark.parametrize(("docs", "message"), [
    ({}, "no manifest.json or index.json (not a docker save archive or an OCI image layout)"),
    ({"index.json": {"manifests": "x"}}, "index.json: manifests must be a list of descriptors"),
    ({"index.json": {"manifests": []}}, "index.json lists no image manifest"),
    ({"index.json": {"manifests": [{"digest": "md5:abc"}]}}, "bad digest 'md5:abc'"),
    ({"index.json": {"manifests": [{"digest": A}]}}, f"image manifest blobs/sha256/{'a' * 64} is absent or has no config"),
    ({"index.json": {"manifests": [{"digest": A, "mediaType": INDEX}]}},
     f"image index blobs/sha256/{'a' * 64} listed in index.json is missing"),
])
def test_broken_plans(docs, message):
    with pytest.raises(ImageError) as caught:
        plan_of(docs)
    assert caught.value.message == message


def test_index_loop_is_bounded():
    docs = {"index.json": {"manifests": [{"mediaType": INDEX, "digest": A}]},
            blob_name(A, fail): {"manifests": [{"mediaType": INDEX, "digest": A}]}}
    with pytest.raises(ImageError, match="nested more than 4 deep"):
        plan_of(docs)
