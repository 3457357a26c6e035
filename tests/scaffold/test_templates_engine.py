"""The generated templates, built and run on a real Docker Engine.

Each image is built once per module from a folder `dockharden new --template all` wrote,
on the local Debian base image (there is no Alpine base here, so the alpine template is
checked statically in test_render.py and test_peers.py).
"""
from __future__ import annotations

import json
import os
import shlex
import subprocess

import pytest
from click.testing import CliRunner
from support import engine

from dockharden.cli.new import new
from dockharden.scaffold.render import render
from dockharden.scaffold.spec import (
    DOCKERFILE_NAMES,
    GUNICORN_DEFAULTS,
    HEALTH_TIMINGS,
    UV_VERSION,
    ServiceSpec,
)

pytestmark = pytest.mark.engine

BUILT = ("slim", "gunicorn", "dev")
LABELS = {"APP_VERSION": "1.2.3", "BUILD_DATE": "2026-01-02T03:04:05Z", "COMMIT_SHA": "0123abcd"}
# HEALTHCHECK flags cannot take build arguments, so tests shorten the timings at run time.
FAST_HEALTH = ("--network", "none", "--health-interval=1s", "--health-timeout=5s", "--health-start-period=60s")
SECONDS = 1_000_000_000


def _generate(root, *options: str):
    result = CliRunner().invoke(new, [str(root), "--name", "dh-sample", *options])
    assert result.exit_code == 0, result.output
    return root


class Lab:
    """Images and long-running containers shared by the module's tests, each made once."""

    def __init__(self, base_image: str, folders: dict) -> None:
        self.base_image, self.folders = base_image, folders
        self.images: dict[str, str] = {}
        self.containers: dict[str, str] = {}
        self.build_seconds: dict[str, float] = {}

    def image(self, key: str) -> str:
        if key not in self.images:
            template = key.split("-", 1)[0]
            tag = engine.unique_name(f"dockharden-test/{key}")
            args = {"BASE_IMAGE": self.base_image, **LABELS}
            self.build_seconds[key] = engine.build(self.folders[key], DOCKERFILE_NAMES[template], tag, args)
            self.images[key] = tag
        return self.images[key]

    def running(self, key: str) -> str:
        if key not in self.containers:
            name = engine.unique_name(f"dockharden-test-{key}")
            self.containers[key] = name
            engine.run_detached(self.image(key), name, *FAST_HEALTH)
            engine.wait_for_health(name)
        return self.containers[key]

    def close(self) -> None:
        for name in self.containers.values():
            engine.remove_container(name)
        for tag in self.images.values():
            engine.remove_image(tag)


@pytest.fixture(scope="module")
def lab(docker_engine, tmp_path_factory):
    every = _generate(tmp_path_factory.mktemp("every-template"), "--template", "all")
    read_only = _generate(tmp_path_factory.mktemp("read-only"), "--template", "slim", "--read-only-code")
    folders = {"slim": every, "gunicorn": every, "dev": every, "slim-read-only": read_only}
    lab = Lab(docker_engine, folders)
    yield lab
    lab.close()


@pytest.mark.parametrize("template", BUILT)
def test_container_becomes_healthy(lab, template):
    name = lab.running(template)
    assert engine.wait_for_health(name) == "healthy", engine.docker("logs", name).stderr


@pytest.mark.parametrize("template", BUILT)
def test_process_runs_as_uid_and_gid_1000(lab, template):
    name = lab.running(template)
    assert engine.exec_in(name, "id").stdout.strip() == "uid=1000(app) gid=1000(app) groups=1000(app)"
    assert engine.exec_in(name, "whoami").stdout.strip() == "app"


@pytest.mark.parametrize("template", BUILT)
def test_image_config_has_numeric_user_healthcheck_and_labels(lab, template):
    config = json.loads(engine.inspect(lab.image(template), "{{json .Config}}"))
    timings = HEALTH_TIMINGS[template]
    assert config["User"] == "1000:1000"
    assert config["Healthcheck"] == {
        "Test": ["CMD", *ServiceSpec(template=template).probe],
        "Interval": int(timings.interval[:-1]) * SECONDS,
        "Timeout": int(timings.timeout[:-1]) * SECONDS,
        "StartPeriod": int(timings.start_period[:-1]) * SECONDS,
        "Retries": 3,
    }
    labels = config["Labels"]
    assert labels["org.opencontainers.image.version"] == "1.2.3"
    assert labels["org.opencontainers.image.created"] == "2026-01-02T03:04:05Z"
    assert labels["org.opencontainers.image.revision"] == "0123abcd"
    assert labels["org.opencontainers.image.base.name"] == lab.base_image


