"""Helpers of the verify tests: the lab that builds catalog images and templates once (the
`verify_lab` fixture, registered in tests/conftest.py), container lookups."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dockharden.cli.new import new
from dockharden.runtime.observation import HealthTimings, VerifyOptions
from dockharden.scaffold.spec import DOCKERFILE_NAMES
from support import engine
from support.verify_catalog import APP_PY, IMAGES

# Fast health timings for tests, as options of the command and of verify_image; a generous start
# period so slow starts on a busy machine still pass.
FAST = ("--health-interval", "1s", "--health-timeout", "5s", "--health-start-period", "10s", "--stop-timeout", "5")
FAST_OPTIONS = VerifyOptions(stop_timeout=5, health=HealthTimings(interval=1, timeout=5, start_period=10))
LABEL = "io.dockharden.verify"


class VerifyLab:
    def __init__(self, base_image: str, workdir: Path) -> None:
        self.base_image, self.workdir = base_image, workdir
        self.tags: dict[str, str] = {}

    def image(self, name: str) -> str:
        if name not in self.tags:
            self.tags[name] = self._build_catalog(name) if name in IMAGES else self._build_template(name)
        return self.tags[name]

    def _build_catalog(self, name: str) -> str:
        spec, context = IMAGES[name], self.workdir / f"context-{name}"
        context.mkdir()
        (context / "Dockerfile").write_text(spec.dockerfile.replace("FROM BASE", f"FROM {self.base_image}"))
        (context / "app.py").write_bytes(APP_PY)
        tag = engine.unique_name(f"dockharden-test/verify-{name}")
        args = [arg for key, value in spec.build_args.items() for arg in ("--build-arg", f"{key}={value}")]
        engine.docker("build", "--network", "host", "-t", tag, *args, str(context), timeout=600,
                      env={"DOCKER_BUILDKIT": "0" if spec.classic_builder else "1"})
        return tag

    def _build_template(self, template: str) -> str:
        folder = self.workdir / "templates"
        if not folder.exists():
            result = CliRunner().invoke(new, [str(folder), "--name", "dh-verify", "--template", "all"])
            assert result.exit_code == 0, result.output
        tag = engine.unique_name(f"dockharden-test/verify-template-{template}")
        engine.build(folder, DOCKERFILE_NAMES[template], tag, {"BASE_IMAGE": self.base_image})
        return tag

    def close(self) -> None:
        for tag in self.tags.values():
            engine.remove_image(tag)


@pytest.fixture(scope="session")
def verify_lab(docker_engine, tmp_path_factory):
    lab = VerifyLab(docker_engine, tmp_path_factory.mktemp("verify-lab"))
    yield lab
    lab.close()


def containers_of(image: str) -> list[str]:
    """Containers verify started from IMAGE that still exist (running or not)."""
    listing = engine.docker("ps", "-a", "--filter", f"label={LABEL}", "--filter", f"ancestor={image}",
                            "--format", "{{.Names}}").stdout
    return listing.split()


def image_id(image: str) -> str:
    return json.loads(engine.inspect(image, "{{json .Id}}"))
