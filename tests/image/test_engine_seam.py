"""dockharden.runtime.engine against the real engine: images in, containers started, judged and removed."""
from __future__ import annotations

import pytest

from dockharden.runtime.engine import Engine, EngineError, RunSpec
from support import engine as support_engine

pytestmark = pytest.mark.engine

GRACEFUL = ("python3", "-c", "import signal, sys, time\n"
            "signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))\nprint('ready', flush=True)\ntime.sleep(600)")


@pytest.fixture
def seam(docker_engine):
    return Engine.connect()


def test_image_document_and_history(seam, docker_engine):
    attrs = seam.inspect_image(docker_engine)
    assert attrs["RepoTags"] == [docker_engine]
    assert attrs["Config"]["Env"] == ["SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"]
    history = seam.image_history(docker_engine)
    assert [step["Comment"] for step in history] == ["Imported from -"]


def test_container_lifecycle(seam, docker_engine):
    name = support_engine.unique_name("dockharden-test-seam")
    container = seam.run(RunSpec(docker_engine, command=GRACEFUL, name=name, labels={"dockharden.test": "seam"}))
    try:
        state = seam.inspect_container(container)
        assert (state["State"]["Running"], state["HostConfig"]["NetworkMode"], state["Config"]["Labels"]) == (
            True, "none", {"dockharden.test": "seam"})
        result = seam.exec(container, ("id", "-u"), user="1000")
        assert (result.exit_code, result.output) == (0, "1000\n")
        assert seam.exec(container, ("sh", "-c", "exit 3")).exit_code == 3
        seam.stop(container, timeout=10)
        stopped = seam.inspect_container(container)["State"]
        assert (stopped["Running"], stopped["ExitCode"], stopped["OOMKilled"]) == (False, 0, False)
        assert "ready" in seam.logs(container)
    finally:
        seam.remove(container)
    seam.remove(container)
    with pytest.raises(EngineError, match="not found on the Docker engine"):
        seam.inspect_container(container)


def test_save_stream_is_a_tar(seam, docker_engine):
    first = next(iter(seam.save_image(docker_engine)))
    assert len(first) > 512 and first[257:262] == b"ustar"
