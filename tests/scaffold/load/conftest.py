"""The gunicorn template from `dockharden new`, built once, and containers of it published on 127.0.0.1 only."""
from __future__ import annotations

from dataclasses import dataclass

import pytest
from click.testing import CliRunner

from dockharden.cli.new import new
from dockharden.scaffold.spec import DOCKERFILE_NAMES
from scaffold.load.loadclient import free_loopback_port
from support import engine

FAST_HEALTH = ("--health-interval=1s", "--health-timeout=5s", "--health-start-period=60s")


@dataclass(frozen=True)
class Served:
    name: str
    port: int


@pytest.fixture(scope="session")
def gunicorn_image(docker_engine, tmp_path_factory):
    folder = tmp_path_factory.mktemp("gunicorn-template")
    result = CliRunner().invoke(new, [str(folder), "--name", "dh-load", "--template", "gunicorn"])
    assert result.exit_code == 0, result.output
    tag = engine.unique_name("dockharden-test/load-gunicorn")
    engine.build(folder, DOCKERFILE_NAMES["gunicorn"], tag, {"BASE_IMAGE": docker_engine})
    yield tag
    engine.remove_image(tag)


@pytest.fixture
def serve(gunicorn_image, container):
    """Start the gunicorn container with `-p 127.0.0.1:<free port>:8000` and wait until it is healthy."""
    def start(**environment: str) -> Served:
        port = free_loopback_port()
        env = [arg for key, value in environment.items() for arg in ("-e", f"{key}={value}")]
        name = container(gunicorn_image, "-p", f"127.0.0.1:{port}:8000", *FAST_HEALTH, *env, prefix="dockharden-load")
        health = engine.wait_for_health(name)
        assert health == "healthy", engine.docker("logs", name).stderr
        return Served(name, port)

    return start
