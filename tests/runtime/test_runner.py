"""runtime/runner.py on a real engine, judged by checks/verify.py: the good image passes every
step; each bad image fails with exactly the codes it should, and nothing is left behind."""
from __future__ import annotations

import dataclasses

import pytest

from dockharden.runtime.engine import Engine, exec_command_line
from dockharden.checks.verify import file_report, verify_image
from dockharden.core.vocabulary import Status
from dockharden.image import read_facts_from_engine
from support.verify_support import FAST_OPTIONS, containers_of, image_id
from support.verify_catalog import APP_PY, AWS_SECRET, BAD, IMAGES, TOKEN

pytestmark = pytest.mark.engine

STEP_NAMES = ["run", "health", "whoami", "id", "user", "env", "workdir", "history", "stop"]


@pytest.fixture(scope="module")
def engine(docker_engine):
    return Engine.connect()


@pytest.fixture(scope="module")
def verified(verify_lab, engine):
    """Each image verified once per module."""
    results = {}

    def run(name: str):
        if name not in results:
            results[name] = verify_image(engine, verify_lab.image(name), FAST_OPTIONS)
        return results[name]

    return run


def test_good_image_passes_every_step(verified, verify_lab):
    result = verified("good")
    tag = verify_lab.image("good")
    assert result.findings == ()
    assert [(step.name, step.verdict) for step in result.steps] == [(name, Status.PASS) for name in STEP_NAMES]
    assert result.image == tag and result.image_id == image_id(tag)
    assert result.step("whoami").output == "app\n"
    assert result.step("id").output == "uid=1000(app) gid=1000(app) groups=1000(app)\n"
    assert result.step("user").output == "1000:1000"
    assert result.step("health").output == "healthy"
    assert result.step("stop").detail.startswith("exit 0 after ")
    assert "PYTHONUNBUFFERED=1\n" in result.step("env").output
    listing = result.step("workdir").output.splitlines()
    assert [line.split()[2:4] + line.split()[-1:] for line in listing[1:]] == [
        ["root", "root", "."], ["root", "root", ".."], ["app", "app", "app.py"]]
    assert containers_of(tag) == []


def test_good_image_steps_name_the_spec_commands_and_what_ran(verified, verify_lab):
    result, tag = verified("good"), verify_lab.image("good")
    name = result.container
    assert [step.command for step in result.steps] == [
        f"docker run -d --name {name} {tag}",
        f"docker inspect {name} --format='{{{{.State.Health.Status}}}}'",
        f"docker run --rm {tag} whoami",
        f"docker run --rm {tag} id",
        f"docker image inspect {tag} --format='{{{{.Config.User}}}}'",
        f"docker run --rm {tag} env",
        f"docker run --rm {tag} ls -la /app",
        f"docker history --no-trunc {tag}",
        f"docker stop --time 5 {name}",
    ]
    assert result.step("run").executed == (
        f"docker run -d --name {name} --network none --label io.dockharden.verify=true --health-interval 1s "
        f"--health-timeout 5s --health-start-period 10s {tag}")
    assert result.step("id").executed == f"docker exec {name} id"


class RecordingEngine(Engine):
    """The real engine, noting what verify passes to it."""

    def __init__(self, real: Engine) -> None:
        super().__init__(real._client)
        self.runs: list = []
        self.execs: list[str] = []

    def run(self, spec):
        self.runs.append(spec)
        return super().run(spec)

    def exec(self, container_id, argv, user=None):
        self.execs.append(exec_command_line(container_id, argv, user))
        return super().exec(container_id, argv, user)


def test_shown_commands_are_what_reached_the_engine(verify_lab, engine):
    recording = RecordingEngine(engine)
    result = verify_image(recording, verify_lab.image("good"), FAST_OPTIONS)
    (spec,) = recording.runs
    assert result.step("run").executed == spec.command_line()
    assert spec.network == "none" and spec.labels == {"io.dockharden.verify": "true"}
    shown = [step.executed for step in result.steps if step.executed.startswith("docker exec ")]
    assert shown == recording.execs and len(shown) == 4


@pytest.mark.parametrize("name", BAD)
def test_bad_image_fails_for_exactly_its_reason(verified, verify_lab, name):
    result = verified(name)
    assert sorted(finding.rule.code for finding in result.findings) == sorted(IMAGES[name].expected)
    assert containers_of(verify_lab.image(name)) == []


def test_root_image_runs_as_uid_0(verified):
    (finding,) = verified("root").findings
    assert finding.message == "the container runs as root (uid=0(root) gid=0(root) groups=0(root))"
    assert finding.line == 4


def test_named_user_gets_uid_1000_only_by_accident(verified):
    result = verified("named-user")
    assert result.step("id").output == "uid=1000(aiuser) gid=1000(aiuser) groups=1000(aiuser)\n"
    assert [finding.message for finding in result.findings] == [
        "the image's USER is the name 'aiuser' (UID 1000 at runtime); Kubernetes runAsNonRoot cannot verify a name: "
        "use a numeric USER such as 1000:1000"]


def test_uid_1001_is_not_the_required_uid(verified):
    assert [f.message for f in verified("uid-1001").findings] == [
        "the container runs as UID 1001 (app), not the required UID 1000"]


