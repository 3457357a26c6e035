"""What a generated service is: the frozen, validated spec the templates render from, and the
defaults they share (uv version, gunicorn settings, health timings)."""
from __future__ import annotations

import re
from dataclasses import dataclass

UV_VERSION = "0.13.9"
TEMPLATES: tuple[str, ...] = ("alpine", "slim", "gunicorn", "dev")
DOCKERFILE_NAMES = {
    "alpine": "Dockerfile.optimized-alpine",
    "slim": "Dockerfile.optimized-slim",
    "gunicorn": "Dockerfile.production-gunicorn",
    "dev": "Dockerfile.dev",
}
GUNICORN_DEFAULTS: tuple[tuple[str, str], ...] = (
    ("GUNICORN_WORKERS", "4"),
    ("GUNICORN_TIMEOUT", "120"),
    ("GUNICORN_GRACEFUL_TIMEOUT", "30"),
    ("GUNICORN_KEEPALIVE", "5"),
    ("GUNICORN_MAX_REQUESTS", "1000"),
    ("GUNICORN_MAX_REQUESTS_JITTER", "100"),
)
# Seconds the orchestrator waits after SIGTERM: above gunicorn's graceful timeout.
STOP_GRACE_SECONDS = 45


@dataclass(frozen=True)
class HealthTimings:
    interval: str
    timeout: str
    start_period: str
    retries: int = 3


HEALTH_TIMINGS = {
    "alpine": HealthTimings("30s", "10s", "5s"),
    "slim": HealthTimings("30s", "10s", "5s"),
    "gunicorn": HealthTimings("30s", "10s", "10s"),
    "dev": HealthTimings("30s", "30s", "5s"),
}

_CHECKS = (
    ("template", lambda v: v in TEMPLATES, f"must be one of {', '.join(TEMPLATES)}"),
    ("name", re.compile(r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?").fullmatch, "must be a DNS label (a-z, 0-9, '-')"),
    ("python_version", re.compile(r"3\.\d{1,2}").fullmatch, "must look like 3.12"),
    ("base_image", lambda v: v is None or re.fullmatch(r"[\w][\w.\-/:@]*", v), "must be an image reference"),
    ("app_module", re.compile(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*:[A-Za-z_]\w*").fullmatch, "must look like main:app"),
    ("app_dir", lambda v: _safe_relative(v, allow_dot=True), "must be a relative folder inside the project"),
    ("port", lambda v: 1 <= v <= 65535, "must be between 1 and 65535"),
    ("health_path", re.compile(r"/[\w\-./]*").fullmatch, "must be a path such as /health"),
    ("ready_path", re.compile(r"/[\w\-./]*").fullmatch, "must be a path such as /ready"),
    ("uid", lambda v: 1 <= v <= 2**31 - 2, "must be a non-root id (1 or more)"),
    ("gid", lambda v: 1 <= v <= 2**31 - 2, "must be a non-root id (1 or more)"),
    ("requirements", lambda v: _safe_relative(v), "must be a relative file inside the project"),
    ("app_version", re.compile(r"[\w.+\-]+").fullmatch, "must be a version such as 1.0.0"),
)


def _safe_relative(path: str, allow_dot: bool = False) -> bool:
    if path == ".":
        return allow_dot
    parts = path.split("/")
    return bool(re.fullmatch(r"[\w.\-/]+", path)) and not path.startswith("/") and ".." not in parts and "" not in parts


@dataclass(frozen=True)
class ServiceSpec:
    """Everything a template needs; validated on construction (ValueError names the field)."""

    template: str = "slim"
    name: str = "ml-service"
    python_version: str = "3.12"
    base_image: str | None = None
    app_module: str = "main:app"
    app_dir: str = "app"
    port: int = 8000
    health_path: str = "/health"
    ready_path: str = "/ready"
    uid: int = 1000
    gid: int = 1000
    requirements: str = "requirements.txt"
    uv_lock: bool = False
    read_only_code: bool = False
    gpu: bool = False
    k8s: bool = False
    sample_app: bool = True
    app_version: str = "0.1.0"
    health: HealthTimings | None = None

    def __post_init__(self) -> None:
        for field_name, valid, rule in _CHECKS:
            value = getattr(self, field_name)
            if not valid(value):
                raise ValueError(f"{field_name} {value!r} {rule}")

    @property
    def dockerfile(self) -> str:
        return DOCKERFILE_NAMES[self.template]

    @property
    def timings(self) -> HealthTimings:
        return self.health or HEALTH_TIMINGS[self.template]

    @property
    def default_base_image(self) -> str:
        variant = "alpine" if self.template == "alpine" else "slim"
        return self.base_image or f"python:${{PYTHON_VERSION}}-{variant}"

    @property
    def example_base_image(self) -> str:
        """The default base image written out, for build instructions."""
        variant = "alpine" if self.template == "alpine" else "slim"
        return self.base_image or f"python:{self.python_version}-{variant}"

    @property
    def code_owner(self) -> str:
        return "0:0" if self.read_only_code else f"{self.uid}:{self.gid}"

    @property
    def module_file(self) -> str:
        module = self.app_module.split(":", 1)[0].replace(".", "/") + ".py"
        return module if self.app_dir == "." else f"{self.app_dir}/{module}"

    @property
    def app_attr(self) -> str:
        return self.app_module.split(":", 1)[1]

    @property
    def probe(self) -> tuple[str, ...]:
        url = f"http://127.0.0.1:{self.port}{self.health_path}"
        return ("python", "-c", f"import urllib.request as u; u.urlopen('{url}', timeout=5)")