@pytest.mark.parametrize("template", BUILT)
def test_environment_is_configured(lab, template):
    lines = engine.exec_in(lab.running(template), "env").stdout.splitlines()
    env = dict(line.split("=", 1) for line in lines)
    assert env["PYTHONDONTWRITEBYTECODE"] == "1"
    assert env["PYTHONUNBUFFERED"] == "1"
    assert env["HF_HOME"] == "/app/models"
    assert env["PATH"].startswith("/opt/venv/bin:")
    assert "TRANSFORMERS_CACHE" not in env
    expected_gunicorn = dict(GUNICORN_DEFAULTS) if template == "gunicorn" else {}
    assert {k: v for k, v in env.items() if k.startswith("GUNICORN_")} == expected_gunicorn


@pytest.mark.parametrize("template", BUILT)
def test_everything_under_app_is_owned_by_the_app_user(lab, template):
    listing = engine.exec_in(lab.running(template), "find", "/app", "-printf", "%U:%G %p\n").stdout
    owners = dict(reversed(line.split(" ", 1)) for line in listing.splitlines())
    expected = {"/app", "/app/models", "/app/data", "/app/main.py"} | ({"/app/gunicorn.conf.py"} if template == "gunicorn" else set())
    assert expected <= set(owners)
    assert set(owners.values()) == {"1000:1000"}


def test_read_only_code_belongs_to_root_and_only_models_and_data_are_writable(lab):
    name = lab.running("slim-read-only")
    listing = engine.exec_in(name, "find", "/app", "-printf", "%U:%G %m %p\n").stdout
    assert sorted(listing.splitlines()) == [
        "0:0 644 /app/main.py", "0:0 755 /app", "1000:1000 755 /app/data", "1000:1000 755 /app/models",
    ]
    assert engine.exec_in(name, "touch", "/app/main.py").returncode != 0
    assert engine.exec_in(name, "touch", "/app/new.py").returncode != 0
    assert engine.exec_in(name, "touch", "/app/models/weights.bin", "/app/data/rows.csv").returncode == 0


@pytest.mark.parametrize("template", (*BUILT, "slim-read-only"))
def test_history_has_no_chown_layer(lab, template):
    history = engine.docker("history", "--no-trunc", "--format", "{{.CreatedBy}}", lab.image(template)).stdout
    assert "COPY app/ /app/" in history
    assert [line for line in history.splitlines() if "chown" in line.lower()] == []


@pytest.mark.parametrize("template", ("slim", "gunicorn"))
def test_final_stage_ships_no_uv_caches_or_compilers(lab, template):
    name = lab.running(template)
    probe = "for p in /opt/uv /root/.cache /tmp/requirements.txt; do [ -e $p ] && echo $p; done; command -v gcc cc make uv pip"
    assert engine.exec_in(name, "sh", "-c", probe).stdout == ""


@pytest.mark.parametrize("template", BUILT)
def test_ready_reports_the_loaded_model(lab, template):
    probe = "import urllib.request as u; r = u.urlopen('http://127.0.0.1:8000/ready'); print(r.status, r.read().decode())"
    result = engine.exec_in(lab.running(template), "python", "-c", probe)
    assert result.stdout.strip() == '200 {"status":"ready"}'


@pytest.mark.parametrize(("template", "last_words"), [
    ("gunicorn", "Shutting down: Master"),
    ("slim", "Finished server process [1]"),
])
def test_docker_stop_ends_the_server_gracefully(lab, container, template, last_words):
    name = container(lab.image(template), *FAST_HEALTH)
    assert engine.wait_for_health(name) == "healthy"
    # A 60 s grace period: exit 0 proves SIGTERM ended it; a SIGKILL at the deadline gives 137.
    engine.docker("stop", "--time", "60", name, timeout=90)
    assert engine.inspect(name, "{{.State.ExitCode}} {{.State.OOMKilled}}") == "0 false"
    logs = engine.docker("logs", name).stderr
    assert "shut down gracefully" in logs
    assert last_words in logs


def test_default_base_image_argument_expands_python_version(lab, docker_engine):
    """Without --build-arg BASE_IMAGE the FROM line is python:${PYTHON_VERSION}-slim."""
    version = engine.unique_name("dockharden-test")
    engine.docker("tag", docker_engine, f"python:{version}-slim")
    tag = engine.unique_name("dockharden-test/default-base")
    try:
        engine.build(lab.folders["slim"], DOCKERFILE_NAMES["slim"], tag, {"PYTHON_VERSION": version})
        labels = json.loads(engine.inspect(tag, "{{json .Config.Labels}}"))
        assert labels["org.opencontainers.image.base.name"] == f"python:{version}-slim"
    finally:
        engine.remove_image(tag)
        engine.docker("rmi", f"python:{version}-slim", check=False)


