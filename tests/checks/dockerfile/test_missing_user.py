"""DH102 missing-user: the final stage never sets USER (checkov and trivy miss these)."""
from dockharden.checks.dockerfile import missing_user
from support.lintcase import flagged, rule_tests

PASSES = {
    "user-in-final": """
        FROM python:3.12-slim
        USER 1000
    """,
    "user-inherited-through-from-stage": """
        FROM python:3.12-slim AS base
        USER 1000
        FROM base
        CMD ["python"]
    """,
    "root-user-is-another-rule": """
        FROM python:3.12-slim
        USER root
    """,
}

FLAGS = {
    "no-user-at-all": ("""
        FROM python:3.12-slim
        CMD ["python"]
    """, [1]),
    # checkov CKV_DOCKER_3 passes when USER appears in any stage.
    "user-only-in-builder": ("""
        FROM python:3.12-slim AS builder
        USER 1000
        FROM python:3.12-slim
        CMD ["python"]
    """, [3]),
    # trivy DS-0002 takes the last USER across all stages.
    "last-user-of-the-file-is-in-another-stage": ("""
        FROM python:3.12-slim AS app
        USER 1000
        FROM python:3.12-slim AS debug
        RUN echo debug
    """, [3]),
    "user-not-carried-across-from-image": ("""
        FROM python:3.12-slim AS base
        USER 1000
        FROM python:3.12-alpine
    """, [3]),
}

test_passes, test_flagged = rule_tests(missing_user, PASSES, FLAGS)


def test_target_without_user_is_flagged_even_when_the_last_stage_has_one():
    text = """
        FROM python:3.12-slim AS prod
        CMD ["python"]
        FROM prod AS test
        USER 1000
    """
    assert flagged(text, missing_user, target="prod") == [("DH102", 1)]
    assert flagged(text, missing_user, target="test") == []
