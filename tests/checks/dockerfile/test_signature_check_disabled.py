"""DH930 signature-check-disabled: a RUN installs or downloads with the signature or
certificate check turned off (spiderfoot's `apt install --allow-unauthenticated`)."""
import pytest

from dockharden.checks.dockerfile import signature_check_disabled
from dockharden.core.vocabulary import Severity
from support.lintcase import report, rule_tests

PASSES = {
    "signed-by-key": 'FROM debian:12\nRUN echo "deb [signed-by=/k.gpg] https://r.example/debian stable main" > /etc/apt/sources.list.d/r.list\n',
    "apt-get-plain": "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
    "apt-switch-turned-off": "FROM debian:12\nRUN apt-get -o APT::Get::AllowUnauthenticated=false install -y curl\n",
    "apt-no-form": "FROM debian:12\nRUN apt-get install -y --no-allow-unauthenticated curl\n",
    "apt-conf-false": "FROM debian:12\nRUN echo 'APT::Get::AllowUnauthenticated \"false\";' > /etc/apt/apt.conf.d/99x\n",
    "trusted-no": 'FROM debian:12\nRUN echo "deb [trusted=no] http://r.example/debian stable main" > /etc/apt/sources.list\n',
    "apk-plain": "FROM alpine:3.20\nRUN apk add --no-cache curl\n",
    "pip-index-only": "FROM python:3.12-slim\nRUN pip install --no-cache-dir --index-url https://m.example/simple flask==3.0.3\n",
    "curl-checked": "FROM debian:12\nRUN curl -fsSL -o /tmp/x.tgz https://example.com/x.tgz\n",
    "curl-k-to-localhost": "FROM debian:12\nRUN curl -fsk https://localhost:8443/ready\n",
    "curl-k-to-loopback": "FROM debian:12\nRUN curl -k http://127.0.0.1/health\n",
    "wget-checked": "FROM debian:12\nRUN wget -q https://example.com/x.deb\n",
    "healthcheck-curl-k": 'FROM debian:12\nHEALTHCHECK CMD ["curl", "-fsk", "https://example.com/"]\n',
    "a-word-named-insecure": "FROM debian:12\nRUN echo --insecure --allow-untrusted\n",
    "powershell": "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN curl -k https://example.com/x.zip\n",
}

FLAGS = {
    "apt-allow-unauthenticated": ("FROM debian:12\nRUN apt -y update && apt install --allow-unauthenticated -y google-chrome-stable\n", [2]),
    "apt-get-insecure-repositories": ("FROM debian:12\nRUN apt-get update --allow-insecure-repositories\n", [2]),
    "apt-option": ("FROM debian:12\nRUN apt-get -o APT::Get::AllowUnauthenticated=true install -y x\n", [2]),
    "apt-option-insecure-repositories": ("FROM debian:12\nRUN apt-get -o Acquire::AllowInsecureRepositories=1 update\n", [2]),
    "apt-conf-line": ("FROM debian:12\nRUN echo 'APT::Get::AllowUnauthenticated \"true\";' > /etc/apt/apt.conf.d/99x\n", [2]),
    "trusted-yes": ('FROM debian:12\nRUN echo "deb [arch=amd64 trusted=yes] http://r.example/debian ./" \\\n    > /etc/apt/sources.list.d/r.list\n', [2]),
    "apk-allow-untrusted": ("FROM alpine:3.20\nRUN apk add --no-cache --allow-untrusted /tmp/x.apk\n", [2]),
    "dnf-nogpgcheck": ("FROM fedora:40\nRUN dnf install -y --nogpgcheck x\n", [2]),
    "pip-trusted-host": ("FROM python:3.12-slim\nRUN pip install --no-cache-dir --trusted-host m.example -i http://m.example/simple x==1\n", [2]),
    "python-m-pip-trusted-host-from-arg": ("FROM python:3.12-slim\nARG HOST=m.example\nRUN python -m pip install --trusted-host ${HOST} x==1\n", [3]),
    "uv-insecure-host": ("FROM python:3.12-slim\nRUN uv pip install --system --allow-insecure-host m.example x==1\n", [2]),
    "curl-k-into-a-shell": ("FROM debian:12\nRUN curl -fsSLk https://example.com/install.sh | sh\n", [2]),
    "curl-insecure-then-extract": ("FROM debian:12\nRUN cd /tmp && \\\n    curl --insecure -o m.tgz \"$URL\" && tar -xzf m.tgz -C /opt\n", [3]),
    "wget-no-check-certificate": ("FROM debian:12\nRUN wget --no-check-certificate -O /tmp/x.deb https://example.com/x.deb && dpkg -i /tmp/x.deb\n", [2]),
    "in-a-builder-stage": ("""
        FROM debian:12 AS build
        RUN apt-get install -y --allow-unauthenticated gcc
        FROM debian:12-slim
        COPY --from=build /out /out
    """, [2]),
    "each-kind-once-per-run": ("""
        FROM python:3.12-slim
        RUN pip install --trusted-host m.example a==1 && \\
            pip install --trusted-host m.example b==1 && \\
            curl -k -o /tmp/c https://example.com/c
    """, [2, 4]),
}

test_passes, test_flagged = rule_tests(signature_check_disabled, PASSES, FLAGS)


def _findings(text):
    return [(f.line, f.rule.severity, f.message) for f in report(text).findings if f.rule.code == "DH930"]


def test_the_message_names_the_switch_and_what_to_do():
    assert _findings(FLAGS["apt-allow-unauthenticated"][0]) == [(2, Severity.ERROR, (
        "apt --allow-unauthenticated installs packages whose signatures it cannot check: anyone on the network path "
        "(a mirror, a proxy) can swap what the build installs; add the repository's key (signed-by=)"))]


@pytest.mark.parametrize("case, start", [
    ("trusted-yes", "a sources line with [trusted=yes] makes apt take the repository unsigned: "),
    ("apt-conf-line", "apt.conf APT::Get::AllowUnauthenticated turns off apt's signature check: "),
    ("apt-get-insecure-repositories", "apt-get --allow-insecure-repositories reads package lists that are not signed: "),
    ("apk-allow-untrusted", "apk --allow-untrusted installs packages signed by no key it trusts: "),
    ("dnf-nogpgcheck", "dnf --nogpgcheck installs packages without checking their GPG signatures: "),
    ("python-m-pip-trusted-host-from-arg", "pip --trusted-host m.example accepts the host without a valid HTTPS certificate: "),
    ("uv-insecure-host", "uv --allow-insecure-host m.example accepts the host without a valid HTTPS certificate: "),
    ("curl-k-into-a-shell", "curl --insecure downloads without checking the server's certificate: "),
    ("wget-no-check-certificate", "wget --no-check-certificate downloads without checking the server's certificate: "),
])
def test_each_switch_says_what_it_turns_off(case, start):
    ((_, severity, message),) = _findings(FLAGS[case][0])
    assert severity == Severity.ERROR and message.startswith(start)


def test_info_when_only_a_build_setting_that_is_off_turns_it_on():
    text = 'FROM debian:12\nARG INSECURE\nRUN if [ "$INSECURE" ]; then apt-get install -y --allow-unauthenticated x; fi\n'
    ((line, severity, message),) = _findings(text)
    assert (line, severity) == (3, Severity.INFO) and "a build setting that is off by default" in message
