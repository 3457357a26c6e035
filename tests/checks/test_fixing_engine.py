"""Guarantee 5 of `fix` (issue 11), on the engine: the small services of support/fix_services.py,
as users write them, fail verify's non-root, healthcheck and stop checks; after
`fix --unsafe` each builds, becomes healthy, runs as UID 1000, serves its endpoint, stops
with exit 0 or 143 on `docker stop`, and its lint and verify matrices pass the patterns the
fixes are for.

The specification's three Debian templates (examples/spec) are built too, on a shim of the
local base that looks like python:3.12-slim where they need it (pip, PEP 668's marker
removed, /usr/local/lib/python3.12/site-packages a link to Python 3.11's dist-packages), with
`# syntax=` dropped (no frontend image can be pulled here). The Alpine template cannot be
built here; it is judged statically in test_fixing_guarantees.py.
"""
from __future__ import annotations

import pytest

from dockharden.checks.fixing import Choice, fix_file
from dockharden.checks.verify import file_report, verify_image
from dockharden.core.vocabulary import Status
from dockharden.runtime.engine import Engine
from support import engine
from support.fix_services import SERVICES, SPEC_TEMPLATES, on_shim, port_of, shim_dockerfile, write_service, write_template
from support.verify_support import FAST_OPTIONS

pytestmark = pytest.mark.engine
LINT_PATTERNS = ("non_root_user", "healthcheck", "env_config", "chown", "exec_form")
VERIFY_PATTERNS = ("non_root_user", "healthcheck", "env_config", "chown", "exec_form")


@pytest.fixture(scope="module")
def built(docker_engine, tmp_path_factory):
    """Each service built as written and after `fix --unsafe`: {(name, "before" | "after"): (tag, lint report)}."""
    images = {}
    try:
        for name in SERVICES:
            for state in ("before", "after"):
                path = write_service(name, tmp_path_factory.mktemp(f"{name}-{state}"))
                result = fix_file(path, Choice(unsafe=True))
                assert result.error is None
                if state == "after":
                    path.write_text(result.fixed)
                    report = result.report
                else:
                    from dockharden.checks.lint import lint_file

                    report = lint_file(path)
                tag = engine.unique_name(f"dockharden-test/fix-{name}-{state}")
                engine.build(path.parent, "Dockerfile", tag, {"BASE_IMAGE": docker_engine})
                images[(name, state)] = (tag, report)
        yield images
    finally:
        for tag, _ in images.values():
            engine.remove_image(tag)


@pytest.mark.parametrize("name", SERVICES)
def test_after_fix_the_service_is_healthy_non_root_serves_and_stops(built, name):
    tag, report = built[(name, "after")]
    assert [p.status for p in report.patterns if p.pattern in LINT_PATTERNS] == [Status.PASS] * 5
    result = verify_image(Engine.connect(), tag, FAST_OPTIONS)
    statuses = {p.pattern: p.status for p in file_report(result).patterns}
    assert [statuses[p] for p in VERIFY_PATTERNS] == [Status.PASS] * 5, result.findings
    assert result.step("health").output.startswith("healthy"), result.step("health").output
    assert result.step("id").output.startswith("uid=1000(") and " gid=1000(" in result.step("id").output
    assert result.step("stop").output.split("\n")[0] in ("exit code 0", "exit code 143")
    assert _endpoint(tag, port_of(name)) == "200"


# What verify says of each service as written: non_root_user, healthcheck, env_config, chown, exec_form.
BEFORE = {
    "root-shell-form": ["fail", "fail", "warn", "pass", "fail"],
    "chown-after-copy": ["warn", "fail", "warn", "fail", "pass"],
    "user-without-uid": ["warn", "fail", "warn", "pass", "fail"],
    "curl-probe": ["fail", "fail", "warn", "pass", "pass"],
    "transformers-cache": ["fail", "fail", "warn", "pass", "pass"],
    "user-root-at-end": ["fail", "fail", "warn", "pass", "pass"],
    "other-port": ["fail", "fail", "warn", "pass", "fail"],
    "entrypoint-and-cmd": ["fail", "fail", "warn", "pass", "pass"],
    "gunicorn-shell-form": ["fail", "fail", "warn", "pass", "fail"],
    "gunicorn-cd-and-port": ["fail", "fail", "warn", "pass", "fail"],
}


