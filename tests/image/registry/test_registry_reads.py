"""Images read straight from a real registry (Debian's docker-registry, pushed with skopeo):
the same facts as from the archive, platforms from an index, each blob fetched once and
verified, and a proxy in front of the registry that corrupts a blob, answers 429 with
Retry-After, and drops the connection mid-layer."""
from __future__ import annotations

import dataclasses
import json
import random

import pytest

from dockharden.image import ImageError, read_facts
from dockharden.image.inputs import read_facts_from_registry
from dockharden.image.registry.options import ClientOptions
from dockharden.image.registry.options import RegistryOptions
from support import registry
from support.measured import run_measured

pytestmark = pytest.mark.registry


def _same_image(from_registry, from_archive):
    """The facts agree but for what says where they came from and how blobs were stored."""
    strip = {"reference": "", "layout": "", "repo_tags": (), "fetched_bytes": 0, "layers": ()}
    assert dataclasses.replace(from_registry, **strip) == dataclasses.replace(from_archive, **strip)
    assert [(l.diff_id, l.size, l.entries) for l in from_registry.layers] == \
           [(l.diff_id, l.size, l.entries) for l in from_archive.layers]


@pytest.mark.parametrize("name", ["good", "root", "big"])
def test_an_image_from_the_registry_has_the_facts_of_its_archive(session_registry, name):
    facts = read_facts(session_registry.refs[name], origin="registry")
    _same_image(facts, read_facts(session_registry.archives[name]))
    assert facts.layout == "registry"
    assert facts.repo_tags == (session_registry.refs[name],)


def test_bytes_fetched_are_the_manifest_the_config_and_each_compressed_layer_once(session_registry):
    ref = session_registry.refs["big"]
    manifest = session_registry.registry.raw_manifest("dockharden/big:1")
    raw = registry.run([registry.SKOPEO, "inspect", "--raw", "--tls-verify=false", f"docker://{ref}"]).stdout
    facts = read_facts(ref, origin="registry")
    blobs = manifest["config"]["size"] + sum(layer["size"] for layer in manifest["layers"])
    assert facts.fetched_bytes == len(raw.encode()) + blobs
    assert [layer.blob_bytes for layer in facts.layers] == [layer["size"] for layer in manifest["layers"]]


def test_config_only_fetches_the_manifest_and_the_config(session_registry):
    ref = session_registry.refs["big"]
    manifest = session_registry.registry.raw_manifest("dockharden/big:1")
    raw = registry.run([registry.SKOPEO, "inspect", "--raw", "--tls-verify=false", f"docker://{ref}"]).stdout
    facts = read_facts(ref, origin="registry", config_only=True)
    assert facts.fetched_bytes == len(raw.encode()) + manifest["config"]["size"]
    assert facts.files_read is False and facts.probe is None and facts.total_size == 0
    assert facts.config == read_facts(session_registry.archives["big"]).config


def test_the_index_gives_the_host_platform_by_default(session_registry):
    facts = read_facts(session_registry.refs["multi"], origin="registry")
    assert facts.config.user == "1000:1000"


def test_platform_picks_another_image_from_the_index(session_registry):
    options = RegistryOptions(platform="linux/arm64")
    facts = read_facts(session_registry.refs["multi"], origin="registry", registry=options)
    assert facts.config.user == ""
    with_variant = read_facts(session_registry.refs["multi"], origin="registry",
                              registry=RegistryOptions(platform="linux/arm64/v8"))
    assert with_variant.image_id == facts.image_id


def test_a_platform_the_index_lacks_is_an_error_listing_those_it_has(session_registry):
    ref = session_registry.refs["multi"]
    with pytest.raises(ImageError) as caught:
        read_facts(ref, origin="registry", registry=RegistryOptions(platform="linux/arm/v7"))
    assert str(caught.value) == (f"{ref}: manifest 1 has no image for linux/arm/v7; it has linux/amd64, "
                                 "linux/arm64/v8 (choose one with --platform)")


def test_an_image_by_digest_is_the_image_its_tag_names(session_registry):
    ref = session_registry.refs["good"]
    digest = registry.run([registry.SKOPEO, "inspect", "--format", "{{.Digest}}", "--tls-verify=false",
                           f"docker://{ref}"]).stdout.strip()
    by_digest = read_facts(f"{session_registry.host}/dockharden/good@{digest}", origin="registry")
    assert by_digest.image_id == read_facts(ref, origin="registry").image_id


