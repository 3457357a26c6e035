"""DH902 unpinned-base-image: no tag or `latest`, after ARG expansion."""
import pytest

from dockharden.checks.dockerfile import unpinned_base_image
from support.lintcase import rule_tests

PASSES = {
    "tag": "FROM python:3.12-slim\n",
    "digest": "FROM python@sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9\n",
    "scratch": "FROM scratch\n",
    "registry-port-and-tag": "FROM localhost:5000/python:3.12\n",
    "platform-flag": "FROM --platform=$BUILDPLATFORM python:3.12-slim\n",
    "stage-reference": "FROM python:3.12-slim AS base\nFROM base\n",
    "arg-default": "ARG BASE=python:3.12-slim\nFROM ${BASE}\n",
    "arg-without-value-cannot-be-told": "ARG TAG\nFROM python:$TAG\n",
}

FLAGS = {
    "no-tag": ("FROM python\n", [1]),
    "latest": ("FROM python:latest AS builder\n", [1]),
    "registry-port-without-tag": ("FROM localhost:5000/python\n", [1]),
    "arg-default-latest": ("ARG TAG=latest\nFROM python:${TAG}\n", [2]),
    "second-stage": ("FROM python:3.12-slim AS builder\nFROM debian\n", [2]),
}

test_passes, test_flagged = rule_tests(unpinned_base_image, PASSES, FLAGS)


from support.fixcase import fix_of, fixed  # noqa: E402


@pytest.mark.parametrize(("text", "expected"), [
    ("ARG PYTHON_VERSION=3.12\nFROM python\n", "ARG PYTHON_VERSION=3.12\nFROM python:${PYTHON_VERSION}\n"),
    ("ARG PYTHON_TAG=3.12-slim\nFROM docker.io/library/python:latest AS app\n",
     "ARG PYTHON_TAG=3.12-slim\nFROM docker.io/library/python:${PYTHON_TAG} AS app\n"),
    ("ARG NODE_VERSION=20\nFROM python\n", "ARG NODE_VERSION=20\nFROM python\n"),
])
def test_fix_uses_the_version_arg(text, expected):
    assert fixed(text, unpinned_base_image) == expected


def test_fix_is_safe():
    assert fix_of("ARG PYTHON_VERSION=3.12\nFROM python\n", unpinned_base_image) == ("safe", "FROM python:${PYTHON_VERSION}, the version ARG PYTHON_VERSION gives")
