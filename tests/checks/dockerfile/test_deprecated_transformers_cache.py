"""DH302 deprecated-transformers-cache: TRANSFORMERS_CACHE in the final stage's ENV."""
import pytest
from dockharden.checks.dockerfile import deprecated_transformers_cache
from support.lintcase import rule_tests

PASSES = {
    "hf-home-only": """
        FROM python:3.12-slim
        ENV HF_HOME=/app/models
    """,
    "only-in-builder": """
        FROM python:3.12-slim AS builder
        ENV TRANSFORMERS_CACHE=/cache
        FROM python:3.12-slim
        ENV HF_HOME=/app/models
    """,
    "a-similar-name": """
        FROM python:3.12-slim
        ENV TRANSFORMERS_CACHE_DIR_HINT=x
    """,
}

FLAGS = {
    "spec-env-block": ("""
        FROM python:3.12-slim
        ENV PYTHONDONTWRITEBYTECODE=1 \\
            PYTHONUNBUFFERED=1 \\
            TRANSFORMERS_CACHE=/app/models \\
            HF_HOME=/app/models
    """, [2]),
    "inherited-from-parent": ("""
        FROM python:3.12-slim AS base
        ENV TRANSFORMERS_CACHE=/app/models
        FROM base
    """, [2]),
}

test_passes, test_flagged = rule_tests(deprecated_transformers_cache, PASSES, FLAGS)


from support.fixcase import fix_of, fixed  # noqa: E402

# The fix: input -> output, and what is left without a fix.

@pytest.mark.parametrize(("env", "expected"), [
    ("ENV TRANSFORMERS_CACHE=/models\n", "ENV HF_HOME=/models\n"),
    ("ENV TRANSFORMERS_CACHE /models\n", "ENV HF_HOME /models\n"),
    ("ENV TRANSFORMERS_CACHE=/m HF_HOME=/m\n", "ENV HF_HOME=/m\n"),
    ("ENV A=1 \\\n    TRANSFORMERS_CACHE=/m \\\n    HF_HOME=/m\n", "ENV A=1 \\\n    HF_HOME=/m\n"),
    ("ENV HF_HOME=/m\nENV TRANSFORMERS_CACHE=/m\n", "ENV HF_HOME=/m\n"),
    ("ENV HF_HOME=/m \\\n    TRANSFORMERS_CACHE=/m\n", "ENV HF_HOME=/m \\\n    TRANSFORMERS_CACHE=/m\n"),  # the last line: left alone
])
def test_fix(env, expected):
    assert fixed("FROM python:3.12-slim\n" + env, deprecated_transformers_cache) == "FROM python:3.12-slim\n" + expected
