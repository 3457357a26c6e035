"""DH701 shell-form-command: the final CMD/ENTRYPOINT runs under a shell that stays PID 1."""
from dockharden.checks.dockerfile import shell_form_command
from support.lintcase import flagged, report, rule_tests

PASSES = {
    "exec-form-cmd": """
        FROM python:3.12-slim
        CMD ["gunicorn", "-c", "gunicorn.conf.py", "main:app"]
    """,
    "exec-form-entrypoint-with-shell-cmd": """
        FROM python:3.12-slim
        ENTRYPOINT ["tini", "--"]
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
