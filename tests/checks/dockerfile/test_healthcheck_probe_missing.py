"""DH203 healthcheck-probe-missing: the probe runs a program the final image lacks."""
import pytest
from dockharden.checks.dockerfile import healthcheck_probe_missing
from dockharden.core.vocabulary import Severity
from support.lintcase import flagged, report, rule_tests

CURL = "HEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1"

PASSES = {
    "python-probe-on-slim": """
        FROM python:3.12-slim
        HEALTHCHECK CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/health')"]
    """,
    "python3-probe-in-shell-form": """
        FROM python:3.12-slim
        HEALTHCHECK CMD python3 -c "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/health')"
    """,
    "curl-installed-with-apt": f"""
        FROM python:3.12-slim
        RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
        {CURL}
    """,
    "curl-installed-with-a-version": f"""
        FROM python:3.12-slim
        RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5
        {CURL}
    """,
    "curl-installed-in-parent-stage": f"""
        FROM python:3.12-slim AS base
        RUN apt-get update && apt-get install -y curl
        FROM base
        {CURL}
    """,
    "curl-added-with-apk": f"""
        FROM python:3.12-alpine
        RUN apk add --no-cache curl
        {CURL}
    """,
    # grep, sed and the coreutils are Essential packages of every Debian and Ubuntu image
    "grep-on-debian-slim": """
        FROM python:3.11-slim-bullseye
        HEALTHCHECK CMD python3 -c "print('ok')" | grep -q ok || exit 1
    """,
    "grep-on-alpine-busybox": """
        FROM python:3.12-alpine
        HEALTHCHECK CMD ps | grep -q gunicorn
    """,
    # `busybox --install -s` links every applet: wget, nc, grep
    "busybox-applets-installed": """
        FROM python:3.11-slim-bullseye
        RUN apt-get update && apt-get install -y --no-install-recommends busybox && busybox --install -s && rm -rf /var/lib/apt/lists/*
        HEALTHCHECK CMD wget -q http://127.0.0.1:8080/ok -O - | grep OK || exit 1
    """,
    # the full python images are built on buildpack-deps:*-curl, which installs curl and wget
    "curl-on-full-python": f"""
        FROM python:3.11
        {CURL}
    """,
    "curl-on-python-latest": f"""
        FROM python:latest
        {CURL}
    """,
    "wget-on-full-python-by-digest": """
        FROM python:3.12-bookworm@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
        HEALTHCHECK CMD wget -qO- http://127.0.0.1:8000/health || exit 1
    """,
    # CentOS Stream 9 and 10 container images install curl-minimal
    "curl-on-centos-stream-10": f"""
        FROM quay.io/centos/centos:stream10
        {CURL}
    """,
    "busybox-wget-on-alpine": """
        FROM python:3.12-alpine
        HEALTHCHECK CMD wget -q -O /dev/null http://127.0.0.1:8000/health || exit 1
    """,
    "curl-binary-copied-in": f"""
        FROM curlimages/curl:8.8.0 AS curl
        FROM python:3.12-slim
        COPY --from=curl /usr/bin/curl /usr/local/bin/curl
        {CURL}
    """,
    "disabled-is-another-rule": """
        FROM python:3.12-slim
        HEALTHCHECK NONE
    """,
    "installed-through-an-arg-list": """
        FROM python:3.12-slim
        ARG RUNTIME_PACKAGES="ca-certificates curl"
        RUN apt-get update && apt-get install -y --no-install-recommends ${RUNTIME_PACKAGES} && rm -rf /var/lib/apt/lists/*
        HEALTHCHECK CMD curl -f http://127.0.0.1:8000/health || exit 1
    """,
    "python3-installed-as-a-dependency-of-pip": """
        FROM ubuntu:24.04
        RUN apt-get update && apt-get install -y --no-install-recommends python3-pip && rm -rf /var/lib/apt/lists/*
        HEALTHCHECK CMD ["python3", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/health')"]
    """,
    "windows-ships-powershell": """
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        SHELL ["powershell", "-Command"]
        HEALTHCHECK CMD powershell -Command "exit 0"
    """,
    "busybox-wget-of-nginx-unprivileged-alpine": """
        FROM nginxinc/nginx-unprivileged:1.27-alpine
        HEALTHCHECK CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/"]
    """,
    # IntelOwl's Dockerfile_nginx: the official nginx Alpine images add curl.
    "curl-of-nginx-alpine": """
        FROM library/nginx:1.27.3-alpine
        HEALTHCHECK CMD curl --fail http://localhost/hc || exit 1
    """,
    "pg-isready-of-postgres": """
        FROM postgres:16
        HEALTHCHECK CMD ["pg_isready", "-U", "postgres"]
    """,
}

