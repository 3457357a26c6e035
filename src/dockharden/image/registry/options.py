"""How to reach a registry: the settings the CLI builds before any registry is asked.

Kept apart from `client.py` so that building them imports no HTTP stack: an `inspect` of a
tarball or an engine image never loads httpx (start-up time and memory).
"""
from __future__ import annotations

from dockharden.core.records import frozen


@frozen
class ClientOptions:
    insecure: frozenset[str] = frozenset()  # hosts (host or host:port) allowed plain HTTP, unverified TLS
    connect_timeout: float = 10.0
    read_timeout: float = 60.0
    attempts: int = 5  # per request, on 429, 5xx and lost connections
    backoff: float = 0.5  # seconds before the first retry, doubled each time
    max_retry_after: float = 60.0  # a longer Retry-After is an error, not a wait
    resumes: int = 3  # Range requests after a blob was cut off


@frozen
class RegistryOptions:
    platform: str | None = None  # os/arch[/variant]; None: linux and the host's architecture
    client: ClientOptions = ClientOptions()
    docker_config: str | None = None  # a config.json; None: $DOCKER_CONFIG or ~/.docker
