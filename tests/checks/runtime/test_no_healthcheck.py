"""VF201 no-healthcheck-at-runtime: no health status, because the image has no HEALTHCHECK."""
from __future__ import annotations

import pytest

from dockharden.runtime.observation import HealthWait
from support.observations import findings, good


@pytest.mark.parametrize(("test", "expected"), [
    ((), [("VF201", 2, "the container reports no health status: the image has no HEALTHCHECK")]),
])
def test_no_health_status(test, expected):
    assert findings(good(healthcheck_test=test, health=HealthWait("none", 0.01, 165.0))) == expected


@pytest.mark.parametrize("test", [("CMD-SHELL", "python3 -c probe || exit 1"), ("CMD", "python3", "-c", "probe")])
def test_a_healthcheck_in_the_image_gives_a_health_status(test):
    assert findings(good(healthcheck_test=test)) == []
