"""Tags that name no version: each rebuild may pull another release.

`latest` and the tags that start with it (`latest-cu12`, `latest-fips-dev`) follow every
release; so do release channels (`stable`, `nightly`, `edge`, `rolling`, `lts`, `current`,
`mainline`) when no number pins them (`nightly-2024-05-01` is one build). The official
images of a language runtime or server tag each release by its version (`3.12-slim`,
`16-alpine`, `1.27-alpine`); a tag that names only a variant or a distribution (`slim`,
`alpine`, `slim-bookworm`, `alpine3.20`) moves to the next major release. Distribution
images are left out: their codenames (`debian:bookworm`, `ubuntu:noble`) are releases,
and so are Node.js's (`node:iron` is the 20.x line). A tag that pins a major version only
(`python:3-slim`) moves within it, as `3.12-slim` moves on patches: not what this is about.
"""
from __future__ import annotations

import re

_CHANNELS = frozenset({"stable", "nightly", "edge", "rolling", "lts", "current", "mainline"})
# Official images whose tags start with the software's version (hub.docker.com/_/NAME).
_VERSIONED_BY_TAG = frozenset({
    "python", "pypy", "node", "golang", "ruby", "rust", "php", "perl", "openjdk", "eclipse-temurin", "amazoncorretto",
    "nginx", "httpd", "redis", "postgres", "mysql", "mariadb", "mongo", "memcached", "rabbitmq", "caddy", "haproxy",
})
# Words of such a tag that name a variant or a distribution, not a release.
_VARIANT = re.compile(r"slim|alpine(\d+(\.\d+)*)?|bookworm|bullseye|buster|trixie|stretch|jammy|noble|focal"
                      r"|windowsservercore|nanoserver")


def floating_reason(name: str, tag: str) -> str | None:
    """Why `name:tag` (name without registry, e.g. `python`, `h2oai/app`) names no version,
    or None when the tag pins one."""
    words = tag.lower().split("-")
    if words[0] == "latest":
        return f"{tag} follows every release"
    if words[0] in _CHANNELS and not any(c.isdigit() for c in tag):
        return f"{tag} is a release channel that moves on"
    if _official_name(name) in _VERSIONED_BY_TAG and _VARIANT.fullmatch(words[0]):
        return f"{tag} names a variant, not a version of {_official_name(name)}"
    return None


def _official_name(name: str) -> str | None:
    """`python` for python and docker.io/library/python; None for any other owner."""
    for prefix in ("docker.io/library/", "library/", "index.docker.io/library/"):
        name = name.removeprefix(prefix)
    return None if "/" in name else name
