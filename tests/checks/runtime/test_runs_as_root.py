"""Each verify rule over hand-made observations: exact codes, lines (step numbers) and messages."""
from __future__ import annotations

import dataclasses

import pytest

from dockharden.checks.verify import judge
from dockharden.runtime.observation import CommandOutput, HealthWait, HistoryStep, StopOutcome, VerifyOptions
from support.observations import good, with_env, with_history

OPTIONS = VerifyOptions()


def findings(seen, options=OPTIONS):
    return [(f.rule.code, f.line, f.message) for f in judge(seen, options).findings]


def test_good_observation_has_no_findings():
    assert findings(good()) == []


@pytest.mark.parametrize(("id_output", "expected"), [
    ("uid=0(root) gid=0(root) groups=0(root)\n",
     [("VF101", 4, "the container runs as root (uid=0(root) gid=0(root) groups=0(root))")]),
    ("uid=1001(app) gid=1001(app) groups=1001(app)\n",
     [("VF102", 4, "the container runs as UID 1001 (app), not the required UID 1000")]),
    ("uid=1001 gid=1001 groups=1001\n",
     [("VF102", 4, "the container runs as UID 1001, not the required UID 1000")]),
])
def test_runtime_uid(id_output, expected):
    seen = good(id=CommandOutput(("id",), 0, id_output), config_user="", listing=CommandOutput((), None, ""))
    assert findings(seen) == expected


def test_required_uid_is_configurable():
    seen = good(id=CommandOutput(("id",), 0, "uid=1001(app) gid=1001(app)\n"), listing=CommandOutput((), None, ""))
    assert findings(seen, VerifyOptions(required_uid=1001)) == []


def test_whoami_root_counts_when_id_cannot_run():
    seen = good(whoami=CommandOutput(("whoami",), 0, "root\n"), id=CommandOutput(("id",), 127, "exec: id: not found"))
    assert findings(seen) == [
        ("VF101", 3, "the container runs as root (whoami: root)"),
        ("VF901", 4, "`id` failed (exit 127): exec: id: not found"),
    ]


@pytest.mark.parametrize(("user", "expected"), [
    ("1000:1000", []), ("1000", []), ("", []),
    ("aiuser", [("VF103", 5, "the image's USER is the name 'aiuser' (UID 1000 at runtime); Kubernetes runAsNonRoot "
                           "cannot verify a name: use a numeric USER such as 1000:1000")]),
    ("aiuser:1000", [("VF103", 5, "the image's USER is the name 'aiuser' (UID 1000 at runtime); Kubernetes "
                                  "runAsNonRoot cannot verify a name: use a numeric USER such as 1000:1000")]),
])
def test_user_by_name(user, expected):
    assert findings(good(config_user=user)) == expected


def test_root_by_name_is_reported_once_as_root():
    seen = good(config_user="root", id=CommandOutput(("id",), 0, "uid=0(root) gid=0(root) groups=0(root)\n"))
    assert [code for code, _, _ in findings(seen)] == ["VF101"]


@pytest.mark.parametrize(("test", "expected"), [
    ((), [("VF201", 2, "the container reports no health status: the image has no HEALTHCHECK")]),
    (("NONE",), [("VF202", 2, "the container reports no health status: the image's HEALTHCHECK is NONE")]),
])
def test_no_health_status(test, expected):
    assert findings(good(healthcheck_test=test, health=HealthWait("none", 0.01, 165.0))) == expected


def test_unhealthy_shows_the_last_probe():
    health = HealthWait("unhealthy", 13.04, 39.0, "/bin/sh: 1: curl: not found\n", 1, logs="serving\n")
    assert findings(good(health=health)) == [
        ("VF203", 2, "unhealthy after 13.0 s; last probe (exit 1): /bin/sh: 1: curl: not found")]


def test_deadline_passed_while_starting():
    assert findings(good(health=HealthWait("starting", 60.1, 60.0))) == [
        ("VF203", 2, "still starting when the 60 s deadline passed; no probe has finished yet")]
    probe = HealthWait("starting", 60.1, 60.0, "Traceback ...\nConnectionRefusedError: [Errno 111]\n", 1)
    assert findings(good(health=probe)) == [
        ("VF203", 2, "still starting when the 60 s deadline passed; last probe (exit 1): Traceback ... "
                     "ConnectionRefusedError: [Errno 111]")]


