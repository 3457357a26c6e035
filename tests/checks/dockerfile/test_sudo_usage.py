"""DH105 sudo-usage: sudo installed or used in the final stage."""
from dockharden.checks.dockerfile import sudo_usage
from support.lintcase import report, rule_tests

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
