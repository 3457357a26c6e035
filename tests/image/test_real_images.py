"""Facts read from real images built on the engine, in every shape an IMAGE can take.

Each image is read from the engine reference, its `docker save` tarball (seekable and as
a stream), and OCI layouts made from it (a gzip directory, a tar without manifest.json,
a zstd tar streamed with its metadata last); every shape must give the same exact facts.
"""
from __future__ import annotations

import dataclasses
import json
import tarfile

import pytest

from dockharden.runtime.engine import Engine
from dockharden.image.programs import DEFAULT_PATH
from dockharden.image.parts import (
    Account, FileStat, Group, Healthcheck, LayerWaste, OwnerCount, Probe, Program, RuntimeUser, SecretFile,
    SpecialFile, Workdir,
)
from support.image_catalog import APP_PY, AWS_SECRET, BIG_FILE_BYTES, DATA_BIN, FAKE_KEY, IMAGES, PROBE, TLS_MATERIAL, TOKEN, VARIANTS
from support import engine

pytestmark = pytest.mark.engine

SECOND = 1_000_000_000
BASE_ENV = (("SSL_CERT_FILE", "/etc/ssl/certs/ca-certificates.crt"), ("PATH", DEFAULT_PATH))
# The setuid/setgid programs of Debian's minbase (the base image's only layer).
BASE_SPECIAL = {
    "/usr/bin/chage": 0o2755, "/usr/bin/chfn": 0o4755, "/usr/bin/chsh": 0o4755, "/usr/bin/expiry": 0o2755,
    "/usr/bin/gpasswd": 0o4755, "/usr/bin/mount": 0o4755, "/usr/bin/newgrp": 0o4755, "/usr/bin/passwd": 0o4755,
    "/usr/bin/su": 0o4755, "/usr/bin/umount": 0o4755, "/usr/sbin/unix_chkpwd": 0o2755,
}


@pytest.fixture(params=VARIANTS)
def variant(request):
    return request.param


def facts_of(image_lab, name, variant):
    return image_lab.facts(name)[variant]


def layer_made_by(facts, text):
    (index,) = [entry.layer for entry in facts.history if text in entry.created_by and entry.layer is not None]
    return index


def test_good_image(image_lab, variant):
    facts = facts_of(image_lab, "good", variant)
    copy_layer = layer_made_by(facts, "COPY app.py /app/app.py")
    assert facts.config.user == "1000:1000"
    assert facts.config.env == (*BASE_ENV, ("PYTHONUNBUFFERED", "1"), ("PYTHONDONTWRITEBYTECODE", "1"))
    assert facts.config.cmd == ("python3", "/app/app.py")
    assert facts.config.entrypoint is None
    assert facts.config.healthcheck == Healthcheck(("CMD", "python3", "-c", PROBE), 30 * SECOND, 10 * SECOND,
                                                   5 * SECOND, 0, 3)
    assert facts.config.working_dir == "/app"
    assert facts.config.labels == (("org.opencontainers.image.title", "good"), ("org.opencontainers.image.version", "1.0"))
    assert facts.config.exposed_ports == ("8000/tcp",)
    assert facts.config.stop_signal == "SIGTERM"
    assert facts.user == RuntimeUser("1000:1000", "app", 1000, 1000, numeric=True)
    assert Account("app", 1000, 1000, "/home/app", "/usr/sbin/nologin") in facts.accounts
    assert Group("app", 1000, ()) in facts.groups
    assert facts.probe == Probe("python3", "/usr/bin/python3", None, shell_form=False)
    assert facts.workdir == Workdir(
        "/app", FileStat("/app", "dir", 0o755, 0, 0, 0, copy_layer),
        (FileStat("/app/app.py", "file", 0o644, 1000, 1000, len(APP_PY), copy_layer),),
        (OwnerCount(1000, 1000, 1),), 0, 1)
    assert facts.secret_files == ()
    assert facts.build_tools == ()
    assert facts.duplicate_layers == ()
    assert facts.special_files == tuple(SpecialFile(path, mode, 0, facts.special_files[i].gid, 0, False)
                                        for i, (path, mode) in enumerate(sorted(BASE_SPECIAL.items())))
    assert (facts.base_layers, [layer.in_base for layer in facts.layers]) == (1, [True, False, False, False])
    assert (facts.program("python3"), facts.program("sh"), facts.program("curl")) == ("/usr/bin/python3", "/usr/bin/sh", None)


