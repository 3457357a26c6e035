"""VF204 container-exited-early: the container did not keep running until verify stopped it."""
from __future__ import annotations

from dockharden.runtime.observation import CommandOutput, HealthWait, StopOutcome
from support.observations import findings, good


def test_exited_while_waiting():
    seen = good(health=HealthWait("exited", 0.52, 165.0, exit_code=3, logs="starting\nboom\nTraceback: x\nValueError: y\n"),
                whoami=CommandOutput(("whoami",), None, "container is not running"),
                id=CommandOutput(("id",), None, "container is not running"),
                env=CommandOutput(("env",), None, ""), listing=CommandOutput(("ls", "-la", "/app"), None, ""),
                stop=StopOutcome(False, 3, 0.0, 10))
    assert findings(seen) == [
        ("VF204", 1, "the container exited with code 3 after 0.5 s; last log lines: boom | Traceback: x | ValueError: y")]


def test_not_started():
    seen = good(health=HealthWait("not-started", 0.0, 165.0, logs="running x: exec: \"nope\": executable file not found"),
                stop=StopOutcome(False, None, 0.0, 10))
    assert findings(seen)[0] == (
        "VF204", 1, "the container did not start: running x: exec: \"nope\": executable file not found")


def test_exited_after_the_checks_before_the_stop():
    seen = good(health=HealthWait("none", 0.0, 165.0), healthcheck_test=(), stop=StopOutcome(False, 0, 0.0, 10, logs="1\n"))
    assert findings(seen) == [
        ("VF201", 2, "the container reports no health status: the image has no HEALTHCHECK"),
        ("VF204", 1, "the container exited with code 0 before verify stopped it; last log lines: 1"),
    ][::-1]


def test_a_container_without_a_healthcheck_that_keeps_running_passes():
    seen = good(health=HealthWait("none", 0.0, 165.0), healthcheck_test=())
    assert findings(seen) == [("VF201", 2, "the container reports no health status: the image has no HEALTHCHECK")]
