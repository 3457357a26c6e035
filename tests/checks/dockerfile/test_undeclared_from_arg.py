"""DH922 undeclared-from-arg: a FROM line using an ARG no global ARG declares."""
from dockharden.checks.dockerfile import undeclared_from_arg
from support.lintcase import rule_tests

PASSES = {
    "declared": "ARG PY=3.12\nFROM python:${PY}-slim\n",
    "declared-without-a-default": "ARG BASE\nFROM ${BASE}\n",
    "predefined": "FROM --platform=$BUILDPLATFORM python:3.12-slim\n",
    "default-given": "FROM python:${PY:-3.12}-slim\n",
    "a-stage-name": "FROM python:3.12-slim AS base\nFROM base\n",
}

FLAGS = {
    "undeclared": ("FROM python:${PYTHON_VERSION}-slim\n", [1]),
    "declared-only-inside-a-stage": ("FROM python:3.12-slim\nARG VARIANT=slim\nFROM python:3.12-$VARIANT\n", [3]),
    "platform-typo": ("FROM --platform=$BULIDPLATFORM python:3.12-slim\n", [1]),
}

test_passes, test_flagged = rule_tests(undeclared_from_arg, PASSES, FLAGS)