def test_root_image_has_no_user(image_lab, variant):
    facts = facts_of(image_lab, "root", variant)
    assert facts.config.user == ""
    assert facts.user == RuntimeUser("", "root", 0, 0, numeric=False)
    assert facts.user.is_root
    assert facts.config.healthcheck is None and facts.probe is None
    assert facts.workdir.children == (FileStat("/app/app.py", "file", 0o644, 0, 0, len(APP_PY),
                                               layer_made_by(facts, "COPY app.py")),)


def test_named_user_resolves_through_passwd(image_lab, variant):
    facts = facts_of(image_lab, "named-user", variant)
    assert facts.user == RuntimeUser("aiuser", "aiuser", 1000, 1000, numeric=False)
    assert Account("aiuser", 1000, 1000, "/home/aiuser", "/bin/sh") in facts.accounts


def test_unknown_user_name_stays_unresolved(image_lab, variant):
    facts = facts_of(image_lab, "unknown-user", variant)
    assert facts.user == RuntimeUser("ghost", "ghost", None, None, numeric=False)
    assert not facts.user.is_root


def test_healthcheck_none_is_disabled(image_lab, variant):
    facts = facts_of(image_lab, "healthcheck-none", variant)
    assert facts.config.healthcheck == Healthcheck(("NONE",))
    assert facts.config.healthcheck.disabled
    assert facts.probe is None


def test_curl_probe_without_curl(image_lab, variant):
    facts = facts_of(image_lab, "curl-probe", variant)
    assert facts.config.healthcheck == Healthcheck(
        ("CMD-SHELL", "curl -f http://localhost:8000/health || exit 1"), interval_ns=5 * SECOND)
    assert facts.probe == Probe("curl", None, "/bin/sh", shell_form=True)
    assert facts.program("curl") is None


def test_chown_layer_duplicates_the_copied_files(image_lab, variant):
    facts = facts_of(image_lab, "chown-duplicate", variant)
    copied = len(APP_PY) + len(DATA_BIN)
    chown = layer_made_by(facts, "chown -R 1000:1000 /app")
    assert facts.duplicate_layers == (LayerWaste(
        chown, facts.layers[chown].created_by, 2, copied, 0, 0, 2, copied, ("/app/app.py", "/app/data.bin")),)
    assert facts.waste == facts.duplicate_layers
    assert facts.reclaimable_bytes == copied
    assert facts.user == RuntimeUser("1000", None, 1000, 0, numeric=True)
    assert facts.workdir.stat.uid == 1000 and facts.workdir.owners == (OwnerCount(1000, 1000, 2),)


def test_secret_in_env(image_lab, variant):
    facts = facts_of(image_lab, "secret-env", variant)
    env = facts.config.env_dict()
    assert (env["AWS_SECRET_ACCESS_KEY"], env["TOKENIZERS_PARALLELISM"]) == (AWS_SECRET, "false")
    assert facts.secret_files == ()


@pytest.mark.parametrize("name", ["secret-arg-classic", "secret-arg-buildkit"])
def test_build_arg_value_is_in_history(image_lab, variant, name):
    facts = facts_of(image_lab, name, variant)
    assert [entry.build_args for entry in facts.history if entry.build_args] == [(("TOKEN", TOKEN),)]


def test_secret_files_by_name_and_content_even_when_deleted(image_lab, variant):
    facts = facts_of(image_lab, "secret-files", variant)
    layer = lambda source: layer_made_by(facts, f"COPY {source} ")  # noqa: E731
    assert facts.secret_files == (
        SecretFile("/app/.env", "dotenv file", layer("dotenv"), len(IMAGES["secret-files"].files["dotenv"]), True),
        SecretFile("/root/.ssh/id_rsa", "SSH private key", layer("fake_key"), len(FAKE_KEY), True),
        SecretFile("/root/.aws/credentials", "AWS credentials", layer("aws_credentials"),
                   len(IMAGES["secret-files"].files["aws_credentials"]), True),
        SecretFile("/app/config/tls.txt", "private key", layer("tls_material"), len(TLS_MATERIAL), True),
        SecretFile("/root/.netrc", "netrc credentials", layer("netrc"),
                   len(IMAGES["secret-files"].files["netrc"]), False),
    )


