"""DH928 end-of-life-base-image: a shipped stage built on a release past its security support."""
import pytest

from dockharden.checks.dockerfile import end_of_life_base
from dockharden.core.clock import today
from dockharden.core.settings import Settings
from support.lintcase import report, rule_tests

PASSES = {
    "supported": "FROM python:3.12-slim-bookworm\n",
    "no-release-named": "FROM python:3.11-slim\n",
    "a-builder-that-does-not-ship": """
        FROM python:3.8-slim-buster AS build
        RUN pip wheel --no-cache-dir -w /wheels .
        FROM python:3.12-slim
        COPY --from=build /wheels /wheels
    """,
    "a-stage-built-on-an-earlier-stage": "FROM python:3.12-slim AS base\nFROM base\n",
    "an-arg-not-known": "ARG BASE\nFROM ${BASE}\n",
    # metaflow-service: the per-platform bases of a builder stage that a platform variable names.
    "bases-of-a-builder-by-platform": """
        FROM golang:1.20.2-buster AS amd64-golang
        FROM arm64v8/golang:1.20.2-buster AS arm64-golang
        FROM ${TARGETARCH}-golang AS goose
        RUN go install github.com/pressly/goose/v3/cmd/goose@v3.9.0
        FROM python:3.12-slim-bookworm
        COPY --from=goose /go/bin/goose /usr/local/bin/
    """,
}

FLAGS = {
    "old-python": ("FROM python:3.9-slim\n", [1]),
    "the-final-stage-only": ("""
        FROM python:3.12-slim AS build
        RUN pip wheel --no-cache-dir -w /wheels .
        FROM ubuntu:20.04
        COPY --from=build /wheels /wheels
    """, [3]),
    "from-a-global-arg": ("ARG CUDA=12.1.0\nFROM nvidia/cuda:${CUDA}-runtime-ubuntu20.04\n", [2]),
    "another-target-that-ships": ("FROM node:16-alpine AS assets\nRUN npm ci\nFROM python:3.12-slim\nRUN true\n", [1]),
    "a-mirror-of-python-by-its-arg-default": ("ARG PY=3.9\nFROM gcr.io/iguazio/python:${PY}-slim\n", [2]),
    "per-platform-bases-of-the-final-stage": ("""
        FROM golang:1.20.2-buster AS amd64-golang
        FROM arm64v8/golang:1.20.2-buster AS arm64-golang
        FROM ${TARGETARCH}-golang
        CMD ["/go/bin/app"]
    """, [1, 2]),
}

test_passes, test_flagged = rule_tests(end_of_life_base, PASSES, FLAGS, today="2026-12-07")


def test_the_message_names_each_release_and_its_last_day():
    findings = report("FROM python:3.8-slim-stretch\n", Settings(today="2026-12-07")).findings
    assert [f.message for f in findings if f.rule.code == "DH928"] == [
        "python:3.8-slim-stretch is built on releases whose security support ended: Python 3.8 on 2024-10-07 and Debian 9 (stretch) on 2022-06-30"]


@pytest.mark.parametrize("day, messages", [
    ("2026-10-31", []),  # Python 3.10's last day of support
    ("2026-11-01", ["python:3.10-slim is built on a release whose security support ended: Python 3.10 on 2026-10-31"]),
])
def test_the_date_decides(day, messages):
    findings = report("FROM python:3.10-slim\n", Settings(today=day)).findings
    assert [f.message for f in findings if f.rule.code == "DH928"] == messages


def test_the_clock_takes_the_setting_then_the_environment(monkeypatch):
    monkeypatch.setenv("DOCKHARDEN_TODAY", "2025-01-02")
    assert (today("2024-03-04").isoformat(), today().isoformat()) == ("2024-03-04", "2025-01-02")
    monkeypatch.setenv("DOCKHARDEN_TODAY", "not a date")
    assert today() == __import__("datetime").date.today()


def test_a_mirror_and_a_jupyter_tag_say_which_python():
    text = "ARG PY=3.9\nFROM gcr.io/iguazio/python:${PY}-slim AS base\nFROM quay.io/mlrun/jupyter-scipy-notebook:python-${PY}\n"
    findings = report(text, Settings(today="2026-12-07")).findings
    assert [(f.line, f.message) for f in findings if f.rule.code == "DH928"] == [
        (2, "gcr.io/iguazio/python:3.9-slim is built on a release whose security support ended: Python 3.9 on 2025-10-31"),
        (3, "quay.io/mlrun/jupyter-scipy-notebook:python-3.9 is built on a release whose security support ended: Python 3.9 on 2025-10-31")]
