"""The tests' one seam to a real Docker Engine: start it, make the base image, build, run.

How the engine runs on these machines is in ../shared/ENGINE.md: Debian's docker.io
(Engine 20.10), BuildKit only through Debian's own client, no registry, and a base image
made locally with debootstrap.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

DOCKER = "/usr/bin/docker"
BASE_IMAGE = "local/python-base:bookworm"
DOCKERD_LOG = Path(tempfile.gettempdir()) / "dockharden-dockerd.log"
BASE_IMAGE_LOCK = Path(tempfile.gettempdir()) / "dockharden-base-image.lock"
WAIT_FOR_DOCKERD = 60
WAIT_FOR_OTHER_DEBOOTSTRAP = 900


class EngineUnavailable(Exception):
    """No engine can be started here; the message says why."""


def _stderr(message: str) -> None:
    print(f"dockharden tests: {message}", file=sys.stderr, flush=True)


# Says what the slow setup steps are doing (minutes on a bare machine), so that nobody
# takes the wait for a hang; conftest routes it to pytest's terminal.
say: Callable[[str], None] = _stderr


def must_fail_without_engine(environ: dict) -> bool:
    """CI=true: a CI machine that lost its engine must not pass by skipping."""
    return environ.get("CI", "").strip().lower() == "true"


def docker(*args: str, timeout: float = 120, check: bool = True,
           env: dict | None = None) -> subprocess.CompletedProcess[str]:
    """Every engine call goes through here."""
    result = subprocess.run([DOCKER, *args], capture_output=True, text=True, timeout=timeout,
                            env={**os.environ, **(env or {})})
    if check and result.returncode != 0:
        raise RuntimeError(f"docker {' '.join(args[:3])} failed ({result.returncode}): {_tail(result.stderr)}")
    return result


def _tail(text: str | bytes, lines: int = 15) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return "\n".join(text.strip().splitlines()[-lines:])


def engine_ready() -> bool:
    if not Path(DOCKER).exists():
        return False
    try:
        return docker("info", "--format", "{{.ServerVersion}}", timeout=20, check=False).returncode == 0
    except subprocess.TimeoutExpired:
        return False


def ensure_engine() -> None:
    """A running engine, installing and starting one if needed, or EngineUnavailable."""
    if engine_ready():
        return
    if not Path(DOCKER).exists() or shutil.which("dockerd") is None:
        say("installing docker.io and debootstrap with apt-get (a minute or two)")
        apt_install("docker.io", "debootstrap")
    say("starting dockerd")
    _start_dockerd()
    say("dockerd is ready")


def apt_install(*packages: str) -> None:
    """Debian packages, as root; EngineUnavailable (with apt's last lines) when they cannot be installed."""
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        raise EngineUnavailable(f"no Docker Engine, and cannot install {' '.join(packages)} (needs root and apt-get)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update"], ["apt-get", "install", "-y", *packages]):
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=900)
        if result.returncode != 0:
            raise EngineUnavailable(f"{' '.join(command)} failed: {_tail(result.stderr, 3)}")


