"""DH303 missing-build-args: no ARG anywhere (informational: the spec's "basic config")."""
from dockharden.checks.dockerfile import missing_build_args
from dockharden.core.vocabulary import Severity, Status
from support.lintcase import report, rule_tests

PASSES = {
    "global-arg": """
        ARG PYTHON_VERSION=3.12
        FROM python:${PYTHON_VERSION}-slim
    """,
    "stage-arg": """
        FROM python:3.12-slim
        ARG APP_VERSION=1.0.0
    """,
}

FLAGS = {
    "no-arg": ("""
        FROM python:3.12-slim AS builder
        FROM python:3.12-slim
    """, [1]),
}

test_passes, test_flagged = rule_tests(missing_build_args, PASSES, FLAGS)


def test_is_information_and_leaves_env_config_passing():
    text = """
        FROM python:3.12-slim
        ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
    """
    result = report(text)
    assert missing_build_args.RULE.severity == Severity.INFO
    (env_config,) = [p for p in result.patterns if p.pattern == "env_config"]
    assert (env_config.status, env_config.detail) == (Status.PASS, "Basic config")