def test_exited_while_waiting():
    seen = good(health=HealthWait("exited", 0.52, 165.0, exit_code=3, logs="starting\nboom\nTraceback: x\nValueError: y\n"),
                whoami=CommandOutput(("whoami",), None, "container is not running"),
                id=CommandOutput(("id",), None, "container is not running"),
                env=CommandOutput(("env",), None, ""), listing=CommandOutput(("ls", "-la", "/app"), None, ""),
                stop=StopOutcome(False, 3, 0.0, 10))
    assert findings(seen) == [
        ("VF204", 1, "the container exited with code 3 after 0.5 s; last log lines: boom | Traceback: x | ValueError: y")]


def test_not_started():
    seen = good(health=HealthWait("not-started", 0.0, 165.0, logs="running x: exec: \"nope\": executable file not found"),
                stop=StopOutcome(False, None, 0.0, 10))
    assert findings(seen)[0] == (
        "VF204", 1, "the container did not start: running x: exec: \"nope\": executable file not found")


def test_exited_after_the_checks_before_the_stop():
    seen = good(health=HealthWait("none", 0.0, 165.0), healthcheck_test=(), stop=StopOutcome(False, 0, 0.0, 10, logs="1\n"))
    assert findings(seen) == [
        ("VF201", 2, "the container reports no health status: the image has no HEALTHCHECK"),
        ("VF204", 1, "the container exited with code 0 before verify stopped it; last log lines: 1"),
    ][::-1]


def test_missing_env_one_finding_per_key():
    seen = good(env=CommandOutput(("env",), 0, "PATH=/usr/bin\nPYTHONUNBUFFERED=1\n"))
    assert findings(seen) == [("VF301", 6, "PYTHONDONTWRITEBYTECODE is not set in the container's environment")]
    options = VerifyOptions(required_env=("HF_HOME", "PYTHONUNBUFFERED"))
    assert findings(good(), options) == [("VF301", 6, "HF_HOME is not set in the container's environment")]


def test_workdir_entries_of_another_user():
    listing = ("total 8\ndrwxr-xr-x 1 app app 4096 Jan  2 03:04 .\ndrwxr-xr-x 1 root root 4096 Jan  2 03:04 ..\n"
               "-rw-r--r-- 1 1001 1001 10 Jan  2 03:04 a.py\n-rw-r--r-- 1 root root 10 Jan  2 03:04 b.py\n"
               "lrwxrwxrwx 1 nobody nogroup 4 Jan  2 03:04 my link -> a.py\n")
    seen = good(listing=CommandOutput(("ls", "-la", "/app"), 0, listing))
    assert findings(seen) == [
        ("VF401", 7, "/app: 2 of 4 entries owned by neither app nor root: a.py (1001:1001), my link (nobody:nogroup)")]


def test_workdir_owned_by_uid_without_a_name():
    listing = "drwxr-xr-x 1 1000 1000 4096 Jan  2 03:04 .\n-rw-r--r-- 1 1000 1000 10 Jan  2 03:04 a.py\n"
    seen = good(id=CommandOutput(("id",), 0, "uid=1000 gid=1000 groups=1000\n"),
                listing=CommandOutput(("ls", "-la", "/app"), 0, listing))
    assert findings(seen) == []


def test_workdir_not_judged_for_root():
    listing = "-rw-r--r-- 1 1001 1001 10 Jan  2 03:04 a.py\n"
    seen = good(id=CommandOutput(("id",), 0, "uid=0(root) gid=0(root)\n"), config_user="",
                listing=CommandOutput(("ls", "-la", "/app"), 0, listing))
    assert [code for code, _, _ in findings(seen)] == ["VF101"]


