"""VF701 ungraceful-stop: docker stop did not end the container gracefully (exit 0 or 143 within the stop timeout)."""
from __future__ import annotations

import pytest

from dockharden.runtime.observation import StopOutcome
from support.observations import findings, good


@pytest.mark.parametrize(("stop", "message"), [
    (StopOutcome(True, 137, 10.03, 10),
     "exit 137 after 10.0 s: the engine waited the whole 10 s stop timeout and killed it; SIGTERM did not end the "
     "main process (shell-form CMD, or PID 1 without a SIGTERM handler)"),
    (StopOutcome(True, 1, 0.3, 10), "exit 1 after 0.3 s on docker stop, not 0 or 143"),
    (StopOutcome(True, 137, 2.0, 10, oom_killed=True), "the kernel's OOM killer ended it (exit 137)"),
])
def test_ungraceful_stop(stop, message):
    assert findings(good(stop=stop)) == [("VF701", 9, message)]


@pytest.mark.parametrize("code", [0, 143])
def test_graceful_exit_codes(code):
    assert findings(good(stop=StopOutcome(True, code, 0.2, 10))) == []
