"""The one seam to the Docker Engine: everything in dockharden that talks to it comes here.

It speaks through the `docker` SDK and returns plain data (dicts, strings, chunks of a
save stream); every failure becomes an EngineError with a one-line message.
"""
from __future__ import annotations

import shlex
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import docker
import docker.errors
import requests

SAVE_CHUNK = 1024 * 1024
_ENGINE_ERRORS = (docker.errors.DockerException, requests.RequestException, OSError)


class EngineError(Exception):
    """The engine is unreachable, or refused what we asked."""


class NotOnEngine(EngineError):
    """The engine answered: it has no such image (or container)."""


@dataclass(frozen=True)
class ExecResult:
    exit_code: int
    output: str


@dataclass(frozen=True)
class RunSpec:
    """How `verify` starts a container: no network and no published ports unless asked."""

    image: str
    command: tuple[str, ...] | None = None
    network: str = "none"
    ports: dict[str, tuple[str, int]] = field(default_factory=dict)  # "8000/tcp" -> ("127.0.0.1", 18000)
    environment: dict[str, str] = field(default_factory=dict)
    name: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    # Health timing overrides in nanoseconds (interval, timeout, start_period) and retries;
    # the engine keeps the image's probe and any timing not given, like `docker run --health-*`.
    healthcheck: dict[str, int] = field(default_factory=dict)

    def command_line(self) -> str:
        """The `docker run` command that starts the container Engine.run(self) starts, flag for field."""
        words = ["docker", "run", "-d", *(("--name", self.name) if self.name else ()), "--network", self.network]
        for inside, (ip, port) in self.ports.items():
            words += ["-p", f"{ip}:{port}:{inside}"]
        for key, value in self.environment.items():
            words += ["-e", f"{key}={value}"]
        for key, value in self.labels.items():
            words += ["--label", f"{key}={value}"]
        for timing, amount in self.healthcheck.items():
            words += [f"--health-{timing.replace('_', '-')}", _health_value(timing, amount)]
        return shlex.join([*words, self.image, *(self.command or ())])


def _health_value(key: str, value: int) -> str:
    """Retries as a count; nanoseconds as an exact Go duration, as `docker run --health-*` reads it."""
    if key == "retries":
        return str(value)
    for unit, size in (("s", 10**9), ("ms", 10**6), ("us", 10**3)):
        if value % size == 0:
            return f"{value // size}{unit}"
    return f"{value}ns"


def exec_command_line(container: str, argv: tuple[str, ...], user: str | None = None) -> str:
    """The `docker exec` command that runs what Engine.exec(container, argv, user) runs."""
    return shlex.join(["docker", "exec", *(("--user", user) if user else ()), container, *argv])


def _one_line(exc: BaseException) -> str:
    text = getattr(exc, "explanation", None) or str(exc) or type(exc).__name__
    return " ".join(str(text).split())


