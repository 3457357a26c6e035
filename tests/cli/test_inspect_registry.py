"""`inspect` on registry references and on many images at once, run as a user runs it."""
from __future__ import annotations

import json

import pytest

from support import registry

pytestmark = pytest.mark.registry


def test_an_ambiguous_reference_the_engine_lacks_is_read_from_its_registry(session_registry, run_cli):
    done = run_cli("inspect", session_registry.refs["root"])
    assert (done.code, done.err) == (1, "")
    assert done.out == (f"{session_registry.refs['root']} IM101 image-root-user [error] the image config sets no User: "
                        "the container runs as root\n1 image, 1 error, 0 warnings\n")


def test_source_forces_where_the_image_is_read_from(session_registry, run_cli):
    ref = session_registry.refs["good"]
    assert run_cli("inspect", "--source", "registry", ref).code == 0
    archive = run_cli("inspect", "--source", "archive", ref)
    assert (archive.code, archive.err) == (2, f"{ref}: error: no such file or directory\n")
    engine = run_cli("inspect", "--source", "engine", str(session_registry.archives["good"]))
    assert engine.code == 2 and engine.err.startswith(f"{session_registry.archives['good']}: error: ")


def test_many_images_one_report_and_a_failure_is_reported_for_its_image(session_registry, run_cli):
    refs = session_registry.refs
    missing = f"{session_registry.host}/dockharden/absent:1"
    done = run_cli("inspect", "--source", "registry", refs["good"], missing, refs["root"], "--jobs", "2")
    assert done.code == 2
    assert done.out == (
        f"{missing}: error: tag 1 not found in dockharden/absent (MANIFEST_UNKNOWN manifest unknown)\n"
        f"{refs['root']} IM101 image-root-user [error] the image config sets no User: the container runs as root\n"
        "3 images, 1 error, 0 warnings, 1 image not checked\n")
    serial = run_cli("inspect", "--source", "registry", refs["good"], missing, refs["root"], "--jobs", "1")
    assert (serial.code, serial.out) == (done.code, done.out)


def test_images_from_a_file(session_registry, run_cli, tmp_path):
    listing = tmp_path / "images.txt"
    listing.write_text(f"# deployed\n{session_registry.refs['good']}\n{session_registry.refs['root']}\n")
    done = run_cli("inspect", "--images-from", listing, "--format", "json")
    assert done.code == 1
    files = json.loads(done.out)["files"]
    assert [(f["path"], f["used_in"], [x["rule"] for x in f["findings"]]) for f in files] == [
        (session_registry.refs["good"], ["images.txt:2"], []),
        (session_registry.refs["root"], ["images.txt:3"], ["IM101"])]


def test_from_compose_names_the_services(session_registry, run_cli, tmp_path):
    refs = session_registry.refs
    (tmp_path / "compose.yaml").write_text(
        f"services:\n  web: {{image: '{refs['good']}'}}\n  worker: {{image: '{refs['good']}'}}\n"
        f"  job: {{image: '${{JOB_IMAGE:-{refs['root']}}}'}}\n  app: {{build: .}}\n")
    done = run_cli("inspect", "--from-compose", tmp_path / "compose.yaml")
    assert (done.code, done.err) == (1, "")
    assert done.out == (
        f"{refs['good']}: used in compose.yaml, service web\n{refs['good']}: used in compose.yaml, service worker\n"
        f"{refs['root']}: used in compose.yaml, service job\n"
        f"{refs['root']} IM101 image-root-user [error] the image config sets no User: the container runs as root\n"
        "2 images, 1 error, 0 warnings\n")


def test_from_k8s_with_init_containers_and_an_unreachable_image(session_registry, run_cli, tmp_path):
    refs = session_registry.refs
    (tmp_path / "k8s").mkdir()
    (tmp_path / "k8s" / "web.yaml").write_text(f"""\
kind: Deployment
metadata: {{name: web}}
spec:
  template:
    spec:
      initContainers: [{{name: migrate, image: '{refs['root']}'}}]
      containers: [{{name: app, image: '{refs['good']}'}}, {{name: gone, image: '127.0.0.1:1/x:1'}}]
""")
    done = run_cli("inspect", "--source", "registry", "--from-k8s", tmp_path / "k8s", "--format", "json")
    assert done.code == 2
    files = {f["path"]: f for f in json.loads(done.out)["files"]}
    assert files[refs["root"]]["used_in"] == ["web.yaml: Deployment web, init container migrate"]
    assert files[refs["good"]]["used_in"] == ["web.yaml: Deployment web, container app"]
    unreachable = "127.0.0.1:1: cannot connect: "
    assert files["127.0.0.1:1/x:1"]["error"].startswith(unreachable)
    assert done.err.startswith(f"127.0.0.1:1/x:1: error: {unreachable}")


