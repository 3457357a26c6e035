"""VF203 never-healthy: the container did not become healthy; the last probe's output says why."""
from __future__ import annotations

from dockharden.runtime.observation import HealthWait
from support.observations import findings, good


def test_unhealthy_shows_the_last_probe():
    health = HealthWait("unhealthy", 13.04, 39.0, "/bin/sh: 1: curl: not found\n", 1, logs="serving\n")
    assert findings(good(health=health)) == [
        ("VF203", 2, "unhealthy after 13.0 s; last probe (exit 1): /bin/sh: 1: curl: not found")]


def test_deadline_passed_while_starting():
    assert findings(good(health=HealthWait("starting", 60.1, 60.0))) == [
        ("VF203", 2, "still starting when the 60 s deadline passed; no probe has finished yet")]
    probe = HealthWait("starting", 60.1, 60.0, "Traceback ...\nConnectionRefusedError: [Errno 111]\n", 1)
    assert findings(good(health=probe)) == [
        ("VF203", 2, "still starting when the 60 s deadline passed; last probe (exit 1): Traceback ... "
                     "ConnectionRefusedError: [Errno 111]")]


def test_healthy_before_the_deadline_passes():
    assert findings(good(health=HealthWait("healthy", 59.9, 60.0, "ok\n", 0))) == []