class Engine:
    """A connection to one Docker Engine."""

    def __init__(self, client: docker.DockerClient) -> None:
        self._client = client

    @classmethod
    def connect(cls, timeout: int = 60) -> "Engine":
        try:
            client = docker.from_env(timeout=timeout)
            client.ping()
        except _ENGINE_ERRORS as exc:
            raise EngineError(f"cannot reach the Docker engine ({_one_line(exc)})") from None
        return cls(client)

    def _call(self, what: str, function: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except docker.errors.NotFound:
            raise NotOnEngine(f"{what}: not found on the Docker engine") from None
        except _ENGINE_ERRORS as exc:
            raise EngineError(f"{what}: {_one_line(exc)}") from None

    def version(self) -> dict[str, Any]:
        """`docker version`'s server part: Version, ApiVersion, Os, Arch..."""
        return self._call("version", self._client.version)

    # Images

    def inspect_image(self, reference: str) -> dict[str, Any]:
        """The Engine API's image document (Id, RepoTags, Config, RootFS, Size...)."""
        return self._call(f"image {reference}", self._client.api.inspect_image, reference)

    def save_image(self, reference: str) -> Iterator[bytes]:
        """The image's `docker save` tarball, streamed in chunks (nothing lands on disk)."""
        image = self._call(f"image {reference}", self._client.images.get, reference)
        chunks = self._call(f"saving {reference}", image.save, chunk_size=SAVE_CHUNK, named=False)
        try:
            yield from chunks
        except _ENGINE_ERRORS as exc:
            raise EngineError(f"saving {reference}: {_one_line(exc)}") from None

    def image_history(self, reference: str) -> list[dict[str, Any]]:
        """`docker history`: newest step first (Id, Created, CreatedBy, Size, Comment)."""
        return self._call(f"image {reference}", self._client.api.history, reference)

    def image_tags(self) -> list[str]:
        """Every repository:tag the engine holds, sorted (`docker image ls`)."""
        images = self._call("listing images", self._client.api.images)
        return sorted(tag for image in images for tag in image.get("RepoTags") or () if tag != "<none>:<none>")

    def remove_image(self, reference: str) -> None:
        """`docker image rm REFERENCE`: removes the tag, and the image when no other tag holds it."""
        self._call(f"removing image {reference}", self._client.api.remove_image, reference)

    # Containers

    def run(self, spec: RunSpec) -> str:
        """Start a detached container; returns its id."""
        container = self._call(
            f"running {spec.image}", self._client.containers.run, spec.image,
            command=list(spec.command) if spec.command else None, detach=True, name=spec.name,
            network=spec.network, ports=dict(spec.ports) or None, environment=dict(spec.environment),
            labels=dict(spec.labels), healthcheck=dict(spec.healthcheck) or None,
        )
        return container.id

    def inspect_container(self, container_id: str) -> dict[str, Any]:
        """The Engine API's container document (State with Health, ExitCode, OOMKilled...)."""
        return self._call(f"container {container_id[:12]}", self._client.api.inspect_container, container_id)

    def exec(self, container_id: str, argv: tuple[str, ...], user: str | None = None) -> ExecResult:
        container = self._call(f"container {container_id[:12]}", self._client.containers.get, container_id)
        result = self._call(f"exec {' '.join(argv)}", container.exec_run, list(argv), user=user or "", demux=False)
        return ExecResult(result.exit_code, (result.output or b"").decode("utf-8", "replace"))

    def logs(self, container_id: str, tail: int = 200) -> str:
        data = self._call(f"container {container_id[:12]}", self._client.api.logs, container_id, tail=tail)
        return data.decode("utf-8", "replace")

    def stop(self, container_id: str, timeout: int) -> None:
        """`docker stop`: SIGTERM (or the image's StopSignal), SIGKILL after `timeout` seconds."""
        self._call(f"stopping {container_id[:12]}", self._client.api.stop, container_id, timeout=timeout)

    def remove(self, container_id: str) -> None:
        """Force-remove; a container that is already gone is not an error."""
        try:
            self._client.api.remove_container(container_id, force=True, v=True)
        except docker.errors.NotFound:
            return
        except _ENGINE_ERRORS as exc:
            raise EngineError(f"removing {container_id[:12]}: {_one_line(exc)}") from None


def build_image(context: str, dockerfile: str, tag: str, build_args: dict[str, str] | None = None, timeout: int = 1800) -> None:
    """Build with BuildKit (templates use RUN --mount), which the SDK's classic builder lacks.

    Tries the first `docker` found (external.find_program), then Debian's /usr/bin/docker:
    a newer client without buildx refuses BuildKit builds where the distribution's client
    still does them.
    """
    import os

    from dockharden.core.external import find_program, run_program

    argv = ["build", "--network", "host", "-f", dockerfile, "-t", tag]
    for key, value in (build_args or {}).items():
        argv += ["--build-arg", f"{key}={value}"]
    errors = []
    for client in dict.fromkeys(c for c in (find_program("docker"), "/usr/bin/docker") if c and os.path.exists(c)):
        done = run_program([client, *argv, context], timeout=timeout, env={"DOCKER_BUILDKIT": "1"})
        if done.returncode == 0:
            return
        errors.append((done.stderr or done.stdout).strip().splitlines()[-1:] or ["failed"])
    raise EngineError(f"cannot build {tag}: {errors[-1][0] if errors else 'no docker client found'}")