@pytest.mark.parametrize(("name", "message"), [
    ("no-healthcheck", "the container reports no health status: the image has no HEALTHCHECK"),
    ("healthcheck-none", "the container reports no health status: the image's HEALTHCHECK is NONE"),
])
def test_no_health_status(verified, name, message):
    result = verified(name)
    assert [f.message for f in result.findings] == [message]
    assert (result.step("health").output, result.step("health").verdict) == ("<no value>", Status.FAIL)


def test_curl_probe_never_healthy_shows_the_last_probe_output(verified):
    result = verified("curl-probe")
    (finding,) = result.findings
    assert finding.message.startswith("unhealthy after ")
    assert finding.message.endswith("; last probe (exit 1): /bin/sh: 1: curl: not found")
    assert result.step("health").output == "unhealthy\nlast probe (exit 1):\n/bin/sh: 1: curl: not found"
    assert [step.verdict for step in result.steps if step.name != "health"] == [Status.PASS] * 8


def test_container_that_exits_is_caught_and_the_rest_not_checked(verified):
    result = verified("exits-early")
    (finding,) = result.findings
    assert finding.message.startswith("the container exited with code 3 after ")
    assert finding.line == 1
    assert {step.name: step.verdict for step in result.steps} == {
        "run": Status.FAIL, "health": Status.NOT_CHECKED, "whoami": Status.NOT_CHECKED, "id": Status.NOT_CHECKED,
        "user": Status.PASS, "env": Status.NOT_CHECKED, "workdir": Status.NOT_CHECKED, "history": Status.PASS,
        "stop": Status.NOT_CHECKED}


def test_container_that_cannot_start_is_caught_and_removed(verified, verify_lab):
    result = verified("cmd-not-found")
    (finding,) = result.findings
    assert finding.message.startswith(f"the container did not start: running {verify_lab.image('cmd-not-found')}: ")
    assert "/app/serve" in finding.message
    assert [step.verdict for step in result.steps] == [Status.FAIL] + [Status.NOT_CHECKED] * 3 + [Status.PASS] + \
        [Status.NOT_CHECKED] * 2 + [Status.PASS, Status.NOT_CHECKED]


def test_missing_env_names_each_key(verified):
    assert [f.message for f in verified("missing-env").findings] == [
        "PYTHONDONTWRITEBYTECODE is not set in the container's environment",
        "PYTHONUNBUFFERED is not set in the container's environment"]


def test_foreign_owner_in_workdir(verified):
    assert [f.message for f in verified("foreign-owner").findings] == [
        "/app: 1 of 1 entry owned by neither app nor root: app.py (1001:1001)"]


def test_chown_layer_names_the_step_and_what_its_layer_stores_again(verified):
    # the layers are read: the one file COPY brought is stored again, with its own size
    (finding,) = verified("chown-layer").findings
    assert finding.message == (f"history step {_chown_step(verified('chown-layer'))} (RUN chown -R 1000:1000 /app) stores 1 file "
                               f"again only to change owner or mode (/app/app.py): {len(APP_PY)} B; use COPY --chown instead")


def test_facts_already_read_are_reused_and_those_of_another_image_read_again(verify_lab, engine):
    # report inspects an image, then verifies it: VF402 takes the layers inspect read. Given
    # facts that say nothing is stored again, verify believes them; facts of another image
    # ID are not this image's, so it reads the layers itself and finds the duplicate.
    image = verify_lab.image("chown-layer")
    facts = dataclasses.replace(read_facts_from_engine(image, engine=engine), waste=())
    assert verify_image(engine, image, FAST_OPTIONS, facts=facts).findings == ()
    other = dataclasses.replace(facts, image_id="sha256:" + "0" * 64)
    assert [f.rule.code for f in verify_image(engine, image, FAST_OPTIONS, facts=other).findings] == ["VF402"]


def _chown_step(result) -> int:
    rows = result.step("history").output.splitlines()
    return len(rows) - next(i for i, row in enumerate(rows) if "chown -R 1000:1000 /app" in row)


def test_secret_in_env_is_named_not_shown(verified):
    result = verified("secret-env")
    assert [f.message for f in result.findings] == ["AWS_SECRET_ACCESS_KEY: secret-like name with a literal value"]
    assert "AWS_SECRET_ACCESS_KEY=********\n" in result.step("env").output
    assert all(AWS_SECRET not in step.output + step.detail for step in result.steps)


@pytest.mark.parametrize("name", ["secret-arg", "secret-arg-classic"])
def test_secret_build_arg_in_history(verified, name):
    result = verified(name)
    (finding,) = result.findings
    assert finding.message.endswith(": build argument TOKEN: secret-like name with a literal value")
    assert "TOKEN=********" in result.step("history").output
    assert all(TOKEN not in step.output for step in result.steps)


def test_shell_form_is_killed_at_the_stop_timeout(verified):
    result = verified("shell-form")
    (finding,) = result.findings
    assert finding.message.startswith("exit 137 after ")
    assert "the engine waited the whole 5 s stop timeout and killed it" in finding.message
    assert result.step("stop").output.startswith("exit code 137\n")


def test_missing_program_is_reported_not_passed(verified):
    result = verified("no-whoami")
    (finding,) = result.findings
    assert finding.message.startswith("`whoami` failed (exit 12")
    assert result.step("whoami").verdict is Status.WARN
    assert result.step("id").verdict is Status.PASS
