"""`dockharden verify` as a user runs it: formats, --output, exit codes, one-line input errors,
the types of its options."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import click
import pytest

from dockharden.cli.verify import Duration, _publish
from dockharden.runtime.plan import STEPS
from support.verify_support import FAST, containers_of

STEP_TITLES = [step.title for step in STEPS]


def run(*args: str, env: dict | None = None, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dockharden", "verify", *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})


def test_unreachable_engine_is_one_line_and_exit_2():
    done = run("example/app:1", env={"DOCKER_HOST": "unix:///nonexistent/docker.sock"})
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("dockharden: error: cannot reach the Docker engine (")
    assert done.stderr.count("\n") == 1


@pytest.mark.parametrize(("args", "message"), [
    (("--network", "none", "-p", "18000:8000"), "--publish needs a network with ports; --network none has none"),
    (("--health-interval", "soon"), "'soon' is not a duration such as 1s, 500ms or 1m30s"),
    (("-p", "80"), "'80' is not [HOST_IP:]HOST_PORT:CONTAINER_PORT"),
])
def test_bad_options_are_usage_errors(args, message):
    done = run("example/app:1", *args, env={"DOCKER_HOST": "unix:///nonexistent/docker.sock"})
    assert done.returncode == 2
    assert message in done.stderr


@pytest.mark.parametrize(("text", "seconds"), [("1s", 1.0), ("500ms", 0.5), ("1m30s", 90.0), ("2", 2.0), ("1.5s", 1.5)])
def test_durations(text, seconds):
    assert Duration().convert(text, None, None) == seconds


@pytest.mark.parametrize("text", ["", "1x", "s", "1s2", "-1s"])
def test_bad_durations(text):
    with pytest.raises(click.BadParameter):
        Duration().convert(text, None, None)


def test_publish_defaults_to_loopback():
    assert _publish(None, None, ("18000:8000", "0.0.0.0:8080:80")) == (("127.0.0.1", 18000, 8000), ("0.0.0.0", 8080, 80))
    with pytest.raises(click.BadParameter):
        _publish(None, None, ("8000",))


@pytest.mark.engine
def test_missing_image_is_one_line_and_exit_2(docker_engine):
    done = run("dockharden-test/no-such-image:never")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "dockharden: error: image dockharden-test/no-such-image:never: not found on the Docker engine\n"


@pytest.mark.engine
def test_good_image_exits_0_in_every_format(verify_lab, tmp_path):
    tag = verify_lab.image("good")
    done = run(tag, *FAST, "--format", "json", "--quiet")
    assert (done.returncode, done.stderr) == (0, "")
    (file,) = json.loads(done.stdout)["files"]
    assert (file["path"], file["findings"]) == (tag, [])
    assert {name: p["status"] for name, p in file["patterns"].items()} == {
        "non_root_user": "pass", "healthcheck": "pass", "env_config": "pass", "chown": "pass",
        "multi_stage": "not_checked", "no_secrets": "pass", "exec_form": "pass", "no_build_tools": "not_checked"}
    junit = tmp_path / "verify.xml"
    done = run(tag, *FAST, "--format", "junit", "--output", str(junit), "--quiet")
    assert (done.returncode, done.stdout) == (0, "")
    suite = ET.parse(junit).getroot().find("testsuite")
    assert (suite.get("name"), suite.get("tests"), suite.get("failures")) == (tag, "14", "0")
    assert containers_of(tag) == []


@pytest.mark.engine
def test_bad_image_exits_1_with_its_finding(verify_lab):
    tag = verify_lab.image("shell-form")
    done = run(tag, *FAST, "--stop-timeout", "2")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[-2].startswith(f"{tag}:9 VF701 ungraceful-stop [error] exit 137 after ")
    assert lines[-1] == "1 container, 1 error, 0 warnings"
    sarif = json.loads(run(tag, *FAST, "--stop-timeout", "2", "--format", "sarif").stdout)
    (result,) = sarif["runs"][0]["results"]
    assert (result["ruleId"], result["locations"][0]["physicalLocation"]["region"]["startLine"]) == ("VF701", 9)


@pytest.mark.engine
def test_threshold_and_disable_change_the_exit_code(verify_lab):
    tag = verify_lab.image("named-user")  # one warning: VF103
    assert run(tag, *FAST).returncode == 1
    assert run(tag, *FAST, "--threshold", "error").returncode == 0
    done = run(tag, *FAST, "--disable", "user-by-name-at-runtime", "--format", "markdown")
    assert done.returncode == 0 and "VF103" not in done.stdout


def _in_terminal(*args: str) -> str:
    """Run verify with a pseudo-terminal as stdout and stderr; everything it wrote."""
    import pty

    pid, fd = pty.fork()
    if pid == 0:
        os.execv(sys.executable, [sys.executable, "-m", "dockharden", "verify", *args])
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.waitpid(pid, 0)
    return b"".join(chunks).decode("utf-8", "replace")


def _without_colour(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)


@pytest.mark.engine
def test_status_line_on_a_terminal_and_none_with_quiet(verify_lab):
    tag = verify_lab.image("good")
    shown = _without_colour(_in_terminal(tag, *FAST))
    assert re.search(r"\d s  waiting for healthy \(deadline 39s\)", shown)  # the wait lasts about a second: always drawn
    assert f"{tag}: step 9 Graceful stop [pass] exit 0 after " in shown
    quiet = _without_colour(_in_terminal(tag, *FAST, "--quiet"))
    assert "waiting for healthy" not in quiet
    assert f"{tag}: step 9 Graceful stop [pass] exit 0 after " in quiet
    assert "1 container, 0 errors, 0 warnings" in quiet


@pytest.mark.engine
def test_piped_verify_prints_each_step_and_plain_progress(verify_lab):
    tag = verify_lab.image("good")
    done = run(tag, *FAST)
    assert done.returncode == 0
    (name,) = {word for word in done.stderr.split() if word.startswith("dockharden-verify-")}
    assert done.stderr.splitlines() == [
        f"verify: docker run -d --name {name} --network none --label io.dockharden.verify=true "
        f"--health-interval 1s --health-timeout 5s --health-start-period 10s {tag}",
        "verify: waiting for healthy (deadline 39s)",
        done.stderr.splitlines()[2],
        f"verify: docker exec {name} whoami",
        f"verify: docker exec {name} id",
        f"verify: docker exec {name} env",
        f"verify: docker exec {name} ls -la /app",
        f"verify: docker stop --time 5 {name}",
        f"verify: removing {name}",
    ]
    assert re.fullmatch(r"verify: healthy after \d+\.\d s", done.stderr.splitlines()[2])
    steps = [line.split(" [")[0] for line in done.stdout.splitlines() if line.startswith(f"{tag}: step ")]
    assert steps == [f"{tag}: step {number} {title}" for number, title in enumerate(STEP_TITLES, start=1)]
    assert f"    $ docker exec {name} ls -la /app" in done.stdout.splitlines()
    assert done.stdout.splitlines()[-1] == "1 container, 0 errors, 0 warnings"
    assert run(tag, *FAST, "--quiet").stderr == ""


@pytest.mark.engine
def test_piped_markdown_shows_the_steps(verify_lab):
    tag = verify_lab.image("good")
    done = run(tag, *FAST, "--format", "markdown", "--quiet")
    assert (done.returncode, done.stderr) == (0, "")
    rows = [line for line in done.stdout.splitlines() if re.match(r"\| \d \| ", line)]
    assert [row.split(" | ")[1:3] for row in rows] == [[title, "pass"] for title in STEP_TITLES]
    assert done.stdout.endswith("\nNo findings.\n")
