"""DH105 sudo-usage: sudo installed or used in the final stage."""
import pytest

from dockharden.checks.dockerfile import sudo_usage
from support.lintcase import flagged, report, rule_tests

PASSES = {
    "no-sudo": """
        FROM python:3.12-slim
        RUN apt-get update && apt-get install -y --no-install-recommends libgomp1
    """,
    "sudo-only-in-builder": """
        FROM python:3.12-slim AS builder
        RUN apt-get update && apt-get install -y sudo
        FROM python:3.12-slim
        COPY --from=builder /opt /opt
    """,
    "the-word-sudo-as-an-argument": """
        FROM python:3.12-slim
        RUN echo sudo
    """,
}

FLAGS = {
    "apt-installs-sudo": ("""
        FROM python:3.12-slim
        RUN apt-get update && apt-get install -y sudo
    """, [2]),
    "versioned-sudo": ("""
        FROM python:3.12-slim
        RUN apt-get install -y sudo=1.9.13p3-1+deb12u1
    """, [2]),
    "apk-adds-sudo": ("""
        FROM python:3.12-alpine
        RUN apk add --no-cache sudo
    """, [2]),
    "sudo-used-on-a-continuation-line": ("""
        FROM python:3.12-slim
        USER 1000
        RUN echo start && \\
            sudo pip install flask
    """, [4]),
    "sudo-used-three-times-in-one-run": ("""
        FROM ubuntu:24.04
        USER 1000
        RUN sudo apt-get update && sudo apt-get install -y --no-install-recommends jq && \\
            sudo rm -rf /var/lib/apt/lists/*
    """, [3]),
    "sudo-in-parent-stage": ("""
        FROM python:3.12-slim AS base
        RUN apt-get install -y sudo
        FROM base
    """, [2]),
}

test_passes, test_flagged = rule_tests(sudo_usage, PASSES, FLAGS)


def test_info_on_a_development_image():
    text = "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends sudo\nCMD [\"sleep\", \"infinity\"]\n"
    (finding,) = [f for f in report(text).findings if f.rule.code == "DH105"]
    assert finding.rule.severity.label == "info" and "a development image" in finding.message


@pytest.mark.parametrize("text, lines", [
    # before any USER on a root base: the sudo it installs is the finding, not its use
    ("FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y sudo software-properties-common && \\\n"
     "    sudo add-apt-repository ppa:mozillateam/ppa\n", [2]),
    ("FROM ubuntu:22.04\nUSER app\nUSER root\nRUN sudo apt-get update\n", []),  # back to root
    ('FROM ubuntu:22.04\nUSER "0:0"\nRUN sudo apt-get update\n', []),
    ("FROM ubuntu:22.04 AS base\nUSER 1000\nFROM base\nRUN sudo apt-get update\n", [4]),  # USER of the parent stage
    ("FROM ubuntu:22.04\nUSER $APP_USER\nRUN sudo apt-get update\n", [3]),  # not known to be root
    ("FROM ghcr.io/acme/runtime:1\nRUN sudo apt-get update\n", [2]),  # a base whose user is not known
    ("FROM quay.io/jupyter/base-notebook:2024-05-27\nRUN sudo apt-get update\n", [2]),  # a base that runs as jovyan
])
def test_sudo_used_where_the_run_is_root_already_is_not_flagged(text, lines):
    assert flagged(text, sudo_usage) == [("DH105", line) for line in lines]
