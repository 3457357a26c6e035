"""DH501 single-stage: the final stage takes nothing from a build stage."""
from dockharden.checks.dockerfile import single_stage
from support.lintcase import rule_tests

PASSES = {
    "copy-from-builder": """
        FROM python:3.12-slim AS builder
        RUN python -m venv /opt/venv
        FROM python:3.12-slim
        COPY --from=builder /opt/venv /opt/venv
    """,
    "copy-from-stage-index": """
        FROM python:3.12-slim
        RUN python -m venv /opt/venv
        FROM python:3.12-slim
        COPY --from=0 /opt/venv /opt/venv
    """,
    "copy-from-stage-name-in-another-case": """
        FROM python:3.12-slim AS Builder
        FROM python:3.12-slim
        COPY --from=builder /opt/venv /opt/venv
    """,
    "copy-from-an-arg-named-stage": """
        ARG BUILD_STAGE=builder
        FROM python:3.12-slim AS builder
        FROM python:3.12-slim
        ARG BUILD_STAGE
        COPY --from=${BUILD_STAGE} /opt/venv /opt/venv
    """,
    "the-parent-stage-copies": """
        FROM python:3.12-slim AS builder
        FROM python:3.12-slim AS runtime
        COPY --from=builder /opt/venv /opt/venv
        FROM runtime
    """,
}

FLAGS = {
    "one-stage": ("""
        FROM python:3.12-slim
        RUN pip install --no-cache-dir flask
    """, [1]),
    "stages-the-final-ignores": ("""
        FROM python:3.12-slim AS builder
        RUN pip wheel -w /wheels flask
        FROM python:3.12-slim
        RUN pip install --no-cache-dir flask
    """, [3]),
    "copy-from-an-image-is-not-a-build-stage": ("""
        FROM python:3.12-slim
        COPY --from=ghcr.io/astral-sh/uv:0.4 /uv /bin/uv
    """, [1]),
}

test_passes, test_flagged = rule_tests(single_stage, PASSES, FLAGS)
