"""config.json as the Docker client reads it: credHelpers, then credsStore, then auths;
helpers run through the one seam to outside programs."""
from __future__ import annotations

import json
import os

import pytest

from dockharden.image.registry.credentials import (
    ANONYMOUS, CredentialError, Credentials, config_path, credentials_for,
)
from support.registry import basic_auth, write_credential_helper


def _config(tmp_path, data) -> str:
    path = tmp_path / "config.json"
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)
    return str(path)


def test_the_config_is_found_through_docker_config(tmp_path):
    assert config_path({"DOCKER_CONFIG": str(tmp_path)}) == str(tmp_path / "config.json")
    assert config_path({"HOME": "/nowhere"}).endswith(os.path.join(".docker", "config.json"))


def test_auths_by_host_base64_and_plain_fields(tmp_path):
    path = _config(tmp_path, {"auths": {
        "ghcr.io": {"auth": basic_auth("u1", "p:1")},
        "https://quay.io/v1/": {"username": "u2", "password": "p2"},
        "https://index.docker.io/v1/": {"auth": basic_auth("hub", "h"), "identitytoken": "refresh-me"},
    }})
    assert credentials_for("ghcr.io", path) == Credentials("u1", "p:1")
    assert credentials_for("quay.io", path) == Credentials("u2", "p2")
    assert credentials_for("docker.io", path) == Credentials("hub", "h", "refresh-me")
    assert credentials_for("example.com", path) == ANONYMOUS


def test_no_config_is_anonymous(tmp_path):
    assert credentials_for("ghcr.io", str(tmp_path / "absent.json")) == ANONYMOUS


@pytest.mark.parametrize("data, message", [
    ("{not json", "is not a JSON object of at most 4 MiB"),
    ("[]", "is not a JSON object of at most 4 MiB"),
    ({"auths": {"ghcr.io": {"auth": "***"}}}, "config.json: the auth of ghcr.io is not base64 of user:password"),
    ({"auths": {"ghcr.io": {"auth": "bm9jb2xvbg=="}}}, "config.json: the auth of ghcr.io is not base64 of user:password"),
])
def test_a_bad_config_is_one_line_without_the_secret(tmp_path, data, message):
    path = _config(tmp_path, data)
    with pytest.raises(CredentialError) as caught:
        credentials_for("ghcr.io", path)
    assert str(caught.value) in (message, f"{path} {message}")


def test_a_cred_helper_comes_before_auths_and_creds_store(tmp_path, monkeypatch):
    write_credential_helper(tmp_path / "bin", "one", "ghcr.io", "helper-user", "helper-secret")
    write_credential_helper(tmp_path / "bin2", "store", "quay.io", "store-user", "store-secret")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{tmp_path / 'bin2'}{os.pathsep}{os.environ['PATH']}")
    path = _config(tmp_path, {"credHelpers": {"ghcr.io": "one"}, "credsStore": "store",
                              "auths": {"ghcr.io": {"auth": basic_auth("file", "f")},
                                        "example.com": {"auth": basic_auth("file", "f")}}})
    assert credentials_for("ghcr.io", path) == Credentials("helper-user", "helper-secret")
    assert credentials_for("quay.io", path) == Credentials("store-user", "store-secret")
    assert credentials_for("example.com", path) == Credentials("file", "f")  # the store has none: auths
    assert (tmp_path / "bin" / "asked.log").read_text() == "ghcr.io\n"


def test_a_helper_token_user_is_an_identity_token(tmp_path, monkeypatch):
    write_credential_helper(tmp_path / "bin", "tok", "ghcr.io", "<token>", "refresh-abc")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    path = _config(tmp_path, {"credHelpers": {"ghcr.io": "tok"}})
    assert credentials_for("ghcr.io", path) == Credentials(identity_token="refresh-abc")


def test_a_helper_that_fails_is_one_line(tmp_path, monkeypatch):
    helper = tmp_path / "bin" / "docker-credential-broken"
    helper.parent.mkdir()
    helper.write_text("#!/bin/sh\necho 'secret-in-output' >&2\nexit 7\n")
    helper.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    path = _config(tmp_path, {"credHelpers": {"ghcr.io": "broken"}})
    with pytest.raises(CredentialError) as caught:
        credentials_for("ghcr.io", path)
    assert str(caught.value) == "credential helper docker-credential-broken exited with 7"
