"""DH602 secret-in-arg: ARG defaults that are secrets, global or in a stage."""
import pytest
from dockharden.checks.dockerfile import secret_in_arg
from support.lintcase import rule_tests

PASSES = {
    "tokenizers": """
        FROM python:3.12-slim
        ARG TOKENIZERS_PARALLELISM=false
    """,
    "no-default-is-another-rule": """
        FROM python:3.12-slim
        ARG GITHUB_TOKEN
    """,
    "default-from-a-variable": """
        FROM python:3.12-slim
        ARG NPM_TOKEN=${CI_NPM_TOKEN}
    """,
    "version": """
        ARG APP_VERSION=1.0.0
        FROM python:3.12-slim
    """,
}

FLAGS = {
    "global-password": ("""
        ARG DB_PASSWORD=secret
        FROM python:3.12-slim
    """, [1]),
    "stage-password": ("""
        FROM python:3.12-slim
        ARG DB_PASSWORD="s3cr3t"
    """, [2]),
    "aws-key-value": ("""
        FROM python:3.12-slim
        ARG X=AKIAIOSFODNN7EXAMPLE
    """, [2]),
    "password-in-index-url": ("""
        FROM python:3.12-slim
        ARG PIP_INDEX_URL=https://user:hunter2@pypi.example.com/simple
    """, [2]),
    "second-of-two": ("""
        FROM python:3.12-slim
        ARG VERSION=1 API_TOKEN=abc
    """, [2]),
}

test_passes, test_flagged = rule_tests(secret_in_arg, PASSES, FLAGS)


from support.fixcase import fix_of, fixed  # noqa: E402


def test_fix_of_a_stage_arg():
    text = "FROM python:3.12-slim\nARG PIP_INDEX_URL=https://user:hunter2@pypi.example.com/simple\nRUN pip install x\n"
    assert fixed(text, secret_in_arg, unsafe=True) == (
        'FROM python:3.12-slim\nRUN --mount=type=secret,id=PIP_INDEX_URL export PIP_INDEX_URL="$(cat /run/secrets/PIP_INDEX_URL)" && pip install x\n')


def test_no_fix_of_a_global_arg():
    assert fix_of("ARG PIP_INDEX_URL=https://user:hunter2@pypi.example.com/simple\nFROM python:3.12-slim\n", secret_in_arg) is None