FLAGS = {
    "curl-on-nginx-alpine-slim": ("""
        FROM nginx:1.27-alpine-slim
        HEALTHCHECK CMD curl --fail http://localhost/hc || exit 1
    """, [2]),
    "curl-on-python-slim": (f"""
        FROM python:3.12-slim
        {CURL}
    """, [2]),
    "curl-on-python-alpine": (f"""
        FROM python:3.12-alpine
        {CURL}
    """, [2]),
    "wget-on-python-slim": ("""
        FROM python:3.12-slim
        HEALTHCHECK CMD wget -qO- http://127.0.0.1:8000/health || exit 1
    """, [2]),
    "busybox-without-its-links": ("""
        FROM python:3.12-slim
        RUN apt-get update && apt-get install -y --no-install-recommends busybox
        HEALTHCHECK CMD wget -qO- http://127.0.0.1:8000/health || exit 1
    """, [3]),
    "curl-in-exec-form": ("""
        FROM python:3.12-slim
        HEALTHCHECK CMD ["curl", "-f", "http://localhost:8000/health"]
    """, [2]),
    "curl-by-absolute-path": ("""
        FROM python:3.12-slim
        HEALTHCHECK CMD /usr/bin/curl -f http://localhost:8000/health
    """, [2]),
    "curl-behind-sh-c": ("""
        FROM python:3.12-slim
        HEALTHCHECK CMD ["sh", "-c", "curl -f http://localhost:8000/health || exit 1"]
    """, [2]),
    "curl-installed-only-in-builder": (f"""
        FROM python:3.12-slim AS builder
        RUN apt-get update && apt-get install -y curl
        FROM python:3.12-slim
        COPY --from=builder /opt/venv /opt/venv
        {CURL}
    """, [5]),
    "multi-line-healthcheck-reports-its-first-line": ("""
        FROM python:3.12-slim
        HEALTHCHECK --interval=30s --timeout=10s \\
            CMD curl -f http://localhost:8000/health || exit 1
    """, [2]),
}

test_passes, test_flagged = rule_tests(healthcheck_probe_missing, PASSES, FLAGS)


@pytest.mark.parametrize("base", ["quay.io/centos/centos:stream8", "quay.io/centos/centos:stream9-minimal"])
def test_bases_not_known_to_ship_curl_are_said_at_info(base):
    (finding,) = [f for f in report(f"""
        FROM {base}
        {CURL}
    """).findings if f.rule.code == "DH203"]
    assert (finding.rule.severity, finding.message) == (Severity.INFO, f"cannot tell whether 'curl' exists in base image {base}")


def test_message_names_the_program_and_the_image():
    (finding,) = [f for f in report(FLAGS["curl-on-python-slim"][0]).findings if f.rule.code == "DH203"]
    assert finding.message == "the probe runs 'curl', which python:3.12-slim does not ship and no RUN installs"
    assert (finding.line, finding.end_line, finding.rule.severity) == (2, 2, Severity.ERROR)


def test_an_unknown_base_image_is_said_at_info_not_warned_of():
    text = f"""
        FROM registry.example.com/team/base:1.0
        {CURL}
    """
    (finding,) = [f for f in report(text).findings if f.rule.code == "DH203"]
    assert finding.rule.severity == Severity.INFO
    assert finding.message == "cannot tell whether 'curl' exists in base image registry.example.com/team/base:1.0"


def test_python_from_a_venv_created_in_the_final_stage_counts():
    text = (
        "FROM local/python-base:bookworm\n"
        "ENV PATH=/opt/venv/bin:$PATH\n"
        "RUN python3 -m venv /opt/venv\n"
        'HEALTHCHECK CMD ["python", "-c", "print(1)"]\n'
    )
    assert flagged(text, healthcheck_probe_missing) == []


def test_python_on_a_base_without_it_and_no_venv_is_flagged():
    text = "FROM local/python-base:bookworm\nENV PATH=/opt/venv/bin:$PATH\n" 'HEALTHCHECK CMD ["python", "-c", "print(1)"]\n'
    assert flagged(text, healthcheck_probe_missing) == [("DH203", 3)]


from support.fixcase import fix_of, fixed  # noqa: E402

# The fix: input -> output, and what is left without a fix.

def test_fix_replaces_a_curl_probe_with_python_on_its_port_and_path():
    text = "FROM python:3.12-slim\nHEALTHCHECK --interval=30s --timeout=10s \\\n  CMD curl -f http://localhost:8080/healthz || exit 1\nCMD [\"python\"]\n"
    assert fixed(text, healthcheck_probe_missing, unsafe=True) == (
        'FROM python:3.12-slim\nHEALTHCHECK --interval=30s --timeout=10s CMD ["python3", "-c", "import sys, urllib.request as u, '
        'urllib.error as e\\ntry: u.urlopen(\'http://127.0.0.1:8080/healthz\', timeout=4)\\nexcept e.HTTPError as x: sys.exit(x.code >= 500)\\n'
        'except Exception: sys.exit(1)"]\nCMD ["python"]\n')


