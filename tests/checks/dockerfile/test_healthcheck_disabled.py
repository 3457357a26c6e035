"""DH202 healthcheck-disabled: the final stage's effective HEALTHCHECK is NONE."""
from dockharden.checks.dockerfile import healthcheck_disabled
from support.lintcase import rule_tests

PROBE = """["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/health', timeout=5)"]"""

PASSES = {
    "real-check": f"""
        FROM python:3.12-slim
        HEALTHCHECK CMD {PROBE}
    """,
    "none-only-in-builder": """
        FROM python:3.12-slim AS builder
        HEALTHCHECK NONE
        FROM python:3.12-slim
    """,
    "none-in-parent-re-enabled-in-child": f"""
        FROM python:3.12-slim AS base
        HEALTHCHECK NONE
        FROM base
        HEALTHCHECK CMD {PROBE}
    """,
    "missing-is-another-rule": """
        FROM python:3.12-slim
    """,
}

FLAGS = {
    # checkov counts HEALTHCHECK NONE as a healthcheck.
    "none": ("""
        FROM python:3.12-slim
        HEALTHCHECK NONE
    """, [2]),
    "none-lower-case": ("""
        FROM python:3.12-slim
        healthcheck none
    """, [2]),
    "none-overrides-the-parents-check": (f"""
        FROM python:3.12-slim AS base
        HEALTHCHECK CMD {PROBE}
        FROM base
        HEALTHCHECK NONE
    """, [4]),
    "none-inherited-from-parent": ("""
        FROM python:3.12-slim AS base
        HEALTHCHECK NONE
        FROM base
    """, [2]),
    "last-healthcheck-wins": (f"""
        FROM python:3.12-slim
        HEALTHCHECK CMD {PROBE}
        HEALTHCHECK NONE
    """, [3]),
}

test_passes, test_flagged = rule_tests(healthcheck_disabled, PASSES, FLAGS)
