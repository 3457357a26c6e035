"""DH301 missing-required-env: the final stage (with inheritance) lacks a required ENV key."""
import pytest
from dockharden.checks.dockerfile import missing_required_env
from support.lintcase import flagged, report, rule_tests

PASSES = {
    "both-set": """
        FROM python:3.12-slim
        ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
    """,
    "legacy-form-in-two-instructions": """
        FROM python:3.12-slim
        ENV PYTHONUNBUFFERED 1
        ENV PYTHONDONTWRITEBYTECODE 1
    """,
    "inherited-through-from-stage": """
        FROM python:3.12-slim AS base
        ENV PYTHONUNBUFFERED=1 \\
            PYTHONDONTWRITEBYTECODE=1
        FROM base
    """,
    # the final image runs no Python
    "nginx": """
        FROM node:20-slim AS build
        RUN npm ci && npm run build
        FROM nginxinc/nginx-unprivileged:1.27-alpine
        COPY --from=build /src/dist /usr/share/nginx/html
    """,
    "go-binary-on-debian": """
        FROM golang:1.22 AS build
        RUN go build -o /coordinator ./cmd
        FROM debian:12-slim
        COPY --from=build /coordinator /usr/local/bin/coordinator
        ENTRYPOINT ["/usr/local/bin/coordinator"]
    """,
    "postgres": "FROM postgres:16\nCOPY init.sql /docker-entrypoint-initdb.d/\n",
    # the command is a system package's program and nothing of Python is added: the base's Python is incidental
    "caddy-on-a-python-base": """
        FROM python:3.12
        RUN apt-get update && apt-get install -y --no-install-recommends caddy && rm -rf /var/lib/apt/lists/*
        COPY Caddyfile /etc/caddy/Caddyfile
        CMD ["caddy", "run", "--config", "/etc/caddy/Caddyfile"]
    """,
    # the command runs a program the file builds and installs from source: the base's Python is incidental
    "built-server-on-a-python-base": """
        FROM python:3.12
        RUN git clone https://example.org/mrcp.git /opt/mrcp && cd /opt/mrcp && ./configure && make && make install
        WORKDIR /usr/local/mrcp/bin
        CMD ["./mrcpserver", "-w"]
    """,
    # tiangolo/uvicorn-gunicorn sets both
    "inherited-from-a-known-base": "FROM tiangolo/uvicorn-gunicorn-fastapi:python3.11-slim\nCOPY ./app /app\n",
}

FLAGS = {
    "a-script-after-a-build-from-source": ("""
        FROM python:3.12
        RUN git clone https://example.org/mrcp.git /opt/mrcp && cd /opt/mrcp && ./configure && make && make install
        CMD ["./serve.sh"]
    """, [1]),
    "a-built-program-but-nothing-installed": ("""
        FROM python:3.12
        RUN git clone https://example.org/mrcp.git /opt/mrcp && cd /opt/mrcp && make
        CMD ["/opt/mrcp/mrcpserver"]
    """, [1]),
    "none": ("""
        FROM python:3.12-slim
        CMD ["python"]
    """, [1]),
    "one-missing": ("""
        FROM python:3.12-slim
        ENV PYTHONUNBUFFERED=1
        CMD ["python", "/app/app.py"]
    """, [1]),
    "a-command-runs-python-on-an-unknown-base": ("""
        FROM registry.example.com/runtime:1.0
        CMD ["gunicorn", "app:app"]
    """, [1]),
    "python-installed": ("""
        FROM ubuntu:24.04
        RUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*
        CMD ["/usr/bin/python3", "/app/app.py"]
    """, [1]),
    # a script of the project runs beside the installed program: it may be Python
    "installed-program-and-a-project-script": ("""
        FROM python:3.12-slim
        RUN apt-get update && apt-get install -y --no-install-recommends caddy && rm -rf /var/lib/apt/lists/*
        CMD ["sh", "-c", "caddy start && ./serve"]
    """, [1]),
    "installed-program-with-python-packages": ("""
        FROM python:3.12-slim
        RUN apt-get update && apt-get install -y --no-install-recommends nginx && rm -rf /var/lib/apt/lists/*
        RUN pip install --no-cache-dir flask
        CMD ["nginx", "-g", "daemon off;"]
    """, [1]),
    "set-only-in-builder": ("""
        FROM python:3.12-slim AS builder
        ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
        FROM python:3.12-slim
    """, [3]),
    "arg-is-not-env": ("""
        FROM python:3.12-slim
        ARG PYTHONUNBUFFERED=1
        ARG PYTHONDONTWRITEBYTECODE=1
    """, [1]),
}

test_passes, test_flagged = rule_tests(missing_required_env, PASSES, FLAGS)


def test_message_lists_the_missing_keys():
    (finding,) = [f for f in report(FLAGS["one-missing"][0]).findings if f.rule.code == "DH301"]
    assert finding.message == "the final stage does not set PYTHONDONTWRITEBYTECODE"


def test_required_keys_come_from_settings():
    text = """
        FROM python:3.12-slim
        ENV HF_HOME=/models
    """
    assert flagged(text, missing_required_env, required_env=("HF_HOME",)) == []
    assert flagged(text, missing_required_env, required_env=("HF_HOME", "PORT")) == [("DH301", 1)]


def test_info_on_a_base_image():
    (finding,) = [f for f in report("FROM debian:12-slim\nRUN apt-get update && apt-get install -y python3\nCMD [\"python3\"]\n").findings if f.rule.code == "DH301"]
    assert finding.rule.severity.label == "info" and "(info: a base image, as it starts no service (CMD python3)" in finding.message


from support.fixcase import fix_of, fixed  # noqa: E402

# The fix: input -> output, and what is left without a fix.

def test_fix_sets_the_missing_keys_after_the_final_from():
    text = "FROM python:3.12-slim AS build\nRUN true\nFROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\nCMD [\"python\"]\n"
    assert fixed(text, missing_required_env) == text.replace("FROM python:3.12-slim\nENV", "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1\nENV")


def test_no_fix_for_a_required_key_whose_value_is_not_known():
    from dockharden.checks.fixing import Choice, fix_text
    from dockharden.core.settings import Settings

    result = fix_text("FROM python:3.12-slim\n", "Dockerfile", Choice(), settings=Settings(required_env=("PYTHONUNBUFFERED", "APP_ENV")))
    assert [f.fix for f in result.report.findings if f.rule.code == "DH301"] == [None]