IGNORED = (".git/config", ".venv/bin/python", "app/__pycache__/main.cpython-311.pyc", ".env", ".env.production",
           "app/.env", "server.key", "tls.pem", "models/model.safetensors", "data/train.csv", ".pytest_cache/v",
           "Dockerfile.optimized-slim", "compose.yaml", "k8s/service.yaml")
KEPT = ("README.md", "app/main.py", "requirements.txt", "pyproject.toml", "uv.lock", "gunicorn.conf.py")


def test_dockerignore_keeps_secrets_caches_and_artefacts_out_of_the_context(docker_engine, tmp_path):
    (tmp_path / ".dockerignore").write_text(render(ServiceSpec())[".dockerignore"])
    for path in IGNORED + KEPT:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x")
    (tmp_path / "Dockerfile.context").write_text(f"FROM {docker_engine}\nCOPY . /context/\n")
    tag = engine.unique_name("dockharden-test/context")
    try:
        engine.build(tmp_path, "Dockerfile.context", tag, {})
        listing = engine.docker("run", "--rm", "--network", "none", tag, "find", "/context", "-type", "f").stdout
    finally:
        engine.remove_image(tag)
    assert sorted(line.removeprefix("/context/") for line in listing.splitlines()) == sorted(KEPT)


PYPROJECT = """[project]
name = "dh-sample"
version = "0.1.0"
requires-python = ">=3.11"
dependencies = ["fastapi==0.165.0", "uvicorn==0.54.0"]
"""


def _lock(folder, base_image: str) -> None:
    """uv.lock made by the pinned uv inside a build, the only place PyPI is reached from."""
    (folder / "Dockerfile.lock").write_text(
        f"FROM {base_image}\n"
        f"RUN python3 -m venv /opt/uv && /opt/uv/bin/pip install --no-cache-dir uv=={UV_VERSION}\n"
        "COPY pyproject.toml /project/\n"
        "RUN /opt/uv/bin/uv lock --project /project\n")
    tag = engine.unique_name("dockharden-test/lock")
    try:
        engine.build(folder, "Dockerfile.lock", tag, {})
        lock = engine.docker("run", "--rm", "--network", "none", tag, "cat", "/project/uv.lock").stdout
    finally:
        engine.remove_image(tag)
    (folder / "uv.lock").write_text(lock)
    (folder / "Dockerfile.lock").unlink()


def test_uv_lock_project_builds_and_becomes_healthy(lab, tmp_path):
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    _lock(tmp_path, lab.base_image)
    lab.folders["slim-uv-lock"] = _generate(tmp_path, "--template", "slim", "--uv-lock")
    name = lab.running("slim-uv-lock")
    assert engine.wait_for_health(name) == "healthy", engine.docker("logs", name).stderr
    packages = engine.exec_in(name, "python", "-c", "import fastapi, uvicorn; print(fastapi.__version__, uvicorn.__version__)")
    assert packages.stdout.strip() == "0.165.0 0.54.0"


def test_the_next_step_new_prints_builds_from_where_new_ran(docker_engine, tmp_path, monkeypatch):
    """The command is run as printed, from the folder `new` ran in; only the client is Debian's
    (the newer one first on PATH here has no buildx) and the build uses the host network."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(new, ["svc", "--name", "dh-next-step", "--base-image", docker_engine])
    assert result.exit_code == 0, result.output
    printed = result.stdout.splitlines()[-1].strip()
    assert printed.startswith("DOCKER_BUILDKIT=1 docker build -f svc/Dockerfile.optimized-slim ")
    tag = engine.unique_name("dockharden-test/next-step")
    argv = shlex.split(printed.removeprefix("DOCKER_BUILDKIT=1 "))
    argv = [engine.DOCKER, "build", "--network", "host", *argv[2:]]
    argv[argv.index("-t") + 1] = tag
    try:
        done = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True, timeout=1800,
                              env={**os.environ, "DOCKER_BUILDKIT": "1"})
        assert done.returncode == 0, done.stderr[-3000:]
        assert engine.inspect(tag, "{{.Config.User}}") == "1000:1000"
    finally:
        engine.remove_image(tag)
