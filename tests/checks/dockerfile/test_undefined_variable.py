"""DH921 undefined-variable: a variable Docker expands that nothing defines, where the base image's ENV is known."""
import pytest

from dockharden.checks.dockerfile import undefined_variable
from support.lintcase import report, rule_tests

PASSES = {
    "base-image-env": "FROM python:3.12-slim\nENV PATH=/opt/venv/bin:$PATH V=$PYTHON_VERSION\n",
    "arg-declared-before": "FROM python:3.12-slim\nARG APP=app\nCOPY $APP /srv/$APP\n",
    "arg-without-a-value-declared": "FROM python:3.12-slim\nARG VERSION\nLABEL version=$VERSION\n",
    "env-of-the-parent-stage": "FROM python:3.12-slim AS base\nARG HOME_DIR=/srv\nFROM base\nWORKDIR $HOME_DIR\n",
    "default-given": "FROM python:3.12-slim\nENV PYTHONPATH=/app${PYTHONPATH:+:$PYTHONPATH}\n",
    "unknown-base-may-set-it": "FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nENV LD_LIBRARY_PATH=/opt/x:$LD_LIBRARY_PATH\n",
    "shell-form-run-is-the-shells": "FROM python:3.12-slim\nRUN echo $UNDEFINED\n",
    "single-quoted": "FROM python:3.12-slim\nLABEL note='costs $5'\n",
    "escaped": "FROM python:3.12-slim\nENV PRICE=\\$5\n",
    "predefined-build-arg": "FROM python:3.12-slim\nARG TARGETARCH\nCOPY bin/$TARGETARCH /bin/\nENV HTTP_PROXY=$HTTP_PROXY\n",
    "exec-form-cmd": 'FROM python:3.12-slim\nCMD ["echo", "$HOME"]\n',
    "windows": "FROM python:3.13-windowsservercore\nENV X=$USERPROFILE\n",
}

FLAGS = {
    "prepended-to-an-unset-variable": ("FROM python:3.12-slim\nENV PYTHONPATH=/app:$PYTHONPATH\n", [2]),
    "arg-default-refers-to-itself": ("FROM node:20 AS build\nARG VITE_API_URL=${VITE_API_URL}\n", [2]),
    "used-before-its-arg": ("FROM python:3.12-slim\nCOPY $SRC /app\nARG SRC=.\n", [2]),
    "global-arg-not-redeclared": ("ARG APP_HOME=/app\nFROM python:3.12-slim\nWORKDIR $APP_HOME\n", [3]),
    "scratch-has-no-env": ("FROM scratch\nCOPY $BINARY /\n", [2]),
    "chown-flag": ("FROM python:3.12-slim\nCOPY --chown=$APP_UID app.py /\n", [2]),
    "uv-image": ("FROM ghcr.io/astral-sh/uv:python3.14-bookworm-slim\nENV PYTHONPATH=\"/app/.venv:$PYTHONPATH\"\n", [2]),
    "each-variable": ("FROM python:3.12-slim\nLABEL a=$ONE b=${TWO}\n", [2, 2]),
}

test_passes, test_flagged = rule_tests(undefined_variable, PASSES, FLAGS)


@pytest.mark.parametrize("text, message", [
    ("FROM python:3.12-slim\nENV P=/app:$PYTHONPATH\n", "$PYTHONPATH is not defined before this line (no ARG or ENV, and python:3.12-slim does not set it): it expands to nothing"),
    ("ARG APP_HOME=/app\nFROM python:3.12-slim\nWORKDIR $APP_HOME\n", "$APP_HOME is a global ARG, which only FROM lines see: declare ARG APP_HOME in the stage"),
])
def test_messages(text, message):
    assert [f.message for f in report(text).findings if f.rule.code == "DH921"] == [message]
