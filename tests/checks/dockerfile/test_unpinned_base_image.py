"""DH902 unpinned-base-image: no tag or `latest`, after ARG expansion."""
import pytest

from dockharden.checks.dockerfile import unpinned_base_image
from support.lintcase import report, rule_tests

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


def test_info_for_an_image_this_repository_builds(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "images" / "base-notebook").mkdir(parents=True)
    (tmp_path / "images" / "base-notebook" / "Dockerfile").write_text("FROM ubuntu:24.04\nUSER 1000\n")
    findings = [f for f in report("FROM quay.io/jupyter/base-notebook\n", context_dir=tmp_path).findings if f.rule.code == "DH902"]
    assert [(f.rule.severity.label, f.line) for f in findings] == [("info", 1)]
    assert "this repository builds it (images/base-notebook/Dockerfile)" in findings[0].message


def test_an_outside_image_of_the_same_name_stays_a_warning(tmp_path):
    (tmp_path / ".git").mkdir()
    assert [f.rule.severity.label for f in report("FROM quay.io/jupyter/base-notebook\n", context_dir=tmp_path).findings
            if f.rule.code == "DH902"] == ["warning"]


def test_info_for_an_image_a_build_script_tags(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "ci").mkdir()
    (tmp_path / "ci" / "Dockerfile.toolchain").write_text("FROM debian:12-slim\nUSER 1000\n")
    (tmp_path / "build.sh").write_text("cd \"$(git rev-parse --show-toplevel)\"\ndocker build \\\n  --tag app-toolchain \\\n  -f ci/Dockerfile.toolchain ci\n")
    findings = [f for f in report("FROM app-toolchain:latest\n", context_dir=tmp_path).findings if f.rule.code == "DH902"]
    assert [(f.rule.severity.label, f.line) for f in findings] == [("info", 1)]
    assert "this repository builds it (ci/Dockerfile.toolchain)" in findings[0].message


def test_info_for_a_bare_name_no_registry_serves():
    text = "FROM app_ci_base\nFROM tritonserver\nFROM debian\nFROM docker.io/library/node:latest\nFROM tritonserver:latest\n"
    findings = [f for f in report(text).findings if f.rule.code == "DH902"]
    assert [(f.rule.severity.label, f.line) for f in findings] == [("info", 1), ("info", 2), ("warning", 3), ("warning", 4),
                                                                   ("info", 5)]
    assert findings[1].message == ("tritonserver is not pinned to a version tag (info: a local image: Docker Hub has no "
                                   "official image 'tritonserver', so no registry serves it and a build script makes it)")


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
