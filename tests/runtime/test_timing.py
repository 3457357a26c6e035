"""runtime/timing.py: the run command verify starts the container with, and the health deadline."""
from __future__ import annotations

import pytest

from dockharden.runtime.observation import HealthTimings, VerifyOptions
from dockharden.runtime.timing import health_deadline, run_spec


def test_run_spec_and_the_command_it_shows():
    options = VerifyOptions(publish=(("127.0.0.1", 18000, 8000),), network="bridge",
                            health=HealthTimings(interval=1.0, start_period=0.5, retries=2))
    spec = run_spec("img:1", "c1", options)
    assert (spec.ports, spec.network, spec.labels) == ({"8000/tcp": ("127.0.0.1", 18000)}, "bridge",
                                                       {"io.dockharden.verify": "true"})
    assert spec.healthcheck == {"interval": 1_000_000_000, "start_period": 500_000_000, "retries": 2}
    assert spec.command_line() == (
        "docker run -d --name c1 --network bridge -p 127.0.0.1:18000:8000/tcp --label io.dockharden.verify=true "
        "--health-interval 1s --health-start-period 500ms --health-retries 2 img:1")
    assert run_spec("img:1", "c1", VerifyOptions()).healthcheck == {}


@pytest.mark.parametrize(("check", "health", "timeout", "deadline"), [
    (None, HealthTimings(), None, 0 + 4 * 60 + 5),
    ({"Interval": 30 * 10**9, "Timeout": 10 * 10**9, "StartPeriod": 10 * 10**9, "Retries": 3}, HealthTimings(), None,
     10 + 4 * 40 + 5),
    ({"Interval": 30 * 10**9}, HealthTimings(interval=1, timeout=5, start_period=10), None, 10 + 4 * 6 + 5),
    ({"Interval": 30 * 10**9}, HealthTimings(), 12.5, 12.5),
])
def test_health_deadline(check, health, timeout, deadline):
    assert health_deadline(check, VerifyOptions(timeout=timeout, health=health)) == deadline
