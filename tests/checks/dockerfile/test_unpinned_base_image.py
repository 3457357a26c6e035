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
    # synapse's Dockerfile-dhvirtualenv: an empty default leaves no image, so every build passes it.
    "empty-default-leaves-no-name": 'ARG distro=""\nFROM docker.io/library/${distro} AS builder\nFROM docker.io/library/${distro}\n',
    "empty-default-leaves-no-registry": 'ARG REGISTRY=""\nFROM ${REGISTRY}/python\n',
    "major-only": "FROM python:3-slim\n",
    "distribution-codename": "FROM debian:bookworm-slim\nFROM ubuntu:noble\nFROM buildpack-deps:bookworm\n",
    "node-release-codename": "FROM node:iron-alpine\n",
    "dated-nightly": "FROM pytorch/pytorch:nightly-2024-05-01\n",
    "variant-of-an-image-whose-name-has-the-version": "FROM gcr.io/distroless/python3-debian12:nonroot\n",
    "variant-word-on-another-owner": "FROM someone/python:slim\n",
    "version-then-latest-word": "FROM python:3.12-slim-bookworm\nFROM nginx:1.27-alpine\n",
}

FLAGS = {
    "no-tag": ("FROM python\n", [1]),
    "empty-default-of-a-prefix-leaves-a-name": ('ARG PREFIX=""\nFROM ${PREFIX}python\n', [2]),
    "latest": ("FROM python:latest AS builder\n", [1]),
    "registry-port-without-tag": ("FROM localhost:5000/python\n", [1]),
    "arg-default-latest": ("ARG TAG=latest\nFROM python:${TAG}\n", [2]),
    "second-stage": ("FROM python:3.12-slim AS builder\nFROM debian\n", [2]),
}

test_passes, test_flagged = rule_tests(unpinned_base_image, PASSES, FLAGS)


@pytest.mark.parametrize(("line", "reason"), [
    ("FROM h2oai/h2ogpt:latest-fips-dev", "latest-fips-dev follows every release"),
    ("FROM openmmlab/lmdeploy:latest-cu12", "latest-cu12 follows every release"),
    ("FROM alpine:edge", "edge is a release channel that moves on"),
    ("FROM debian:stable-slim", "stable-slim is a release channel that moves on"),
    ("FROM nginx:mainline-alpine", "mainline-alpine is a release channel that moves on"),
    ("FROM python:slim-bookworm", "slim-bookworm names a variant, not a version of python"),
    ("FROM python:slim", "slim names a variant, not a version of python"),
    ("FROM docker.io/library/python:alpine3.20", "alpine3.20 names a variant, not a version of python"),
    ("FROM postgres:bookworm", "bookworm names a variant, not a version of postgres"),
])
def test_a_tag_that_names_no_version_is_a_warning_without_a_fix(line, reason):
    image = line.split()[1]
    (finding,) = [f for f in report(f"ARG PYTHON_VERSION=3.12\n{line}\n").findings if f.rule.code == "DH902"]
    assert (finding.line, finding.rule.severity.label, finding.message, finding.fix) == (
        2, "warning", f"{image} is not pinned to a version tag: {reason}", None)


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


RUNNER = "ARG BASE=acme/runner-core:latest\nFROM $BASE\nUSER 1000\n"
E2E_BUILD = 'docker build -t e2e-runner BUILD_ARGS -f docker/runner/Dockerfile docker/runner\n'


def _dh902_in(tmp_path, script: str, text: str = RUNNER) -> list[tuple[str, str]]:
    from dockharden.checks.lint import lint_text

    (tmp_path / ".git").mkdir()
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "e2e.sh").write_text(script)
    (tmp_path / "docker" / "runner").mkdir(parents=True)
    (tmp_path / "docker" / "runner" / "Dockerfile").write_text(text)
    findings = lint_text(text, "docker/runner/Dockerfile", tmp_path / "docker" / "runner").findings
    return [(f.rule.severity.label, f.message) for f in findings if f.rule.code == "DH902"]


@pytest.mark.parametrize("args", ['--build-arg BASE="$CORE_IMAGE"', "--build-arg BASE", "--build-arg VERSION=2 --build-arg BASE=e2e-core"])
def test_info_for_a_default_that_every_build_replaces(tmp_path, args):
    script = "#!/bin/sh\n" + E2E_BUILD.replace("BUILD_ARGS", args) + E2E_BUILD.replace("e2e-runner", "e2e-runner-2").replace("BUILD_ARGS", args)
    assert _dh902_in(tmp_path, script) == [("info", "acme/runner-core:latest is not pinned to a version tag (info: the image is the "
                                                    "default of ARG BASE, which every build in e2e.sh replaces (--build-arg BASE))")]


@pytest.mark.parametrize("script, text", [
    ("#!/bin/sh\n" + E2E_BUILD.replace("BUILD_ARGS", "--build-arg BASE=x") + E2E_BUILD.replace("BUILD_ARGS", ""), RUNNER),  # one build keeps it
    ("#!/bin/sh\n" + E2E_BUILD.replace("BUILD_ARGS", "--build-arg VERSION=2"), RUNNER),  # another arg
    ("#!/bin/sh\n" + E2E_BUILD.replace("BUILD_ARGS", "--build-arg BASE=x"), "ARG BASE=x\nFROM acme/runner-core:latest\nUSER 1000\n"),
])
def test_a_default_some_build_uses_stays_a_warning(tmp_path, script, text):
    assert [s for s, _ in _dh902_in(tmp_path, script, text)] == ["warning"]


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
