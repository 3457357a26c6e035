"""DH602 secret-in-arg: ARG defaults that are secrets, global or in a stage."""
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
