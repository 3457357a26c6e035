"""checks/verify.py: judge (the findings, the steps and their verdicts) and the FileReport a
VerifyResult becomes: exact values, no engine."""
from __future__ import annotations

from dockharden.output.formats import FORMATS
from dockharden.checks.verify import file_report, judge
from dockharden.runtime.observation import CommandOutput, HealthWait, StopOutcome, VerifyOptions
from dockharden.checks.catalog import runtime_rules
from dockharden.core.vocabulary import PatternResult, Report, Status
from support.observations import HISTORY, findings, good, with_env

OPTIONS = VerifyOptions()
NAME = "dockharden-verify-0123456789ab"


def test_good_observation_has_no_findings():
    assert findings(good()) == []


def test_good_steps_exactly():
    result = judge(good(), OPTIONS)
    assert [(s.number, s.name, s.verdict, s.detail) for s in result.steps] == [
        (1, "run", Status.PASS, "started; kept running"),
        (2, "health", Status.PASS, "healthy after 1.2 s"),
        (3, "whoami", Status.PASS, "app"),
        (4, "id", Status.PASS, "UID 1000 (app), GID 1000 (required UID 1000)"),
        (5, "user", Status.PASS, "1000:1000 (numeric)"),
        (6, "env", Status.PASS, "2 of 2 required keys set"),
        (7, "workdir", Status.PASS, "/app: 2 entries, owned by app; the directory itself by root"),
        (8, "history", Status.PASS, "8 steps"),
        (9, "stop", Status.PASS, "exit 0 after 0.4 s (stop timeout 10 s)"),
    ]
    assert result.step("history").output == "".join(step.created_by + "\n" for step in HISTORY)
    assert result.step("stop").output == "exit code 0\nbye\n"
    assert result.step("health").executed == f"docker inspect {NAME} --format='{{{{.State.Health.Status}}}}'"
    assert result.step("workdir").executed == f"docker exec {NAME} ls -la /app"
    assert result.step("history").executed == "docker history --no-trunc --format '{{.CreatedBy}}' example/app:1"


def test_secret_values_never_reach_step_outputs():
    seen = with_env("HF_TOKEN=hf_abcdefghijklmnopqrstuvwxyz0123456789")
    result = judge(seen, OPTIONS)
    assert "HF_TOKEN=********\n" in result.step("env").output
    assert "hf_abc" not in "".join(step.output + step.detail for step in result.steps)
    assert [f.message for f in result.findings] == ["HF_TOKEN: value looks like a Hugging Face token"]


def test_steps_not_run_are_not_checked():
    not_running = CommandOutput(("id",), None, "container abc: is not running")
    seen = good(health=HealthWait("exited", 0.3, 165.0, exit_code=1), whoami=not_running, id=not_running,
                env=not_running, listing=not_running, stop=StopOutcome(False, 1, 0.0, 10))
    verdicts = {step.name: step.verdict for step in judge(seen, OPTIONS).steps}
    assert verdicts == {"run": Status.FAIL, "health": Status.NOT_CHECKED, "whoami": Status.NOT_CHECKED,
                        "id": Status.NOT_CHECKED, "user": Status.PASS, "env": Status.NOT_CHECKED,
                        "workdir": Status.NOT_CHECKED, "history": Status.PASS, "stop": Status.NOT_CHECKED}


def test_no_workdir_is_not_checked():
    result = judge(good(working_dir="", listing=CommandOutput((), None, "")), OPTIONS)
    assert (result.step("workdir").verdict, result.step("workdir").detail) == (
        Status.NOT_CHECKED, "not checked: the image sets no WORKDIR")
    assert result.step("workdir").command == "docker run --rm example/app:1 ls -la WORKDIR"


def test_file_report_of_a_pass():
    report = file_report(judge(good(), OPTIONS))
    assert (report.path, report.kind, report.error, report.findings) == ("example/app:1", "verify", None, ())
    assert report.patterns == (
        PatternResult("non_root_user", Status.PASS, "UID 1000 (app), GID 1000 (required UID 1000)", (3, 4, 5)),
        PatternResult("healthcheck", Status.PASS, "healthy after 1.2 s", (1, 2)),
        PatternResult("env_config", Status.PASS, "2 of 2 required keys set", (6,)),
        PatternResult("chown", Status.PASS, "/app: 2 entries, owned by app; the directory itself by root", (7, 8)),
        PatternResult("no_secrets", Status.PASS, "None found", (6, 8)),
        PatternResult("exec_form", Status.PASS, "exit 0 after 0.4 s (stop timeout 10 s)", (9,)),
    )
    assert report.facts == (("image_id", "sha256:" + "ab" * 32), ("container", NAME))
    assert report.steps == judge(good(), OPTIONS).steps and len(report.steps) == 9


def test_every_reporter_renders_a_verify_report():
    seen = good(config_user="aiuser", stop=StopOutcome(True, 137, 10.0, 10), listing=CommandOutput((), None, ""),
                working_dir="")
    report = Report((file_report(judge(seen, OPTIONS)),), runtime_rules())
    lines = FORMATS["text"](report).splitlines()
    assert lines[0] == "example/app:1: step 1 Start the container [pass] started; kept running"
    assert lines[1] == f"    $ docker run -d --name {NAME} --network none --label io.dockharden.verify=true example/app:1"
    assert lines[-8:] == [
        "example/app:1: step 7 File ownership in the working directory [not checked] not checked: the image sets no WORKDIR",
        "example/app:1: step 8 No chown layer, no secrets in the history [pass] 8 steps",
        "    $ docker history --no-trunc --format '{{.CreatedBy}}' example/app:1",
        "example/app:1: step 9 Graceful stop [fail] exit 137 after 10.0 s (stop timeout 10 s)",
        f"    $ docker stop --time 10 {NAME}",
        "example/app:1:5 VF103 user-by-name-at-runtime [warning] the image's USER is the name 'aiuser' "
        "(UID 1000 at runtime); Kubernetes runAsNonRoot cannot verify a name: use a numeric USER such as 1000:1000",
        "example/app:1:9 VF701 ungraceful-stop [error] exit 137 after 10.0 s: the engine waited the whole 10 s stop "
        "timeout and killed it; SIGTERM did not end the main process (shell-form CMD, or PID 1 without a SIGTERM handler)",
        "1 container, 1 error, 1 warning",
    ]
    for render in FORMATS.values():
        assert "VF103" in render(report)


def test_disabled_rules_by_code_or_name():
    seen = good(config_user="aiuser", stop=StopOutcome(True, 137, 10.0, 10))
    assert [f.rule.code for f in judge(seen, OPTIONS, frozenset({"VF103"})).findings] == ["VF701"]
    assert [f.rule.code for f in judge(seen, OPTIONS, frozenset({"ungraceful-stop"})).findings] == ["VF103"]
