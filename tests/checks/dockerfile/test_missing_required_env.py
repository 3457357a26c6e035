"""DH301 missing-required-env: the final stage (with inheritance) lacks a required ENV key."""
from dockharden.checks.dockerfile import missing_required_env
from support.lintcase import flagged, report, rule_tests

PASSES = {
    "both-set": """
        FROM python:3.12-slim
        ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
    """,
    "legacy-form-in-two-instructions": """
        FROM python:3.12-slim
        ENV PYTHONUNBUFFERED 1
        ENV PYTHONDONTWRITEBYTECODE 1
    """,
    "inherited-through-from-stage": """
        FROM python:3.12-slim AS base
        ENV PYTHONUNBUFFERED=1 \\
            PYTHONDONTWRITEBYTECODE=1
        FROM base
    """,
}

FLAGS = {
    "none": ("""
        FROM python:3.12-slim
        CMD ["python"]
    """, [1]),
    "one-missing": ("""
        FROM python:3.12-slim
        ENV PYTHONUNBUFFERED=1
    """, [1]),
    "set-only-in-builder": ("""
        FROM python:3.12-slim AS builder
        ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
        FROM python:3.12-slim
    """, [3]),
    "arg-is-not-env": ("""
        FROM python:3.12-slim
        ARG PYTHONUNBUFFERED=1
        ARG PYTHONDONTWRITEBYTECODE=1
    """, [1]),
}

test_passes, test_flagged = rule_tests(missing_required_env, PASSES, FLAGS)


def test_message_lists_the_missing_keys():
    (finding,) = [f for f in report(FLAGS["one-missing"][0]).findings if f.rule.code == "DH301"]
    assert finding.message == "the final stage does not set PYTHONDONTWRITEBYTECODE"


def test_required_keys_come_from_settings():
    text = """
        FROM python:3.12-slim
        ENV HF_HOME=/models
    """
    assert flagged(text, missing_required_env, required_env=("HF_HOME",)) == []
    assert flagged(text, missing_required_env, required_env=("HF_HOME", "PORT")) == [("DH301", 1)]
