"""What well-known base images set up, so rules judge the image a Dockerfile really builds.

Each entry says what the image's own Dockerfile or documentation sets: the ENV it defines,
the non-root USER it ends with, the accounts it creates for a USER to name, a HEALTHCHECK, an entrypoint that starts as root and drops
to another user, whether it runs Python, the programs it ships, whether it ships compilers,
what its default command is for (a service, or a shell/interpreter for images that are
meant to be built on), and whether it is a Windows image. The table is small on purpose:
an image not in it is unknown, and rules then judge the Dockerfile alone. Images built by
another Dockerfile of the same repository are read from that Dockerfile instead
(dockerfile/base_images.py).
"""
from __future__ import annotations

import re

from dockharden.core.records import frozen

_PYTHON_ENV = (("PYTHONUNBUFFERED", "1"), ("PYTHONDONTWRITEBYTECODE", "1"))
# distroless: NONROOT = 65532 in common/variables.bzl of GoogleContainerTools/distroless;
# Chainguard: the Users table of every image's reference page on edu.chainguard.dev (nonroot, 65532)
_NONROOT = (("nonroot", 65532),)
_JUPYTER_ENV = (("NB_USER", "jovyan"), ("NB_UID", "1000"), ("NB_GID", "100"), ("CONDA_DIR", "/opt/conda"))


@frozen
class BaseImage:
    name: str  # the image, as the FROM line names it
    env: tuple[tuple[str, str], ...] = ()  # ENV it sets, with the values it gives
    user: str | None = None  # the non-root USER it ends with (None: root, or not known to be other)
    healthcheck: bool = False
    drops_root: str = ""  # how its entrypoint, started as root, runs the service as another user
    python: bool | None = None  # whether it runs Python; None when not known
    programs: frozenset[str] = frozenset()  # programs it ships besides a shell
    ships_compilers: bool = False
    service: bool | None = None  # its default command starts a service (False: a shell or interpreter)
    windows: bool = False
    purpose: str = ""  # "notebook" (users build packages in it), "toolchain" (a wheel builder), "development", "tool" (its command runs a tool once)
    source: str = ""  # where these facts come from
    built_by: str = ""  # the Dockerfile of this repository that builds it ("" for an outside image)
    accounts: tuple[tuple[str, int], ...] = ()  # accounts it creates with a fixed UID, for a USER to name

    def env_names(self) -> frozenset[str]:
        return frozenset(name for name, _ in self.env)

    def env_values(self) -> dict[str, str | None]:
        return dict(self.env)


def _entry(pattern: str, **facts) -> tuple[re.Pattern[str], dict]:
    return re.compile(pattern), facts


