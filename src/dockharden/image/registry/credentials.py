"""Credentials for a registry, found as the Docker client finds them.

`$DOCKER_CONFIG/config.json` (default `~/.docker/config.json`): a `credHelpers` entry for
the registry, else `credsStore`, else the `auths` entry (`auth` is base64 `user:password`;
`identitytoken` is an OAuth2 refresh token). Helpers are the `docker-credential-NAME`
programs, run through the one seam to outside programs. Secrets are kept in this record
only and never put in a message.
"""
from __future__ import annotations

import base64
import binascii
import json
import os
import subprocess
from typing import Any

from dockharden.core.external import ProgramNotFound, run_program
from dockharden.core.records import frozen
from dockharden.image.registry.reference import DOCKER_HUB

HUB_KEY = "https://index.docker.io/v1/"  # what `docker login` writes for Docker Hub
_HELPER_TIMEOUT = 30
_MAX_CONFIG_BYTES = 4 * 1024 * 1024


class CredentialError(Exception):
    """config.json or a credential helper is unusable; the message holds no secret."""


@frozen
class Credentials:
    username: str = ""
    password: str = ""
    identity_token: str = ""  # a refresh token (`docker login` with an OAuth2 registry)

    @property
    def anonymous(self) -> bool:
        return not (self.username or self.password or self.identity_token)

    def __repr__(self) -> str:  # a traceback or a debugger must not show the secret
        return f"Credentials(username={self.username!r}, secret={'***' if not self.anonymous else ''!r})"


ANONYMOUS = Credentials()


def config_path(environ: dict[str, str] | os._Environ[str] = os.environ) -> str:
    folder = environ.get("DOCKER_CONFIG") or os.path.join(os.path.expanduser("~"), ".docker")
    return os.path.join(folder, "config.json")


def credentials_for(registry: str, path: str | None = None) -> Credentials:
    """What config.json (or its helper) holds for `registry`; anonymous when nothing does."""
    config = _load(path or config_path())
    key = HUB_KEY if registry == DOCKER_HUB else registry
    helpers = config.get("credHelpers")
    helper = helpers.get(registry) if isinstance(helpers, dict) else None
    if not isinstance(helper, str) or not helper:
        helper = config.get("credsStore") if isinstance(config.get("credsStore"), str) else None
    if helper:
        found = from_helper(helper, key)
        if not found.anonymous:
            return found
    return _from_auths(config.get("auths"), registry, key)


def _load(path: str) -> dict[str, Any]:
    try:
        with open(path, "rb") as file:
            data = file.read(_MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise CredentialError(f"{path}: {exc.strerror or exc}") from None
    try:
        config = json.loads(data) if len(data) <= _MAX_CONFIG_BYTES else None
    except ValueError:
        config = None
    if not isinstance(config, dict):
        raise CredentialError(f"{path} is not a JSON object of at most 4 MiB")
    return config


def _from_auths(auths: Any, registry: str, key: str) -> Credentials:
    if not isinstance(auths, dict):
        return ANONYMOUS
    entry = auths.get(key) or next((v for k, v in auths.items() if _server(k) == registry), None)
    if not isinstance(entry, dict):
        return ANONYMOUS
    username, password = str(entry.get("username") or ""), str(entry.get("password") or "")
    if isinstance(entry.get("auth"), str) and entry["auth"]:
        username, password = _decode_auth(entry["auth"], key)
    return Credentials(username, password, str(entry.get("identitytoken") or ""))


def _server(key: str) -> str:
    """`https://host:port/v1/` -> `host:port`, as the Docker client compares auths keys."""
    host = key.split("://", 1)[-1].split("/", 1)[0]
    return DOCKER_HUB if host in ("index.docker.io", "registry-1.docker.io") else host


def _decode_auth(value: str, key: str) -> tuple[str, str]:
    try:
        username, colon, password = base64.b64decode(value, validate=True).decode("utf-8").partition(":")
    except (binascii.Error, UnicodeDecodeError):
        raise CredentialError(f"config.json: the auth of {key} is not base64 of user:password") from None
    if not colon:
        raise CredentialError(f"config.json: the auth of {key} is not base64 of user:password")
    return username, password


def from_helper(helper: str, server: str) -> Credentials:
    """`docker-credential-HELPER get`, given the server on stdin, prints {"Username", "Secret"}."""
    program = f"docker-credential-{helper}"
    try:
        done = run_program([program, "get"], input=server, timeout=_HELPER_TIMEOUT)
    except ProgramNotFound:
        raise CredentialError(f"credential helper {program} is not installed") from None
    except (OSError, subprocess.SubprocessError) as exc:
        raise CredentialError(f"credential helper {program} failed: {type(exc).__name__}") from None
    if done.returncode != 0:
        if "credentials not found" in done.stdout.lower() + done.stderr.lower():
            return ANONYMOUS
        raise CredentialError(f"credential helper {program} exited with {done.returncode}")
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        raise CredentialError(f"credential helper {program} did not print a JSON object")
    username, secret = str(answer.get("Username") or ""), str(answer.get("Secret") or "")
    return Credentials(identity_token=secret) if username == "<token>" else Credentials(username, secret)
