"""VF202 healthcheck-none-at-runtime: no health status, because the image's HEALTHCHECK is NONE."""
from __future__ import annotations

import pytest

from dockharden.runtime.observation import HealthWait
from support.observations import findings, good


@pytest.mark.parametrize(("test", "expected"), [
    (("NONE",), [("VF202", 2, "the container reports no health status: the image's HEALTHCHECK is NONE")]),
])
def test_no_health_status(test, expected):
    assert findings(good(healthcheck_test=test, health=HealthWait("none", 0.01, 165.0))) == expected


def test_a_program_named_none_is_a_probe():
    assert findings(good(healthcheck_test=("CMD", "NONE"))) == []
