"""Ctrl-C (SIGINT) or SIGTERM while verify waits: it removes the container it started and exits 130."""
from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

from support.verify_support import containers_of

pytestmark = pytest.mark.engine
WAIT_FOR_CONTAINER = 60


def _start_verify(image: str) -> subprocess.Popen:
    # The probe fails for a 120 s start period: verify sits in the health wait until interrupted.
    argv = [sys.executable, "-m", "dockharden", "verify", image, "--health-interval", "1s",
            "--health-start-period", "120s", "--timeout", "120s", "--quiet"]
    return subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_ctrl_c_default)


def _ctrl_c_default() -> None:
    """Ctrl-C as at a terminal. A suite started in the background (`cmd &` in a script)
    inherits SIGINT ignored, and Python then keeps ignoring it, as a background job should."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for_container(image: str, process: subprocess.Popen, earlier: list[str]) -> list[str]:
    """The container this verify started, once it runs (one an earlier run left is not it)."""
    deadline = time.monotonic() + WAIT_FOR_CONTAINER
    while time.monotonic() < deadline and process.poll() is None:
        names = [name for name in containers_of(image) if name not in earlier]
        if names and "Up " in _status(names[0]):
            return names
        time.sleep(0.2)
    raise AssertionError(f"verify started no container (exit {process.poll()})")


def _remove(names: list[str]) -> None:
    from support import engine

    if names:
        engine.docker("rm", "-f", *names, check=False)


def _status(name: str) -> str:
    from support import engine

    return engine.docker("ps", "-a", "--filter", f"name={name}", "--format", "{{.Status}}").stdout


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_interrupt_removes_the_container(verify_lab, signum):
    image = verify_lab.image("curl-probe")
    earlier = containers_of(image)
    process = _start_verify(image)
    try:
        started = _wait_for_container(image, process, earlier)
        process.send_signal(signum)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            _remove([name for name in containers_of(image) if name not in earlier])
    assert (process.returncode, out, err) == (130, "", "dockharden: interrupted\n")
    assert len(started) == 1
    assert containers_of(image) == earlier
