"""dockharden.runtime.engine against the real engine: images in, containers started, judged and removed."""
from __future__ import annotations

import dataclasses
import shlex
import socket

import pytest

from dockharden.runtime.engine import Engine, EngineError, RunSpec, exec_command_line
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


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _every_field_set(image: str, name: str) -> RunSpec:
    spec = RunSpec(image, command=("sleep", "600"), network="bridge", ports={"8000/tcp": ("127.0.0.1", _free_port())},
                   environment={"GREETING": "hello world"}, name=name, labels={"dockharden.test": "seam"},
                   healthcheck={"interval": 1_500_000_000, "timeout": 2 * 10**9, "start_period": 2_500_000, "retries": 2})
    unset = [f.name for f in dataclasses.fields(RunSpec) if getattr(spec, f.name) == getattr(RunSpec(""), f.name)]
    assert unset == [], f"set {unset} here, so the command line is tested for every field"
    return spec


def _as_started(document: dict) -> dict:
    config, host = document["Config"], document["HostConfig"]
    return {"Name": document["Name"], "Image": config["Image"], "Cmd": config["Cmd"], "Env": config["Env"],
            "Labels": config["Labels"], "Healthcheck": config["Healthcheck"], "NetworkMode": host["NetworkMode"],
            "PortBindings": host["PortBindings"]}


def test_run_command_line_starts_the_container_engine_run_starts(seam, docker_engine):
    spec = _every_field_set(docker_engine, support_engine.unique_name("dockharden-test-seam"))
    seam.run(spec)
    try:
        ours = _as_started(seam.inspect_container(spec.name))
    finally:
        seam.remove(spec.name)
    argv = shlex.split(spec.command_line())
    assert argv[:2] == ["docker", "run"]
    support_engine.docker(*argv[1:])
    try:
        theirs = _as_started(seam.inspect_container(spec.name))
    finally:
        seam.remove(spec.name)
    assert theirs == ours
    assert ours["Healthcheck"] == {"Interval": 1_500_000_000, "Timeout": 2 * 10**9, "StartPeriod": 2_500_000, "Retries": 2}


def test_run_command_line_text():
    spec = RunSpec("img:1", command=("python", "-c", "print('hi')"), ports={"8000/tcp": ("127.0.0.1", 18000)},
                   environment={"A": "1 2"}, name="c1", labels={"io.dockharden.verify": "true"},
                   healthcheck={"interval": 2 * 10**9, "start_period": 1_500_000_000, "retries": 2})
    assert spec.command_line() == (
        "docker run -d --name c1 --network none -p 127.0.0.1:18000:8000/tcp -e 'A=1 2' --label io.dockharden.verify=true "
        "--health-interval 2s --health-start-period 1500ms --health-retries 2 img:1 python -c 'print('\"'\"'hi'\"'\"')'")
    assert RunSpec("img:1").command_line() == "docker run -d --network none img:1"


def test_exec_command_line_runs_what_engine_exec_runs(seam, docker_engine):
    name = support_engine.unique_name("dockharden-test-seam")
    seam.run(RunSpec(docker_engine, command=("sleep", "600"), name=name))
    try:
        argv = ("sh", "-c", "id -u; echo \"$0 $1\"", "two words")
        ours = seam.exec(name, argv, user="1000")
        shown = exec_command_line(name, argv, user="1000")
        assert shown == f"docker exec --user 1000 {name} sh -c 'id -u; echo \"$0 $1\"' 'two words'"
        theirs = support_engine.docker(*shlex.split(shown)[1:])
        assert (ours.exit_code, ours.output) == (0, "1000\ntwo words \n") == (theirs.returncode, theirs.stdout)
    finally:
        seam.remove(name)
