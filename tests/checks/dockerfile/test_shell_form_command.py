"""DH701 shell-form-command: the final CMD/ENTRYPOINT runs under a shell that stays PID 1."""
import pytest
from dockharden.checks.dockerfile import shell_form_command
from support.lintcase import flagged, report, rule_tests

PASSES = {
    "bash-execs-one-command-with-a-quoted-semicolon": "FROM centos:7\nCMD nginx -g \"daemon off;\"\n",
    "ash-execs-the-last-command-after-quoted-parens-and-pipes": "FROM python:3.12-alpine\nCMD echo \"a|b (c)\" && python -m app\n",
    "exec-form-cmd": """
        FROM python:3.12-slim
        CMD ["gunicorn", "-c", "gunicorn.conf.py", "main:app"]
    """,
    "exec-form-entrypoint-with-shell-cmd": """
        FROM python:3.12-slim
        ENTRYPOINT ["/docker-entrypoint.sh"]
        CMD gunicorn main:app
    """,
    "shell-form-that-execs": """
        FROM python:3.12-slim
        CMD exec gunicorn main:app --workers ${GUNICORN_WORKERS}
    """,
    "script-whose-last-command-execs": """
        FROM python:3.12-slim
        CMD set -e; alembic upgrade head; exec gunicorn main:app
    """,
    "sh-c-that-execs": """
        FROM python:3.12-slim
        CMD ["/bin/bash", "-c", "alembic upgrade head && exec gunicorn main:app"]
    """,
    "entrypoint-script": """
        FROM python:3.12-slim
        ENTRYPOINT ["/entrypoint.sh"]
    """,
    "nothing-set-inherits-the-base": """
        FROM python:3.12-slim
    """,
    "shell-cmd-only-in-builder": """
        FROM python:3.12-slim AS builder
        CMD python build.py
        FROM python:3.12-slim
        CMD ["python", "app.py"]
    """,
    "child-entrypoint-resets-the-inherited-cmd": """
        FROM python:3.12-slim AS base
        CMD gunicorn main:app
        FROM base
        ENTRYPOINT ["gunicorn", "main:app"]
    """,
}

FLAGS = {
    "bash-with-two-commands-beside-a-quoted-semicolon": ("FROM centos:7\nCMD nginx -g \"daemon off;\"; echo done\n", [2]),
    "spec-gunicorn-cmd": ("""
        FROM python:3.12-slim
        CMD gunicorn main:app \\
            --workers ${GUNICORN_WORKERS} \\
            --bind 0.0.0.0:8000
    """, [2]),
    "entrypoint-shell-form": ("""
        FROM python:3.12-slim
        ENTRYPOINT gunicorn main:app
    """, [2]),
    "exec-not-last": ("""
        FROM python:3.12-slim
        CMD exec gunicorn main:app; echo stopped
    """, [2]),
    "sh-c-in-exec-form": ("""
        FROM python:3.12-slim
        CMD ["sh", "-c", "gunicorn main:app"]
    """, [2]),
    "shell-entrypoint-wins-over-exec-cmd": ("""
        FROM python:3.12-slim
        ENTRYPOINT python -m app
        CMD ["--port", "8000"]
    """, [2]),
    "inherited-from-parent": ("""
        FROM python:3.12-slim AS base
        CMD gunicorn main:app
        FROM base
    """, [2]),
}

test_passes, test_flagged = rule_tests(shell_form_command, PASSES, FLAGS)


def test_finding_spans_the_whole_instruction():
    (finding,) = [f for f in report(FLAGS["spec-gunicorn-cmd"][0]).findings if f.rule.code == "DH701"]
    assert (finding.line, finding.end_line) == (2, 4)
    assert finding.message == "CMD in shell form runs under /bin/sh -c, which does not forward SIGTERM"


def test_not_checked_on_windows():
    text = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nCMD python app.py\n'
    assert flagged(text, shell_form_command) == []


from support.fixcase import fix_of, fixed  # noqa: E402

# The fix: input -> output, and what is left without a fix.

@pytest.mark.parametrize(("line", "expected", "safety"), [
    ("CMD gunicorn -b 0.0.0.0:8000 app:app", 'CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]', "safe"),
    ("entrypoint python3 /app/serve.py", 'entrypoint ["python3", "/app/serve.py"]', "safe"),
    ("CMD gunicorn app:app --workers ${WORKERS}", "CMD exec gunicorn app:app --workers ${WORKERS}", "unsafe"),
    ("CMD cd /app && gunicorn app:app", "CMD cd /app && exec gunicorn app:app", "unsafe"),
    ("CMD gunicorn app:app \\\n    --workers $W", "CMD exec gunicorn app:app \\\n    --workers $W", "unsafe"),
])
def test_fix(line, expected, safety):
    text = f"FROM python:3.12-slim\n{line}\n"
    assert fixed(text, shell_form_command, unsafe=True) == f"FROM python:3.12-slim\n{expected}\n"
    assert fix_of(text, shell_form_command)[0] == safety


@pytest.mark.parametrize("line", [
    "CMD gunicorn app:app | tee log", "CMD a; b", "CMD FOO=1 gunicorn app", "CMD cd /app && echo hi", "CMD gunicorn app > log",
])
def test_no_fix_where_exec_would_change_the_script(line):
    assert fix_of(f"FROM python:3.12-slim\n{line}\n", shell_form_command) is None


def test_exec_form_entrypoint_with_a_cmd_is_unsafe():
    text = "FROM python:3.12-slim\nENTRYPOINT python3 serve.py\nCMD --port 9000\n"
    assert fix_of(text, shell_form_command) == ("unsafe", "ENTRYPOINT in exec form")


