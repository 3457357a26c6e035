"""References parsed as Docker parses them, with Docker Hub's defaults."""
from __future__ import annotations

import pytest

from dockharden.image.registry.reference import Reference, ReferenceError, is_loopback, parse_reference

DIGEST = "sha256:" + "ab" * 32


@pytest.mark.parametrize("text, expected", [
    ("python", Reference("docker.io", "library/python", "latest", None)),
    ("python:3.12-slim", Reference("docker.io", "library/python", "3.12-slim", None)),
    ("org/app", Reference("docker.io", "org/app", "latest", None)),
    ("docker.io/python", Reference("docker.io", "library/python", "latest", None)),
    ("index.docker.io/org/app:1", Reference("docker.io", "org/app", "1", None)),
    ("ghcr.io/org/app:1.2", Reference("ghcr.io", "org/app", "1.2", None)),
    (f"org/app@{DIGEST}", Reference("docker.io", "org/app", None, DIGEST)),
    (f"ghcr.io/org/app:1.2@{DIGEST}", Reference("ghcr.io", "org/app", "1.2", DIGEST)),
    ("localhost:5000/app", Reference("localhost:5000", "app", "latest", None)),
    ("localhost/app:dev", Reference("localhost", "app", "dev", None)),
    ("127.0.0.1:5000/a/b/c:x", Reference("127.0.0.1:5000", "a/b/c", "x", None)),
    ("[::1]:5000/app", Reference("[::1]:5000", "app", "latest", None)),
    ("registry.example.com/a__b/c-d.e:tag_1", Reference("registry.example.com", "a__b/c-d.e", "tag_1", None)),
])
def test_references(text, expected):
    assert parse_reference(text) == expected


def test_what_the_api_is_asked_for():
    hub = parse_reference("python:3.12")
    assert (hub.api_host, hub.hostname, hub.revision, str(hub)) == (
        "registry-1.docker.io", "docker.io", "3.12", "docker.io/library/python:3.12")
    local = parse_reference(f"localhost:5000/app@{DIGEST}")
    assert (local.api_host, local.hostname, local.revision, str(local)) == (
        "localhost:5000", "localhost", DIGEST, f"localhost:5000/app@{DIGEST}")
    assert parse_reference("[::1]:5000/app").hostname == "::1"


@pytest.mark.parametrize("text, message", [
    ("Org/App", "bad repository name 'Org/App' (lower-case letters, digits and . _ - /)"),
    ("org/app:", "bad tag ''"),
    ("org/app:-x", "bad tag '-x'"),
    ("org/app@sha256:12", "bad digest 'sha256:12' (sha256:<64 hex digits>)"),
    ("ex_ample.com:5000/app", "bad registry host 'ex_ample.com:5000'"),
    ("example.com:50x/app", "bad registry host 'example.com:50x'"),
    ("a//b", "bad repository name 'a//b' (lower-case letters, digits and . _ - /)"),
])
def test_what_is_not_a_reference(text, message):
    with pytest.raises(ReferenceError) as caught:
        parse_reference(text)
    assert str(caught.value) == message


@pytest.mark.parametrize("host, loopback", [
    ("localhost", True), ("127.0.0.1", True), ("127.8.9.1", True), ("::1", True), ("app.localhost", True),
    ("128.0.0.1", False), ("10.0.0.1", False), ("localhost.example.com", False), ("ghcr.io", False),
])
def test_loopback_hosts(host, loopback):
    assert is_loopback(host) is loopback
