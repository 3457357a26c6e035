"""DH603 secret-build-arg: a secret-named ARG meant to be passed with --build-arg."""
import pytest
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


from support.fixcase import fix_of, fixed  # noqa: E402


def test_fix_moves_the_argument_to_a_secret_mount_of_every_later_run():
    text = "FROM python:3.12-slim\nARG GITHUB_TOKEN\nRUN git clone https://$GITHUB_TOKEN@github.com/o/p.git\nRUN --mount=type=cache,target=/c pip install x\n"
    assert fixed(text, secret_build_arg, unsafe=True) == (
        "FROM python:3.12-slim\n"
        'RUN --mount=type=secret,id=GITHUB_TOKEN export GITHUB_TOKEN="$(cat /run/secrets/GITHUB_TOKEN)" && git clone https://$GITHUB_TOKEN@github.com/o/p.git\n'
        'RUN --mount=type=cache,target=/c --mount=type=secret,id=GITHUB_TOKEN export GITHUB_TOKEN="$(cat /run/secrets/GITHUB_TOKEN)" && pip install x\n')
    assert fix_of(text, secret_build_arg) == ("unsafe", "GITHUB_TOKEN as a secret mount in place of ARG (build with --secret id=GITHUB_TOKEN,env=GITHUB_TOKEN)")


@pytest.mark.parametrize("text", [
    "FROM python:3.12-slim\nARG GITHUB_TOKEN OTHER\nRUN echo\n",  # the ARG declares another name too
    'FROM python:3.12-slim\nARG GITHUB_TOKEN\nRUN ["git", "clone", "x"]\n',  # an exec-form RUN has no shell to read the file
])
def test_no_fix(text):
    assert fix_of(text, secret_build_arg) is None