@pytest.mark.parametrize(("step", "expected"), [
    (HistoryStep("RUN /bin/sh -c chown -R 1000:1000 /app # buildkit", 300_312),
     "history step 9 (RUN chown -R 1000:1000 /app) stores 300.3 kB again to change owner or mode; use COPY --chown instead"),
    (HistoryStep("/bin/sh -c chmod -R g+w /app", 4_000_000),
     "history step 9 (RUN chmod -R g+w /app) stores 4.0 MB again to change owner or mode; use COPY --chown instead"),
    (HistoryStep("|1 MODE=x /bin/sh -c cp -r /src /app && chown app /app/x", 12),
     "history step 9 (RUN cp -r /src /app && chown app /app/x) stores 12 B again to change owner or mode; "
     "use COPY --chown instead"),
])
def test_chown_layers(step, expected):
    assert findings(with_history(step)) == [("VF402", 8, expected)]


@pytest.mark.parametrize("step", [
    HistoryStep("RUN /bin/sh -c mkdir /app/data && chown app /app/data # buildkit", 0),  # no bytes stored again
    HistoryStep("COPY --chown=1000:1000 app/ /app/ # buildkit", 5000),
    HistoryStep("/bin/sh -c #(nop)  LABEL note=chown later", 0),
    HistoryStep("RUN /bin/sh -c chmod 755 /app/run.sh # buildkit", 100),  # not recursive
])
def test_not_chown_layers(step):
    assert findings(with_history(step)) == []


def test_secret_in_env():
    seen = with_env("AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "TOKENIZERS_PARALLELISM=false",
                    "DB_PASSWORD_FILE=/run/secrets/db", "GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D")
    assert findings(seen) == [("VF601", 6, "AWS_SECRET_ACCESS_KEY: secret-like name with a literal value")]


def test_env_secret_shown_in_history_is_reported_once():
    secret = "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    seen = dataclasses.replace(with_env(secret), history=(HistoryStep(f"ENV {secret}", 0),))
    assert [code for code, _, _ in findings(seen)] == ["VF601"]


@pytest.mark.parametrize(("step", "reason"), [
    (HistoryStep("RUN |1 TOKEN=ghp_0123456789abcdefEXAMPLE /bin/sh -c echo ok # buildkit", 10),
     "build argument TOKEN: secret-like name with a literal value"),
    (HistoryStep("|2 HF_TOKEN=hf_abcdefghijklmnopqrstuvwxyz0123456789 MODE=x /bin/sh -c ./fetch", 10),
     "build argument HF_TOKEN: value looks like a Hugging Face token"),
    (HistoryStep("/bin/sh -c #(nop)  ENV DB_PASSWORD=hunter22", 0), "ENV DB_PASSWORD: secret-like name with a literal value"),
    (HistoryStep("ARG API_KEY=abc123def456", 0), "ARG API_KEY: secret-like name with a literal value"),
    (HistoryStep("RUN /bin/sh -c git clone https://bob:s3cret@git.example.com/x.git # buildkit", 10),
     "the step's text holds a password in URL"),
])
def test_secrets_in_history(step, reason):
    assert findings(with_history(step)) == [("VF602", 8, f"history step 9: {reason}")]


def test_build_arg_that_is_not_a_secret():
    assert findings(with_history(HistoryStep("RUN |2 APP_VERSION=1.2.3 TOKENIZERS_PARALLELISM=false /bin/sh -c true", 1))) == []


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


def test_failed_commands_are_warnings_not_passes():
    seen = good(listing=CommandOutput(("ls", "-la", "/srv"), 2, "ls: cannot access '/srv': No such file or directory\n"))
    result = judge(seen, OPTIONS)
    assert [(f.rule.code, f.line, f.message) for f in result.findings] == [
        ("VF901", 7, "`ls -la /srv` failed (exit 2): ls: cannot access '/srv': No such file or directory")]
    assert result.step("workdir").verdict.value == "warn"


def test_disabled_rules_by_code_or_name():
    seen = good(config_user="aiuser", stop=StopOutcome(True, 137, 10.0, 10))
    assert [f.rule.code for f in judge(seen, OPTIONS, frozenset({"VF103"})).findings] == ["VF701"]
    assert [f.rule.code for f in judge(seen, OPTIONS, frozenset({"ungraceful-stop"})).findings] == ["VF103"]