def _start_dockerd() -> None:
    if shutil.which("dockerd") is None:
        raise EngineUnavailable("dockerd is not installed")
    with DOCKERD_LOG.open("ab") as log:
        # Left running on purpose: later sessions reuse it, like a system service.
        subprocess.Popen(["dockerd"], stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + WAIT_FOR_DOCKERD
    while time.monotonic() < deadline:
        if engine_ready():
            return
        time.sleep(0.5)
    raise EngineUnavailable(f"dockerd did not become ready: {_tail(DOCKERD_LOG.read_text('utf-8', 'replace'), 5)}")


def image_exists(image: str) -> bool:
    return docker("image", "inspect", image, check=False, timeout=30).returncode == 0


def ensure_base_image() -> str:
    """local/python-base:bookworm, made once per machine (about 80 s) and reused."""
    if image_exists(BASE_IMAGE):
        return BASE_IMAGE
    with BASE_IMAGE_LOCK.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not image_exists(BASE_IMAGE) and not _wait_for_other_debootstrap():
            say(f"making the base image {BASE_IMAGE} with debootstrap (about 80 s, once per machine)")
            _make_base_image()
            say(f"{BASE_IMAGE} is ready")
    return BASE_IMAGE


def _wait_for_other_debootstrap() -> bool:
    """Someone else (outside this lock) is making the base image: wait for it rather than race."""
    deadline = time.monotonic() + WAIT_FOR_OTHER_DEBOOTSTRAP
    if _debootstrap_running():
        say(f"waiting for another debootstrap to make {BASE_IMAGE}")
    while _debootstrap_running() and time.monotonic() < deadline:
        if image_exists(BASE_IMAGE):
            return True
        time.sleep(2)
    return image_exists(BASE_IMAGE)


def _debootstrap_running() -> bool:
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        with contextlib.suppress(OSError):
            if b"debootstrap" in cmdline.read_bytes().split(b"\0")[0]:
                return True
    return False


def _make_base_image() -> None:
    if shutil.which("debootstrap") is None:
        apt_install("debootstrap")
    rootfs = Path(tempfile.mkdtemp(prefix="dockharden-rootfs-"))
    try:
        _debootstrap(rootfs)
        shutil.copyfile("/etc/ssl/certs/ca-certificates.crt", rootfs / "etc/ssl/certs/ca-certificates.crt")
        _import_rootfs(rootfs)
    finally:
        shutil.rmtree(rootfs, ignore_errors=True)


def _debootstrap(rootfs: Path) -> None:
    command = ["debootstrap", "--variant=minbase", "--include=python3,python3-venv,ca-certificates",
               "bookworm", str(rootfs), _debian_mirror()]
    result = subprocess.run(command, capture_output=True, text=True, timeout=1200)
    if result.returncode != 0:
        raise EngineUnavailable(f"debootstrap failed: {_tail(result.stdout + result.stderr, 5)}")


def _debian_mirror() -> str:
    sources = Path("/etc/apt/sources.list.d/debian.sources")
    for line in sources.read_text().splitlines() if sources.exists() else ():
        if line.startswith("URIs:"):
            return line.split()[1]
    return "http://deb.debian.org/debian"


def _import_rootfs(rootfs: Path) -> None:
    tar = subprocess.Popen(["tar", "-C", str(rootfs), "-c", "."], stdout=subprocess.PIPE)
    result = subprocess.run([DOCKER, "import", "-c", "ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt",
                             "-", BASE_IMAGE], stdin=tar.stdout, capture_output=True, timeout=600)
    tar.stdout.close()
    if tar.wait() != 0 or result.returncode != 0:
        raise EngineUnavailable(f"docker import of the base image failed: {_tail(result.stderr, 5)}")


def unique_name(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def build(context: Path, dockerfile: str, tag: str, build_args: dict[str, str]) -> float:
    """BuildKit build through Debian's client (the only one that can here); returns seconds taken."""
    args = [arg for name, value in build_args.items() for arg in ("--build-arg", f"{name}={value}")]
    started = time.monotonic()
    docker("build", "--network", "host", "--progress", "plain", "-f", str(context / dockerfile), "-t", tag,
           *args, str(context), timeout=1800, env={"DOCKER_BUILDKIT": "1"})
    return time.monotonic() - started


def remove_image(tag: str) -> None:
    docker("image", "rm", "--force", tag, check=False, timeout=120)


def run_detached(image: str, name: str, *options: str) -> str:
    docker("run", "--detach", "--name", name, *options, image, timeout=120)
    return name


def remove_container(name: str) -> None:
    docker("rm", "--force", "--volumes", name, check=False, timeout=120)


def inspect(target: str, template: str) -> str:
    return docker("inspect", "--format", template, target).stdout.strip()


def exec_in(name: str, *command: str) -> subprocess.CompletedProcess[str]:
    return docker("exec", name, *command, check=False, timeout=60)


def wait_for_health(name: str, timeout: float = 90) -> str:
    """Poll until the health status settles or time runs out; 'exited' when the container died."""
    deadline = time.monotonic() + timeout
    while True:
        state, health = inspect(name, "{{.State.Status}} {{.State.Health.Status}}").split()
        if state != "running":
            return state
        if health != "starting" or time.monotonic() >= deadline:
            return health
        time.sleep(0.5)
