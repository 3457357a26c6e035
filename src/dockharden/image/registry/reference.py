"""Image references as Docker reads them: `[registry/]repository[:tag][@digest]`.

The first component is a registry when it holds a `.` or a `:` or is `localhost`;
otherwise the image is on Docker Hub (`docker.io`, whose API lives at
`registry-1.docker.io`), where a one-component name is an official image (`library/`).
Without a tag or a digest the tag is `latest`.
"""
from __future__ import annotations

import ipaddress
import re

from dockharden.core.records import frozen

DOCKER_HUB = "docker.io"
DOCKER_HUB_API = "registry-1.docker.io"
_HUB_ALIASES = frozenset({"docker.io", "index.docker.io", "registry-1.docker.io"})
_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_REPOSITORY = re.compile(rf"{_COMPONENT}(?:/{_COMPONENT})*")
_TAG = re.compile(r"[\w][\w.-]{0,127}")
_DIGEST = re.compile(r"(sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})")
_HOST = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
                   r"|\[[0-9a-fA-F:.]+\]")
_PORT = re.compile(r"[0-9]{1,5}")
_MAX_NAME = 255


class ReferenceError(ValueError):
    """Not an image reference; the message says what is wrong with it."""


@frozen
class Reference:
    registry: str  # as written ("docker.io" for Docker Hub), host[:port]
    repository: str  # with `library/` for Docker Hub's official images
    tag: str | None
    digest: str | None

    @property
    def api_host(self) -> str:
        """Where the registry's API answers (Docker Hub's is not docker.io itself)."""
        return DOCKER_HUB_API if self.registry == DOCKER_HUB else self.registry

    @property
    def hostname(self) -> str:
        """The host without its port (and without an IPv6 literal's brackets)."""
        host = self.registry.rsplit(":", 1)[0] if not self.registry.endswith("]") else self.registry
        return host.strip("[]")

    @property
    def revision(self) -> str:
        """What the manifest endpoint is asked for: the digest when given, else the tag."""
        return self.digest or self.tag or "latest"

    def __str__(self) -> str:
        text = f"{self.registry}/{self.repository}"
        if self.tag:
            text += f":{self.tag}"
        return f"{text}@{self.digest}" if self.digest else text


def parse_reference(text: str) -> Reference:
    """The reference `text` names, with Docker Hub's defaults; ReferenceError if it is none."""
    rest, _, digest = text.partition("@")
    if digest and not _DIGEST.fullmatch(digest):
        raise ReferenceError(f"bad digest {digest[:80]!r} (sha256:<64 hex digits>)")
    registry, path = _split_registry(rest)
    name, tag = _split_tag(path)
    if not _REPOSITORY.fullmatch(name) or len(name) > _MAX_NAME:
        raise ReferenceError(f"bad repository name {name[:80]!r} (lower-case letters, digits and . _ - /)")
    if tag is not None and not _TAG.fullmatch(tag):
        raise ReferenceError(f"bad tag {tag[:80]!r}")
    if registry in _HUB_ALIASES:
        registry = DOCKER_HUB
        name = name if "/" in name else f"library/{name}"
    return Reference(registry, name, tag if tag or digest else "latest", digest or None)


def _split_registry(text: str) -> tuple[str, str]:
    first, slash, rest = text.partition("/")
    if not slash or not ("." in first or ":" in first or first == "localhost"):
        return DOCKER_HUB, text
    host, _, port = first.rpartition(":") if ":" in first and not first.endswith("]") else (first, "", "")
    if not _HOST.fullmatch(host) or (port and not _PORT.fullmatch(port)):
        raise ReferenceError(f"bad registry host {first[:80]!r}")
    return first, rest


def _split_tag(path: str) -> tuple[str, str | None]:
    name, colon, tag = path.rpartition(":")
    if not colon or "/" in tag:
        return path, None
    return name, tag


def is_loopback(host: str) -> bool:
    """localhost, 127.0.0.0/8 and ::1: where Docker allows plain HTTP without being told."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