def test_unsound_timings_are_replaced_too():
    text = "FROM python:3.12-slim\nHEALTHCHECK --interval=2s CMD wget -q -O- http://127.0.0.1/\nCMD [\"python\"]\n"
    assert "HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD [" in fixed(text, healthcheck_probe_missing, unsafe=True)


def test_no_fix_for_a_probe_that_is_not_curl_or_wget():
    assert fix_of("FROM python:3.12-slim\nHEALTHCHECK CMD grpc_health_probe -addr=:50051\n", healthcheck_probe_missing) is None


@pytest.mark.parametrize("install, probe", [
    ("apk add --no-cache netcat-openbsd", "echo PING | nc -q1 127.0.0.1 11343"),
    ("apk add --no-cache bind-tools unbound", "dig @127.0.0.1"),
    ("apt-get install -y --no-install-recommends dnsutils", "dig @127.0.0.1"),
    ("apt-get install -y --no-install-recommends procps", "pgrep -f app"),
    ("apt-get install -y --no-install-recommends postgresql-client-15", "pg_isready -h db"),
])
def test_a_package_that_provides_the_probe_under_another_name(install, probe):
    text = f"FROM registry.example.com/team/base:1.0\nRUN {install}\nHEALTHCHECK CMD {probe}\n"
    assert [f for f in report(text).findings if f.rule.code == "DH203"] == []


@pytest.mark.parametrize("run", [
    "RUN tar -xf /root/app.tar.gz && /root/app/scripts/setup/install --hostname=x",
    "RUN bash /tmp/install.sh",
    "RUN ./install-deps.sh",
])
def test_a_script_the_lineage_runs_may_install_the_probe(run):
    text = f"""
        FROM ubuntu:24.04
        COPY app.tar.gz install.sh /root/
        {run}
        {CURL}
    """
    (finding,) = [f for f in report(text).findings if f.rule.code == "DH203"]
    assert finding.rule.severity == Severity.INFO
    assert finding.message.startswith("cannot tell whether 'curl' exists: line 3 runs a script that may install it (")


def test_system_programs_and_inline_shell_are_no_scripts():
    text = f"""
        FROM ubuntu:24.04
        RUN /usr/bin/env true && bash -c 'echo hi' && /bin/sh -c true
        {CURL}
    """
    (finding,) = [f for f in report(text).findings if f.rule.code == "DH203"]
    assert finding.rule.severity == Severity.ERROR


@pytest.mark.parametrize("text, said", [
    # the application's own console script, in a bin folder copied from the stage that installed it
    ("FROM python:3.12-slim AS deps\nRUN pip install --no-cache-dir nautobot\nFROM python:3.12-slim\n"
     "COPY --from=deps /usr/local/bin /usr/local/bin\nHEALTHCHECK CMD nautobot-server health_check\n",
     "cannot tell whether 'nautobot-server' exists: line 4 copies /usr/local/bin from stage deps, whose packages may install it"),
    ("FROM python:3.12-slim\nCOPY dist/ /dist/\nRUN pip install --no-cache-dir --no-deps /dist/*.whl\nHEALTHCHECK CMD app-server health\n",
     "cannot tell whether 'app-server' exists: line 3 installs Python packages, which may install it"),
])
def test_a_console_script_python_packages_may_install_is_not_known(text, said):
    (finding,) = [f for f in report(text).findings if f.rule.code == "DH203"]
    assert (finding.rule.severity, finding.message) == (Severity.INFO, said)


def test_curl_is_no_console_script():
    text = "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\nHEALTHCHECK CMD curl -f http://127.0.0.1:8000/health\n"
    (finding,) = [f for f in report(text).findings if f.rule.code == "DH203"]
    assert finding.rule.severity == Severity.ERROR


def test_a_bin_folder_from_a_stage_without_python_packages_brings_no_console_script():
    text = ("FROM python:3.12-slim AS tools\nRUN apt-get update && apt-get install -y --no-install-recommends jq\n"
            "FROM python:3.12-slim\nCOPY --from=tools /usr/local/bin /usr/local/bin\nHEALTHCHECK CMD app-server health\n")
    (finding,) = [f for f in report(text).findings if f.rule.code == "DH203"]
    assert (finding.rule.severity, finding.line) == (Severity.ERROR, 5)


def test_a_venv_copied_from_a_stage_that_installs_packages_may_hold_the_script():
    text = ("FROM python:3.12-slim AS build\nRUN python -m venv /opt/venv && /opt/venv/bin/pip install --no-cache-dir ./app\n"
            "FROM python:3.12-slim\nCOPY --from=build /opt/venv /opt/venv\nHEALTHCHECK CMD /opt/venv/bin/app-server health\n")
    findings = [f for f in report(text).findings if f.rule.code == "DH203"]
    assert [(f.rule.severity, f.message) for f in findings] == [
        (Severity.INFO, "cannot tell whether 'app-server' exists: line 4 copies /opt/venv from stage build, whose packages may install it")]