_OS = frozenset({"sh", "bash"})
_NGINX = (("nginx", 101),)  # the official nginx images' account (groupadd --gid 101, useradd --uid 101)
# Patterns match the name without docker.io/ and library/, with the tag (name:tag).
_TABLE = (
    _entry(r"tiangolo/uvicorn-gunicorn(-fastapi|-starlette)?:.*", env=_PYTHON_ENV, python=True, service=True,
           source="tiangolo/uvicorn-gunicorn-docker: ENV PYTHONUNBUFFERED, PYTHONDONTWRITEBYTECODE; /start.sh runs gunicorn"),
    _entry(r"tiangolo/uwsgi-nginx(-flask)?:.*", env=_PYTHON_ENV, python=True, service=True, programs=frozenset({"nginx"}),
           source="tiangolo/uwsgi-nginx-docker: ENV PYTHONUNBUFFERED, PYTHONDONTWRITEBYTECODE; supervisord runs nginx and uWSGI"),
    _entry(r"(quay\.io/)?jupyter/docker-stacks-foundation(:.*)?", env=_JUPYTER_ENV, user="1000", python=True, service=False,
           source="jupyter/docker-stacks: docker-stacks-foundation ends with USER ${NB_UID} (1000)"),
    _entry(r"(quay\.io/)?jupyter/[a-z-]+-notebook(:.*)?", env=(*_JUPYTER_ENV, ("JUPYTER_PORT", "8888")), user="1000",
           healthcheck=True, python=True, service=True, purpose="notebook",
           source="jupyter/docker-stacks: base-notebook sets HEALTHCHECK and every stack ends with USER ${NB_UID} (1000)"),
    _entry(r"nginxinc/nginx-unprivileged:.*alpine.*", user="101", python=False, service=True, programs=frozenset({"nginx", "wget"}),
           accounts=_NGINX, source="nginxinc/nginx-unprivileged: USER 101; Alpine's busybox has wget"),
    _entry(r"nginxinc/nginx-unprivileged(:.*)?", user="101", python=False, service=True, programs=frozenset({"nginx"}),
           accounts=_NGINX, source="nginxinc/nginx-unprivileged: USER 101"),
    _entry(r"nginx:.*alpine-slim.*", python=False, service=True, programs=frozenset({"nginx", "wget"}), accounts=_NGINX,
           source="nginx (Alpine slim): busybox wget; its Dockerfile creates nginx with UID 101 (adduser -u 101)"),
    _entry(r"nginx:.*alpine.*", python=False, service=True, programs=frozenset({"nginx", "wget", "curl"}), accounts=_NGINX,
           source="nginx (Alpine): busybox wget; its Dockerfile adds curl and ca-certificates (apk add --no-cache curl ca-certificates)"
                  " and creates nginx with UID 101"),
    _entry(r"nginx(:.*)?", python=False, service=True, programs=frozenset({"nginx"}), accounts=_NGINX,
           source="nginx: its Dockerfile creates nginx with UID 101 (useradd --uid 101)"),
    _entry(r"postgres(:.*)?", python=False, service=True, drops_root="gosu postgres", programs=frozenset({"pg_isready", "psql"}),
           source="postgres: docker-entrypoint.sh starts the server as postgres through gosu"),
    _entry(r"(redis|mysql|mariadb|mongo)(:.*)?", python=False, service=True, drops_root="gosu",
           source="the official image's entrypoint runs the server as its own user through gosu"),
    _entry(r"(elasticsearch|kibana|logstash):[1-5]([.-].*)?", python=False, service=True, drops_root="gosu",
           source="docker-library's elasticsearch, kibana and logstash images up to 5: docker-entrypoint.sh runs the server as its own user through gosu"),
    _entry(r"pypiserver/pypiserver(:.*)?", python=True, service=True, drops_root="gosu pypiserver",
           source="pypiserver/pypiserver: the entrypoint runs pypi-server as pypiserver through gosu"),
    _entry(r"((lscr|ghcr)\.io/)?(linuxserver|lsiobase)/.*", drops_root="s6-overlay (PUID/PGID)", service=True,
           source="linuxserver.io images: s6-overlay starts as root and runs the service as abc (PUID/PGID)"),
    _entry(r"(gcr\.io/distroless|cgr\.dev/chainguard)/python[^:]*:.*nonroot.*", user="65532", python=True, accounts=_NONROOT,
           source="distroless/Chainguard :nonroot tags run as 65532"),
    _entry(r"(gcr\.io/distroless|cgr\.dev/chainguard)/python.*", python=True, accounts=_NONROOT, source="distroless/Chainguard Python"),
    _entry(r"gcr\.io/distroless/[^:]+:.*nonroot.*", user="65532", python=False, accounts=_NONROOT,
           source="distroless :nonroot tags run as 65532"),
    # cgr.dev/chainguard/* and the mirrors whose name says chainguard (a registry's thirdparty-chainguard-python310)
    _entry(r"[^:]*chainguard[^:]*(:.*)?", accounts=_NONROOT,
           source="Chainguard images create nonroot with UID 65532 (edu.chainguard.dev, each image's reference: Users)"),
    _entry(r"node(:.*)?", python=False, service=False, accounts=(("node", 1000),),
           source="node: its Dockerfile creates the account node with UID 1000 (useradd --uid 1000), runs as root and "
                  "its CMD is node, a REPL"),
    _entry(r"apache/airflow(:.*)?", user="50000", python=True, accounts=(("airflow", 50000),),
           source="apache/airflow: its Dockerfile creates airflow with AIRFLOW_UID 50000 and ends with USER 50000"),
    _entry(r"locustio/locust(:.*)?", user="locust", env=(("PYTHONUNBUFFERED", "1"),), python=True, service=True,
           source="locustio/locust: its Dockerfile ends with USER locust and sets ENV PYTHONUNBUFFERED=1"),
    _entry(r"(traefik|caddy|busybox|golang|rust|openjdk|eclipse-temurin|amazoncorretto|httpd|haproxy|amazon/aws-cli"
           r"|arigaio/atlas|cypress/[a-z-]+|hashicorp/[a-z-]+)(:.*)?", python=False,
           source="an image whose programs are not Python"),
    _entry(r"quay\.io/pypa/(manylinux|musllinux)[^:]*(:.*)?", python=True, ships_compilers=True, purpose="toolchain", service=False,
           source="pypa manylinux/musllinux: the toolchain Python wheels are built with"),
    _entry(r"mcr\.microsoft\.com/(vscode/)?devcontainers/.*", purpose="development", service=False,
           source="a Dev Containers image"),
    _entry(r"rayproject/ray(-ml)?(:.*)?", user="1000", python=True, service=False,
           source="rayproject/ray: the images end with USER ray (1000) and set no command (ubuntu's bash)"),
    _entry(r"gitpod/workspace-[a-z0-9-]+(:.*)?", user="33333", purpose="development", service=False,
           source="a Gitpod workspace image: gitpod/workspace-images end with USER gitpod (33333)"),
    _entry(r"(mcr\.microsoft\.com/windows/|mcr\.microsoft\.com/powershell:.*nanoserver).*", windows=True, service=False,
           programs=frozenset({"powershell", "cmd"}), source="a Windows image"),
    _entry(r"python:.*(windowsservercore|nanoserver).*", windows=True, python=True, service=False,
           programs=frozenset({"python", "powershell", "cmd"}), source="python on Windows Server Core"),
    _entry(r"(python|pypy):.*alpine.*", python=True, service=False, programs=frozenset({"python", "python3", "wget"}),
           source="python (Alpine): CMD python3; busybox wget"),
    _entry(r"(python|pypy)(:.*)?", python=True, service=False, programs=frozenset({"python", "python3", "bash"}),
           source="python: CMD python3"),
    _entry(r"(ghcr\.io/astral-sh/uv):.*python.*", python=True, service=False, source="uv's Python images"),
    _entry(r"pytorch/pytorch(:.*)?", python=True, service=False, source="pytorch/pytorch"),
    _entry(r"(quay\.io/sclorg/python-3\d+-c\d+s|registry\.(access\.)?redhat\.io/ubi\d+/python-3\d+|registry\.access\.redhat\.com/ubi\d+/python-3\d+)(:.*)?",
           env=(("PYTHONUNBUFFERED", "1"), ("PIP_NO_CACHE_DIR", "off")), user="1001", python=True, ships_compilers=True, service=False,
           source="sclorg/s2i-python-container: ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=off, gcc and -devel packages, USER 1001"),
    _entry(r"(centos/nginx-\d+-centos7|quay\.io/sclorg/nginx-\d+-c\d+s|registry\.access\.redhat\.com/ubi\d+/nginx-\d+)(:.*)?",
           user="1001", python=False, service=True, programs=frozenset({"nginx"}),
           source="sclorg/nginx-container: USER 1001"),
    _entry(r"nvcr\.io/nvidia/l4t-(base|cuda|jetpack)(:.*)?", service=False, programs=_OS,
           source="NVIDIA L4T (Jetson) images: Ubuntu with the Jetson libraries, no command of their own (bash)"),
    # CANN also ships gcc, g++ and make, but its toolkit compiles operators at run time and no
    # image without them exists to suggest instead: not said here (ships_compilers).
    _entry(r"([\w.-]+/)*(ascendhub|ascendai)/cann(:.*)?", python=True, service=False, programs=_OS,
           source="Ascend CANN images (Ascend/cann-container-image): Python, and an ENTRYPOINT that sources the "
                  "toolkit's environment and runs the command it is given, with no CMD"),
    _entry(r"(debian|ubuntu|alpine|fedora|centos|rockylinux|almalinux|amazonlinux|buildpack-deps|nvidia/cuda"
           r"|registry\.access\.redhat\.com/ubi\d+/ubi[a-z-]*)(:.*)?", service=False, programs=_OS,
           source="an operating system image: CMD is a shell"),
)


def normalized(image: str) -> str:
    """docker.io/library/python:3.12@sha256:... -> python:3.12"""
    name = image.split("@", 1)[0]
    for prefix in ("docker.io/library/", "docker.io/", "index.docker.io/library/", "library/"):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


_KNOWN: dict[str, BaseImage | None] = {}


def well_known(image: str) -> BaseImage | None:
    """What the table knows of an image, or None (each image looked up once)."""
    if image not in _KNOWN:
        _KNOWN[image] = _look_up(image)
    return _KNOWN[image]


def _look_up(image: str) -> BaseImage | None:
    name = normalized(image)
    for pattern, facts in _TABLE:
        if pattern.fullmatch(name):
            compilers = facts.get("ships_compilers", False) or _full_python_base(name)
            return BaseImage(image, **{**facts, "ships_compilers": compilers})
    return None


def _full_python_base(name: str) -> bool:
    """tiangolo's images are built FROM the full python:3.X (gcc, headers) unless the tag says slim or alpine."""
    return name.startswith("tiangolo/") and not any(word in name.split(":", 1)[-1] for word in ("slim", "alpine"))
