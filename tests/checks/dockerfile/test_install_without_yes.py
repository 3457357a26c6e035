"""DH929 install-without-yes: a package manager command that may ask, with nobody to answer."""
import pytest

from dockharden.checks.dockerfile import install_without_yes
from support.fixcase import fixed
from support.lintcase import messages, rule_tests

PASSES = {
    "apt-get -y": "FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
    "apt-get --yes after the packages": "FROM debian:12-slim\nRUN apt-get install --no-install-recommends curl --yes\n",
    "--assume-yes": "FROM debian:12-slim\nRUN apt-get --assume-yes install curl\n",
    "-qq implies -y": "FROM debian:12-slim\nRUN apt-get install -qq curl\n",
    "-o Assume-Yes": "FROM debian:12-slim\nRUN apt-get -o APT::Get::Assume-Yes=true install curl\n",
    "update asks nothing": "FROM debian:12-slim\nRUN apt-get update\n",
    "simulate": "FROM debian:12-slim\nRUN apt-get install -s curl\n",
    "yes piped in": "FROM debian:12-slim\nRUN yes | apt-get install curl\n",
    "configured by an earlier RUN": """
        FROM debian:12-slim
        RUN echo 'APT::Get::Assume-Yes "true";' > /etc/apt/apt.conf.d/90assume-yes
        RUN apt-get install curl
    """,
    "configured in a parent stage": """
        FROM debian:12-slim AS base
        COPY 90yes /etc/apt/apt.conf.d/90yes
        FROM base
        RUN apt-get install curl
    """,
    "dnf -y": "FROM fedora:40\nRUN dnf install -y python3 && dnf clean all\n",
    "dnf setopt": "FROM fedora:40\nRUN dnf --setopt=assumeyes=True install python3\n",
    "microdnf never asks": "FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install python3\n",
    "zypper -n": "FROM opensuse/leap:15.6\nRUN zypper -n install python3\n",
    "zypper install -y": "FROM opensuse/leap:15.6\nRUN zypper install -y python3\n",
    "apk never asks": "FROM alpine:3.20\nRUN apk add --no-cache curl\n",
}

FLAGS = {
    "apt-get install": ("FROM debian:12-slim\nRUN apt-get update && apt-get install --no-install-recommends curl\n", [2]),
    "apt install on a continuation line": ("""
        FROM debian:12-slim
        RUN apt-get update \\
            && apt install caddy
    """, [3]),
    "a single -q": ("FROM debian:12-slim\nRUN apt-get -q install curl\n", [2]),
    "remove and upgrade": ("FROM debian:12-slim\nRUN apt-get upgrade && apt-get purge -y gcc && apt-get autoremove\n", [2, 2]),
    "configured only after": ("""
        FROM debian:12-slim
        RUN apt-get install curl
        RUN echo 'APT::Get::Assume-Yes "true";' > /etc/apt/apt.conf.d/90assume-yes
    """, [2]),
    "configured later in the same RUN": (
        "FROM debian:12-slim\nRUN apt-get install curl && echo 'APT::Get::Assume-Yes \"true\";' > /etc/apt/apt.conf.d/90yes\n", [2]),
    "an unrelated COPY before": ("FROM debian:12-slim\nCOPY requirements.txt /app/\nRUN apt-get install curl\n", [3]),
    "yum": ("FROM centos:7\nRUN yum install python3\n", [2]),
    "zypper": ("FROM opensuse/leap:15.6\nRUN zypper install python3\n", [2]),
}

test_passes, test_flagged = rule_tests(install_without_yes, PASSES, FLAGS)


def test_the_message_names_the_command_and_its_word():
    assert messages("FROM debian:12-slim\nRUN apt-get upgrade && dnf remove x\n", "DH929") == [
        "apt-get upgrade without -y: it aborts if it has to ask", "dnf remove without -y: it aborts if it has to ask"]


@pytest.mark.parametrize(("text", "expected"), [
    ("RUN apt-get update && apt-get install --no-install-recommends curl\n",
     "RUN apt-get update && apt-get install -y --no-install-recommends curl\n"),
    ("RUN apt-get -q install curl\n", "RUN apt-get -q install -y curl\n"),
    ("RUN yum install python3\n", "RUN yum install -y python3\n"),
    ("RUN zypper install python3\n", "RUN zypper install python3\n"),  # its -n goes before the command word: no fix
])
def test_fix(text, expected):
    assert fixed("FROM debian:12-slim\n" + text, install_without_yes) == "FROM debian:12-slim\n" + expected