@pytest.mark.parametrize("name", SERVICES)
def test_before_fix_the_service_fails_those_checks(built, name):
    tag, report = built[(name, "before")]
    assert [p.status for p in report.patterns if p.pattern in LINT_PATTERNS] != [Status.PASS] * 5
    result = verify_image(Engine.connect(), tag, FAST_OPTIONS)
    statuses = {p.pattern: p.status.value for p in file_report(result).patterns}
    assert [statuses[p] for p in VERIFY_PATTERNS] == BEFORE[name]
    assert _endpoint(tag, port_of(name)) == "200"  # the app itself worked before: the fix keeps it working


def _endpoint(tag: str, port: int) -> str:
    """The status of GET /health, asked inside a running container of the image."""
    name = engine.unique_name("dockharden-test-fix")
    engine.run_detached(tag, name, "--network", "none")
    try:
        probe = ("import time, urllib.request as u\n"
                 "for _ in range(50):\n"
                 "    try:\n"
                 f"        print(u.urlopen('http://127.0.0.1:{port}/health', timeout=2).status); break\n"
                 "    except OSError: time.sleep(0.2)\n")
        return engine.exec_in(name, "python3", "-c", probe).stdout.strip()
    finally:
        engine.remove_container(name)


@pytest.fixture(scope="module")
def templates(docker_engine, tmp_path_factory):
    """Each Debian template as written and after `fix --unsafe`, on the shim base: {(name, state): tag}."""
    shim_dir = tmp_path_factory.mktemp("shim")
    (shim_dir / "Dockerfile").write_text(shim_dockerfile(docker_engine))
    shim = engine.unique_name("dockharden-test/fix-shim")
    images = {}
    try:
        engine.build(shim_dir, "Dockerfile", shim, {})
        for name in SPEC_TEMPLATES:
            for state in ("before", "after"):
                path = write_template(name, tmp_path_factory.mktemp(f"{name}-{state}"))
                if state == "after":
                    result = fix_file(path, Choice(unsafe=True))
                    assert result.error is None and result.changed
                    path.write_text(result.fixed)
                path.write_text(on_shim(path.read_text(), shim))
                tag = engine.unique_name(f"dockharden-test/fix-{name.lower()}-{state}")
                engine.build(path.parent, "Dockerfile", tag, {})
                images[(name, state)] = tag
        yield images
    finally:
        for tag in images.values():
            engine.remove_image(tag)
        engine.remove_image(shim)


@pytest.mark.parametrize("name", SPEC_TEMPLATES)
def test_a_template_after_fix_is_healthy_as_uid_1000_and_stops(templates, name):
    result = verify_image(Engine.connect(), templates[(name, "after")], FAST_OPTIONS)
    statuses = {p.pattern: p.status for p in file_report(result).patterns}
    assert [statuses[p] for p in ("non_root_user", "healthcheck", "env_config", "exec_form")] == [Status.PASS] * 4, result.findings
    assert result.step("id").output.startswith("uid=1000(aiuser) gid=1000(aiuser)")
    assert result.step("stop").output.split("\n")[0] == "exit code 0"
    # The template's own `RUN useradd ... && chown -R aiuser:aiuser /app` runs before anything is
    # copied into /app: verify reads that layer and finds no file stored again, so VF402 is silent.
    assert result.findings == ()


@pytest.mark.parametrize("name", SPEC_TEMPLATES)
def test_a_template_as_written_has_a_probe_the_image_lacks_and_a_named_user(templates, name):
    result = verify_image(Engine.connect(), templates[(name, "before")], FAST_OPTIONS)
    statuses = {p.pattern: p.status.value for p in file_report(result).patterns}
    if name == "Dockerfile.ai":  # it installs curl, and its user has UID 1000 by accident
        assert [statuses[p] for p in ("non_root_user", "healthcheck")] == ["warn", "pass"]
    else:
        assert [statuses[p] for p in ("non_root_user", "healthcheck")] == ["warn", "fail"]