@pytest.mark.parametrize("text", [
    "FROM python:3.12-alpine\nCMD gunicorn main:app --workers ${GUNICORN_WORKERS}\n",
    "FROM nginx:1.29.0-alpine\nCMD nginx -g \"daemon off;\"\n",
    "FROM alpine:3.21\nCMD mkdir -p /run/app && /start.py\n",
    'FROM alpine:3.21\nCMD ["/bin/sh", "-c", "/start.py --config /etc/app.conf"]\n',
    'FROM python:3.12-slim\nCMD ["/bin/bash", "-c", "sleep infinity"]\n',
])
def test_passes_a_shell_that_execs_its_last_command_itself(text):
    # busybox ash runs `sh -c` with EV_EXIT and execs the last simple command; bash execs a
    # -c string that is one simple command; Debian's dash is patched not to
    assert flagged(text, shell_form_command) == []


@pytest.mark.parametrize("text", [
    "FROM python:3.12-slim-bookworm\nCMD gunicorn main:app\n",
    "FROM alpine:3.21\nCMD redis-server & /start.py\n",
    "FROM alpine:3.21\nCMD trap 'kill 0' TERM; /start.py\n",
    "FROM alpine:3.21\nCMD /start.py | tee /log\n",
    'FROM python:3.12-slim\nCMD ["/bin/bash", "-c", "alembic upgrade head && gunicorn main:app"]\n',
    "FROM registry.example.com/base:1\nCMD /start.py\n",
])
def test_flags_a_shell_that_stays_pid1(text):
    assert flagged(text, shell_form_command) == [("DH701", 2)]


def _tini(entrypoint: str, cmd: str = "CMD uvicorn app:app & start-notebook.sh", base: str = "python:3.12-slim") -> list[tuple[int, str]]:
    text = f"FROM {base}\nENV PATH=/opt/bin:$PATH\n{entrypoint}\n{cmd}\n"
    return [(f.line, f.message) for f in report(text).findings if f.rule.code == "DH701"]


def test_tini_without_g_signals_only_the_shell_of_a_shell_form_cmd():
    message = ("CMD in shell form runs under /bin/sh -c, which tini (ENTRYPOINT, without -g) sends SIGTERM to alone: "
               "sh does not forward it to the commands it started")
    assert _tini('ENTRYPOINT ["tini", "--"]') == [(4, message)]
    assert _tini('ENTRYPOINT ["/usr/bin/tini", "-s", "--"]', "CMD cd /app && gunicorn main:app") == [(4, message)]
    assert _tini('ENTRYPOINT ["tini", "--"]', "CMD gunicorn main:app") == [(4, message)]  # dash stays between tini and gunicorn
    assert _tini('ENTRYPOINT ["tini", "--"]', 'CMD ["sh", "-c", "a & b"]') == [
        (4, message.replace("CMD in shell form", "CMD in a shell started in exec form"))]


@pytest.mark.parametrize(("entrypoint", "cmd"), [
    ('ENTRYPOINT ["tini", "-g", "--"]', "CMD uvicorn app:app & start-notebook.sh"),  # the whole group gets it
    ('ENTRYPOINT ["tini", "-sg", "--"]', "CMD uvicorn app:app & start-notebook.sh"),
    ('ENTRYPOINT ["tini", "--"]', 'CMD ["uvicorn", "app:app"]'),  # no shell between
    ('ENTRYPOINT ["tini", "--"]', "CMD exec uvicorn app:app"),
    ('ENTRYPOINT ["tini", "--", "/entrypoint.sh"]', "CMD uvicorn app:app & b"),  # the script gets the CMD as arguments
    ('ENTRYPOINT ["tini", "-p", "SIGKILL", "--"]', "CMD a & b"),  # options with values: not read
    ('ENTRYPOINT ["dumb-init", "--"]', "CMD a & b"),  # dumb-init signals the process group by default
    ('ENV TINI_KILL_PROCESS_GROUP=1\nENTRYPOINT ["tini", "--"]', "CMD uvicorn app:app & start-notebook.sh"),
])
def test_tini_passes_where_the_signal_reaches_the_server(entrypoint, cmd):
    assert _tini(entrypoint, cmd) == []


def test_tini_on_alpine_where_ash_execs_the_last_command():
    assert _tini('ENTRYPOINT ["tini", "--"]', "CMD mkdir -p /run/x && gunicorn main:app", base="python:3.12-alpine") == []


@pytest.mark.parametrize(("stops", "flagged_lines"), [
    ("STOPSIGNAL SIGKILL", []),  # docker stop kills at once: there is no SIGTERM to forward
    ("STOPSIGNAL 9", []),
    ("STOPSIGNAL SIGINT", [4]),
    ("STOPSIGNAL SIGINT\nSTOPSIGNAL KILL", []),  # the last one counts
    ("STOPSIGNAL KILL\nSTOPSIGNAL SIGTERM", [4]),
])
def test_stopsignal_sigkill_sends_no_sigterm(stops, flagged_lines):
    text = f"FROM python:3.12-slim AS base\nFROM base\n{stops}\nCMD [ -d alembic ] && reflex db migrate; reflex run --env prod\n"
    assert [f.line for f in report(text).findings if f.rule.code == "DH701"] == [line + stops.count("\n") for line in flagged_lines]


def test_stopsignal_of_the_parent_stage_counts():
    text = "FROM python:3.12-slim AS base\nSTOPSIGNAL SIGKILL\nFROM base\nCMD reflex db migrate; reflex run\n"
    assert [f for f in report(text).findings if f.rule.code == "DH701"] == []
