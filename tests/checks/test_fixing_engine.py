"""Guarantee 5 of `fix` (issue 11), on the engine: the small services of support/fix_services.py,
as users write them, fail verify's non-root, healthcheck and stop checks; after
`fix --unsafe` each builds, becomes healthy, runs as UID 1000, serves its endpoint, stops
with exit 0 or 143 on `docker stop`, and its lint and verify matrices pass the patterns the
fixes are for.

The specification's templates (examples/spec) are fixed and judged statically in
test_fixing_guarantees.py; they are not built here: they copy /usr/local/lib/python3.12
and call pip, which the local Debian base (Python 3.11 in /usr/lib, no pip) does not have,
and no Alpine image can be pulled on these machines.
"""
from __future__ import annotations

import pytest

from dockharden.checks.fixing import Choice, fix_file
from dockharden.checks.verify import file_report, verify_image
from dockharden.core.vocabulary import Status
from dockharden.runtime.engine import Engine
from support import engine
from support.fix_services import SERVICES, port_of, write_service
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