def test_compiler_in_final_image(image_lab, variant):
    facts = facts_of(image_lab, "gcc-final", variant)
    assert facts.build_tools == (Program("gcc", "/usr/bin/gcc"), Program("cc", "/usr/bin/cc"),
                                 Program("make", "/usr/bin/make"), Program("gcc-toolchain", "/usr/lib/gcc"))


def test_setuid_file_above_the_base(image_lab, variant):
    facts = facts_of(image_lab, "setuid", variant)
    above = [f for f in facts.special_files if f.above_base]
    assert above == [SpecialFile("/usr/local/bin/helper", 0o4755, 0, 0, 1, True)]
    assert above[0].setuid and not above[0].setgid
    assert {f.path: f.mode for f in facts.special_files if not f.above_base} == BASE_SPECIAL


def test_shell_form_cmd_is_stored_as_sh_c(image_lab, variant):
    facts = facts_of(image_lab, "shell-cmd", variant)
    assert facts.config.cmd == ("/bin/sh", "-c", "python3 /app/app.py")


def test_big_layer_size(image_lab, variant):
    facts = facts_of(image_lab, "big", variant)
    assert facts.layers[-1].size == BIG_FILE_BYTES
    assert facts.total_size == facts.layers[0].size + BIG_FILE_BYTES


def test_deleted_and_overwritten_files_are_reclaimable(image_lab, variant):
    facts = facts_of(image_lab, "whiteouts", variant)
    run = layer_made_by(facts, "rm /data/gone.txt")
    assert facts.waste == (LayerWaste(run, facts.layers[run].created_by, 1, 3000, 3, 1000 + 2000 + 4000, 0, 0, ()),)
    assert facts.reclaimable_bytes == 10_000


def _comparable(facts):
    layers = tuple(dataclasses.replace(layer, blob="", blob_bytes=0) for layer in facts.layers)
    return dataclasses.replace(facts, reference="", layout="", layers=layers, repo_tags=())


@pytest.mark.parametrize("name", sorted(IMAGES))
def test_every_shape_gives_the_same_facts(image_lab, name):
    every = image_lab.facts(name)
    expected = _comparable(every["engine"])
    assert {variant: _comparable(facts) == expected for variant, facts in every.items()} == dict.fromkeys(VARIANTS, True)
    # A saved image names the tag it was saved by; the engine names every tag of the image ID,
    # and a test run beside this one on the same engine may have built the same image.
    own = f"{image_lab.tag(name)}:latest"
    assert {variant: facts.repo_tags for variant, facts in every.items() if variant != "engine"} == dict.fromkeys(VARIANTS[1:], (own,))
    assert own in every["engine"].repo_tags


@pytest.fixture(scope="module")
def base_symlink_bytes(image_lab, tmp_path_factory):
    """`docker import` counts symlink targets in a layer's size; built layers do not."""
    saved = image_lab.saved("root", tmp_path_factory.mktemp("base") / "saved.tar")
    with tarfile.open(saved) as outer:
        first_layer = json.load(outer.extractfile("manifest.json"))[0]["Layers"][0]
        with tarfile.open(fileobj=outer.extractfile(first_layer)) as layer:
            return sum(len(member.linkname.encode()) for member in layer if member.issym())


@pytest.mark.parametrize("name", sorted(IMAGES))
def test_sizes_match_what_the_engine_reports(image_lab, base_symlink_bytes, name):
    facts = image_lab.facts(name)["docker-save"]
    tag = image_lab.tag(name)
    history = Engine.connect().image_history(tag)
    step_sizes = [step["Size"] for step in reversed(history)]
    made = [step_sizes[i] for i, entry in enumerate(facts.history) if not entry.empty_layer]
    made[0] -= base_symlink_bytes
    assert [layer.size for layer in facts.layers] == made
    assert facts.total_size == int(engine.inspect(tag, "{{.Size}}")) - base_symlink_bytes
    assert facts.image_id == engine.inspect(tag, "{{.Id}}")