def test_a_run_of_config_rules_only_fetches_no_layer(session_registry, run_cli):
    proxy = registry.Proxy(session_registry.registry.port)
    try:
        ref = f"{proxy.host}/dockharden/big:1"
        file_rules = ["IM101", "IM102", "IM103", "IM104", "IM203", "IM401", "IM402", "IM603", "IM801", "IM901",
                      "IM902", "IM903", "IM928"]
        done = run_cli("inspect", ref, *[a for code in file_rules for a in ("--disable", code)])
        blobs = [path for _, path, _ in proxy.seen if "/blobs/" in path]
        config = session_registry.registry.raw_manifest("dockharden/big:1")["config"]["digest"]
        assert (done.code, done.err) == (0, "")
        assert blobs == [f"/v2/dockharden/big/blobs/{config}"]
        proxy.seen.clear()
        assert run_cli("inspect", ref).code == 0
        assert len([path for _, path, _ in proxy.seen if "/blobs/" in path]) == 3
    finally:
        proxy.stop()


def test_config_only_marks_what_it_could_not_judge(session_registry, run_cli):
    done = run_cli("inspect", session_registry.refs["root"], "--config-only", "--format", "json")
    assert done.code == 0  # IM101 needs /etc/passwd to be sure: not run
    patterns = json.loads(done.out)["files"][0]["patterns"]
    assert patterns["non_root_user"] == {"status": "not_checked", "lines": [],
                                         "detail": "not checked: only the image config was read (--config-only)"}
    assert patterns["healthcheck"]["detail"] == "30s/10s/5s"


@pytest.mark.parametrize("args, message", [
    (["--platform", "linux"], "Invalid value for --platform: 'linux' is not OS/ARCH[/VARIANT]"),
    ([], "give an IMAGE, --images-from, --from-compose or --from-k8s"),
    (["a", "b", "--dockerfile", "Dockerfile"], "--dockerfile goes with one IMAGE only"),
])
def test_usage_errors(run_cli, args, message):
    done = run_cli("inspect", *args)
    assert done.code == 2 and message in done.err and "Traceback" not in done.err


def test_a_bad_list_file_is_one_line(run_cli, tmp_path):
    done = run_cli("inspect", "--from-k8s", tmp_path / "absent")
    assert (done.code, done.out, done.err) == (2, "", f"error: {tmp_path / 'absent'}: No such file or directory\n")


@pytest.mark.engine
def test_an_image_neither_the_engine_nor_its_registry_has(docker_engine, session_registry, run_cli):
    missing = f"{session_registry.host}/dockharden/absent:1"
    done = run_cli("inspect", missing)
    assert (done.code, done.out) == (2, "")
    assert done.err == (f"{missing}: error: not on the Docker engine; from its registry: tag 1 not found in "
                        "dockharden/absent (MANIFEST_UNKNOWN manifest unknown)\n")


@pytest.mark.parametrize("action, wording", [
    ("corrupt", "does not match its digest"),
    ("drop-always", "connection lost while reading blob"),
])
def test_a_bad_blob_or_a_registry_gone_mid_layer_is_exit_2_and_one_line(session_registry, run_cli, action, wording):
    manifest = session_registry.registry.raw_manifest("dockharden/big:1")
    digest = max(manifest["layers"], key=lambda layer: layer["size"])["digest"]
    proxy = registry.Proxy(session_registry.registry.port, rules=[(registry.blob_path(digest), action)])
    try:
        ref = f"{proxy.host}/dockharden/big:1"
        done = run_cli("inspect", "--source", "registry", ref, "--format", "sarif")
    finally:
        proxy.stop()
    assert (done.code, done.out) == (2, "")
    assert done.err.startswith(f"{ref}: error: ") and wording in done.err and digest in done.err
    assert len(done.err.splitlines()) == 1 and "Traceback" not in done.err