def test_a_digest_that_is_not_the_manifest_s_is_refused(session_registry):
    other = "sha256:" + "0" * 64
    ref = f"{session_registry.host}/dockharden/good@{other}"
    with pytest.raises(ImageError) as caught:
        read_facts(ref, origin="registry")
    assert str(caught.value) == (f"{ref}: manifest {other} not found in dockharden/good "
                                 "(MANIFEST_UNKNOWN manifest unknown)")


def test_a_manifest_that_is_not_the_digest_asked_for_is_refused(session_registry, proxy):
    """A registry (or a proxy) that answers a digest with another manifest is caught."""
    ref = session_registry.refs["good"]
    digest = registry.run([registry.SKOPEO, "inspect", "--format", "{{.Digest}}", "--tls-verify=false",
                           f"docker://{ref}"]).stdout.strip()
    proxy.rules.append((lambda path: path.endswith(f"/manifests/{digest}"), "serve:/v2/dockharden/root/manifests/1"))
    pinned = f"{proxy.host}/dockharden/good@{digest}"
    with pytest.raises(ImageError) as caught:
        read_facts(pinned, origin="registry")
    root_digest = registry.run([registry.SKOPEO, "inspect", "--format", "{{.Digest}}", "--tls-verify=false",
                                f"docker://{session_registry.refs['root']}"]).stdout.strip()
    assert str(caught.value) == f"{pinned}: manifest {digest} does not match its digest (its content is {root_digest})"


def test_a_tag_that_does_not_exist(session_registry):
    ref = f"{session_registry.host}/dockharden/good:2"
    with pytest.raises(ImageError) as caught:
        read_facts(ref, origin="registry")
    assert str(caught.value) == f"{ref}: tag 2 not found in dockharden/good (MANIFEST_UNKNOWN manifest unknown)"


def test_nothing_listening_is_a_one_line_error():
    port = registry.free_port()
    with pytest.raises(ImageError) as caught:
        read_facts_from_registry(f"127.0.0.1:{port}/x:1",
                                 options=RegistryOptions(client=ClientOptions(attempts=2, backoff=0.01)))
    assert str(caught.value) == f"127.0.0.1:{port}/x:1: 127.0.0.1:{port}: cannot connect: [Errno 111] Connection refused"


# -- a proxy that misbehaves ---------------------------------------------------------------


@pytest.fixture
def proxy(session_registry):
    made = registry.Proxy(session_registry.registry.port)
    yield made
    made.stop()


def _layer_digest(session_registry, name="big"):
    manifest = session_registry.registry.raw_manifest(f"dockharden/{name}:1")
    return max(manifest["layers"], key=lambda layer: layer["size"])["digest"]


def test_a_blob_that_does_not_match_its_digest_is_refused_naming_it(session_registry, proxy):
    digest = _layer_digest(session_registry)
    proxy.rules.append((registry.blob_path(digest), "corrupt"))
    ref = f"{proxy.host}/dockharden/big:1"
    with pytest.raises(ImageError) as caught:
        read_facts(ref, origin="registry")
    message = str(caught.value)
    assert message.startswith(f"{ref}: layer blobs/sha256/{digest[7:]} does not match its digest {digest} "
                              "(its content is sha256:")
    assert len(message.splitlines()) == 1


def test_429_with_retry_after_is_waited_for_and_retried(session_registry, proxy):
    proxy.rules.append((lambda path: "/manifests/" in path, "429"))
    facts = read_facts(f"{proxy.host}/dockharden/good:1", origin="registry")
    assert facts.config.user == "1000:1000"
    manifests = [(at, path) for at, path, _ in proxy.seen if "/manifests/" in path]
    assert len(manifests) == 2
    assert manifests[1][0] - manifests[0][0] >= 1.0  # Retry-After: 1


def test_a_retry_after_beyond_the_wait_allowed_is_an_error(session_registry, proxy):
    proxy.rules.append((lambda path: "/manifests/" in path, "429"))
    proxy.retry_after = "3600"
    ref = f"{proxy.host}/dockharden/good:1"
    with pytest.raises(ImageError) as caught:
        read_facts(ref, origin="registry")
    assert str(caught.value) == f"{ref}: {proxy.host}: HTTP 429, asked to retry after 3600 s (more than 60 s)"


