"""The pure parts of the facts: accounts, user resolution, history, secrets, programs, config."""
from __future__ import annotations

import pytest

from dockharden.image.accounts import parse_group, parse_passwd, resolve_user
from dockharden.image.config_json import parse_config, parse_history
from dockharden.image.errors import ImageError
from dockharden.knowledge.history import build_args
from dockharden.image.base_layers import base_layer_count
from dockharden.image.programs import command_program, shell_program
from dockharden.image.parts import Account, Group, Healthcheck, HistoryEntry, ImageConfig, RuntimeUser
from dockharden.image.secret_files import holds_private_key, may_hold_key
from dockharden.knowledge.secrets import credential_file

PASSWD = "root:x:0:0:root:/root:/bin/bash\n# comment\nbroken line\napp:x:1000:1002::/home/app:/bin/sh\nrootless:x:1001:1003::/:\n"
GROUP = "root:x:0:\napp:x:1002:alice,bob\nstaff:x:50:\n"
ACCOUNTS, GROUPS = parse_passwd(PASSWD), parse_group(GROUP)


def test_passwd_and_group():
    # UIDs unlike their GIDs, so reading one field for the other shows
    assert ACCOUNTS == (Account("root", 0, 0, "/root", "/bin/bash"), Account("app", 1000, 1002, "/home/app", "/bin/sh"),
                        Account("rootless", 1001, 1003, "/", ""))
    assert GROUPS == (Group("root", 0), Group("app", 1002, ("alice", "bob")), Group("staff", 50))


@pytest.mark.parametrize(("spec", "user"), [
    ("", RuntimeUser("", "root", 0, 0, numeric=False)),
    ("root", RuntimeUser("root", "root", 0, 0, numeric=False)),
    ("0:50", RuntimeUser("0:50", "root", 0, 50, numeric=True)),
    ("rootless", RuntimeUser("rootless", "rootless", 1001, 1003, numeric=False)),
    ("1000", RuntimeUser("1000", "app", 1000, 1002, numeric=True)),
    ("1002", RuntimeUser("1002", None, 1002, 0, numeric=True)),  # a GID is not a UID
    ("app:app", RuntimeUser("app:app", "app", 1000, 1002, numeric=False)),
    ("1000:staff", RuntimeUser("1000:staff", "app", 1000, 50, numeric=True)),
    ("4242", RuntimeUser("4242", None, 4242, 0, numeric=True)),
    ("ghost", RuntimeUser("ghost", "ghost", None, None, numeric=False)),
    ("app:nogroup", RuntimeUser("app:nogroup", "app", 1000, None, numeric=False)),
])
def test_resolve_user(spec, user):
    assert resolve_user(spec, ACCOUNTS, GROUPS) == user


def _history(*steps):
    entries, layer = [], 0
    for created_by, empty in steps:
        entries.append(HistoryEntry(created_by, "", empty, None if empty else layer))
        layer += not empty
    return tuple(entries)


@pytest.mark.parametrize(("steps", "base"), [
    # python:3.12-slim: debian rootfs, CMD bash, python layers, CMD python3, then the app.
    ([("/bin/sh -c #(nop) ADD file:abc in / ", False), ('/bin/sh -c #(nop)  CMD ["bash"]', True),
      ("RUN /bin/sh -c apt-get install # buildkit", False), ('CMD ["python3"]', True),
      ("WORKDIR /app", False), ("COPY . . # buildkit", False), ("USER 1000", True), ('CMD ["app"]', True)], 2),
    # The app's own CMD sits between its layers: only trailing config steps are skipped.
    ([("ADD file:abc in / ", False), ('CMD ["bash"]', True), ("RUN chmod u+s /x", False), ('CMD ["x"]', True),
      ("USER app", True)], 1),
    # FROM scratch: nothing is base.
    ([("COPY app /app", False), ('ENTRYPOINT ["/app"]', True)], 0),
])
def test_base_layer_count(steps, base):
    assert base_layer_count(_history(*steps)) == base


def test_imported_base_is_a_base():
    history = (HistoryEntry("", "Imported from -", False, 0), HistoryEntry("RUN x", "", False, 1))
    assert base_layer_count(history) == 1


@pytest.mark.parametrize(("created_by", "args"), [
    ("|1 TOKEN=abc /bin/sh -c echo", (("TOKEN", "abc"),)),
    ("RUN |2 A=1 B= /bin/sh -c make # buildkit", (("A", "1"), ("B", ""))),
    ("RUN /bin/sh -c echo |1 X=y", ()),
    ("/bin/sh -c #(nop)  ARG TOKEN", ()),
])
def test_build_args(created_by, args):
    assert build_args(created_by) == args


