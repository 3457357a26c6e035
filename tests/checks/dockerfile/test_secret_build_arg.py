"""DH603 secret-build-arg: a secret-named ARG meant to be passed with --build-arg."""
from dockharden.checks.dockerfile import secret_build_arg
from support.lintcase import rule_tests

PASSES = {
    "gpg-key-is-a-fingerprint": """
        FROM python:3.12-slim
        ARG GPG_KEY
    """,
    "key-file-is-a-path": """
        FROM python:3.12-slim
        ARG KEY_FILE
    """,
    "version": """
        FROM python:3.12-slim
        ARG VERSION
    """,
    "tokenizers": """
        FROM python:3.12-slim
        ARG TOKENIZERS_PARALLELISM
    """,
    # no stage redeclares it, so no RUN sees it; the token goes through a secret mount
    "unused-global-arg": """
        ARG GITHUB_TOKEN
        FROM python:3.12-slim
        RUN --mount=type=secret,id=github_token GITHUB_TOKEN="$(cat /run/secrets/github_token)" pip download x
    """,
    "qualifier-word": """
        FROM python:3.12-slim
        ARG API_KEY_HEADER
    """,
}

FLAGS = {
    "github-token": ("""
        FROM python:3.12-slim
        ARG GITHUB_TOKEN
        RUN git clone https://$GITHUB_TOKEN@github.com/org/private.git
    """, [2]),
    "global-token-redeclared-in-a-stage": ("""
        ARG HF_TOKEN
        FROM python:3.12-slim
        ARG HF_TOKEN
    """, [1, 3]),
    "empty-default": ("""
        FROM python:3.12-slim
        ARG NPM_TOKEN=
    """, [2]),
    "empty-quoted-default": ("""
        FROM python:3.12-slim
        ARG NPM_TOKEN=""
    """, [2]),
}

test_passes, test_flagged = rule_tests(secret_build_arg, PASSES, FLAGS)