def test_5xx_is_retried_with_backoff_then_an_error(session_registry, proxy):
    proxy.rules.append((lambda path: "/manifests/" in path, "503-always"))
    ref = f"{proxy.host}/dockharden/good:1"
    options = RegistryOptions(client=ClientOptions(attempts=3, backoff=0.2))
    with pytest.raises(ImageError) as caught:
        read_facts(ref, origin="registry", registry=options)
    assert str(caught.value) == f"{ref}: {proxy.host}: HTTP 503 after 3 attempts"
    times = [at for at, path, _ in proxy.seen if "/manifests/" in path]
    assert len(times) == 3
    assert times[1] - times[0] >= 0.2 and times[2] - times[1] >= 0.4  # backoff doubles


def test_a_connection_dropped_mid_layer_resumes_where_it_stopped(session_registry, proxy):
    digest = _layer_digest(session_registry)
    proxy.rules.append((registry.blob_path(digest), "drop"))
    facts = read_facts(f"{proxy.host}/dockharden/big:1", origin="registry")
    _same_image(facts, read_facts(session_registry.archives["big"]))
    ranges = [rng for _, path, rng in proxy.seen if path.endswith(digest)]
    size = max(session_registry.registry.raw_manifest("dockharden/big:1")["layers"], key=lambda l: l["size"])["size"]
    assert ranges == ["", f"bytes={size // 2}-"]


def test_a_registry_that_keeps_dropping_mid_layer_is_a_one_line_error(session_registry, proxy):
    digest = _layer_digest(session_registry)
    proxy.rules.append((registry.blob_path(digest), "drop-always"))
    ref = f"{proxy.host}/dockharden/big:1"
    with pytest.raises(ImageError) as caught:
        read_facts(ref, origin="registry")
    size = max(session_registry.registry.raw_manifest("dockharden/big:1")["layers"], key=lambda l: l["size"])["size"]
    got, ranges = 0, []
    for _ in range(1 + ClientOptions().resumes):  # each answer is cut after half of what was asked
        ranges.append(f"bytes={got}-" if got else "")
        got += (size - got) // 2
    assert [rng for _, path, rng in proxy.seen if path.endswith(digest)] == ranges
    assert str(caught.value) == (f"{ref}: {proxy.host}: connection lost while reading blob {digest} "
                                 f"({got} of {size} bytes)")


def test_a_manifest_served_too_large_is_refused(session_registry, proxy):
    from dockharden.image import Limits

    ref = f"{proxy.host}/dockharden/good:1"
    with pytest.raises(ImageError) as caught:
        read_facts(ref, origin="registry", limits=Limits(max_json_bytes=100))
    assert str(caught.value) == f"{ref}: tag 1 is larger than 0 MiB"


def test_the_same_layer_listed_twice_is_fetched_once(session_registry, tmp_path, proxy):
    from support.inspect_support import APP_LAYER, image_archive

    archive = tmp_path / "twice.tar"
    archive.write_bytes(image_archive(APP_LAYER, APP_LAYER, steps=("COPY a", "COPY b")))
    session_registry.registry.push(f"docker-archive:{archive}", "dockharden/twice:1")
    facts = read_facts(f"{proxy.host}/dockharden/twice:1", origin="registry")
    layers = session_registry.registry.raw_manifest("dockharden/twice:1")["layers"]
    assert len(layers) == 3 and layers[1]["digest"] == layers[2]["digest"]
    fetched = [path for _, path, _ in proxy.seen if "/blobs/" in path]
    assert len(fetched) == 3  # the config, the base layer, the app layer once
    assert len(facts.layers) == 3
    assert json.dumps(facts.layers[1].diff_id) == json.dumps(facts.layers[2].diff_id)


def test_memory_stays_bounded_reading_a_large_layer_from_the_registry(session_registry, tmp_path):
    from support.archives import file
    from support.inspect_support import APP_LAYER, image_archive

    archive = tmp_path / "large.tar"
    archive.write_bytes(image_archive(APP_LAYER + [file("app/weights.bin", random.Random(7).randbytes(96_000_000))]))
    ref = session_registry.registry.push(f"docker-archive:{archive}", "dockharden/large:1")
    archive.unlink()
    measured = run_measured("inspect", "--source", "registry", ref)
    assert (measured.code, measured.err) == (0, "")
    assert measured.peak_mib < 64