def test_history_maps_steps_to_layers():
    doc = {"history": [{"created_by": "a"}, {"created_by": "b", "empty_layer": True}, {"created_by": "c"}, {}]}
    history = parse_history(doc, 2, lambda m: ImageError("x", m))
    assert [(h.created_by, h.layer) for h in history] == [("a", 0), ("b", None), ("c", 1), ("", None)]


def test_config_parsing():
    section = {"User": "app", "Env": ["A=1", "B=x=y", "C"], "Cmd": ["run"], "Healthcheck": {"Test": ["NONE"]},
               "Labels": {"b": "2", "a": "1"}, "ExposedPorts": {"8000/tcp": {}, "53/udp": {}}, "StopSignal": "SIGINT"}
    assert parse_config(section, lambda m: ImageError("x", m)) == ImageConfig(
        "app", (("A", "1"), ("B", "x=y"), ("C", "")), ("run",), None, Healthcheck(("NONE",)), "", (("a", "1"), ("b", "2")),
        ("53/udp", "8000/tcp"), "SIGINT")
    assert parse_config(None, lambda m: ImageError("x", m)) == ImageConfig()


def test_healthcheck_defaults():
    check = Healthcheck(("CMD", "true"))
    assert (check.effective_interval_ns, check.effective_timeout_ns, check.effective_retries) == (30 * 10**9, 30 * 10**9, 3)
    assert not check.disabled and Healthcheck(()).disabled


@pytest.mark.parametrize(("path", "reason"), [
    ("/app/.env", "dotenv file"), ("/app/.env.production", "dotenv file"), ("/app/.env.example", None),
    ("/root/.ssh/id_rsa", "SSH private key"), ("/root/.ssh/id_ed25519_deploy", "SSH private key"),
    ("/root/.ssh/id_rsa.pub", None), ("/home/a/.aws/credentials", "AWS credentials"), ("/app/credentials", None),
    ("/root/.docker/config.json", "Docker registry credentials"), ("/app/config.json", None),
    ("/root/.kube/config", "Kubernetes credentials (kubeconfig)"), ("/root/.netrc", "netrc credentials"),
    ("/root/.pypirc", "PyPI credentials (.pypirc)"), ("/root/.git-credentials", "git credentials"),
    ("/home/node/.npmrc", "npm credentials (.npmrc)"), ("/app/envoy.yaml", None),
])
def test_secret_names(path, reason):
    assert credential_file(path) == reason


def test_private_key_content_and_candidates():
    assert holds_private_key(b"junk\n-----BEGIN RSA PRIVATE KEY-----\nMII")
    assert holds_private_key(b'{"private_key": "-----BEGIN PRIVATE KEY-----\\nMIIE"}')
    assert holds_private_key(b"-----BEGIN PGP PRIVATE KEY BLOCK-----")
    assert not holds_private_key(b"-----BEGIN CERTIFICATE-----")
    assert may_hold_key("/app/keys/server.key", 1700) and may_hold_key("/etc/ssl/private/x.pem", 900)
    assert not may_hold_key("/usr/share/doc/x", 900) and not may_hold_key("/app/main.py", 900)
    assert not may_hold_key("/opt/venv/lib/python3.11/site-packages/x/key.pem", 900)
    assert not may_hold_key("/app/big.bin", 10 * 1024 * 1024)


@pytest.mark.parametrize(("script", "program"), [
    ("curl -f http://localhost/ || exit 1", "curl"), ("A=1 exec wget -q -O- url", "wget"),
    ("'unbalanced", "'unbalanced"), ("", ""),
])
def test_shell_program(script, program):
    assert shell_program(script) == program


def test_command_program():
    assert command_program(("/bin/sh", "-c", "exec gunicorn app")) == "gunicorn"
    assert command_program(("python3", "app.py")) == "python3"
    assert command_program(None) == ""


@pytest.mark.parametrize(("doc", "platform"), [
    ({"os": "linux", "architecture": "amd64"}, "linux/amd64"),
    ({"os": "linux", "architecture": "arm64", "variant": "v8"}, "linux/arm64/v8"),
    ({"architecture": "amd64"}, ""),  # no os: no platform to name
    ({"os": "linux", "architecture": 7}, "linux"),
    ({}, ""),
])
def test_platform_as_docker_writes_it(doc, platform):
    from dockharden.image.facts import platform_of

    assert platform_of(doc) == platform
