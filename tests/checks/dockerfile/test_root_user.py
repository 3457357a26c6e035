"""DH101 root-user: the final stage's effective user is root."""
import pytest
from dockharden.checks.dockerfile import root_user
from support.lintcase import flagged, rule_tests

PASSES = {
    # hadolint DL3002 flags this builder stage although the image runs as 1000.
    "builder-root-final-non-root": """
        FROM python:3.12-slim AS builder
        USER root
        RUN pip install --no-cache-dir build
        FROM python:3.12-slim
        USER 1000:1000
    """,
    "rootless-is-a-name-not-root": """
        FROM python:3.12-slim
        RUN useradd -u 1000 rootless
        USER rootless
    """,
    "group-root-is-fine": """
        FROM python:3.12-slim
        USER 1000:0
    """,
    "named-user": """
        FROM python:3.12-slim
        USER app
    """,
    "no-user-is-missing-user-not-root-user": """
        FROM python:3.12-slim
    """,
    "root-in-parent-stage-overridden": """
        FROM python:3.12-slim AS base
        USER root
        FROM base
        USER 1000
    """,
    "variable-resolving-to-non-root": """
        FROM python:3.12-slim
        ARG UID=1000
        USER ${UID}
    """,
}

FLAGS = {
    "user-root": ("""
        FROM python:3.12-slim
        USER root
    """, [2]),
    "user-0": ("""
        FROM python:3.12-slim
        USER 0
    """, [2]),
    "user-0-0": ("""
        FROM python:3.12-slim
        USER 0:0
    """, [2]),
    "user-root-staff": ("""
        FROM python:3.12-slim
        USER root:staff
    """, [2]),
    "user-0-group-1000": ("""
        FROM python:3.12-slim
        USER 0:1000
    """, [2]),
    "last-user-wins": ("""
        FROM python:3.12-slim
        USER 1000
        RUN echo hi
        USER root
    """, [4]),
    "root-from-arg-default": ("""
        FROM python:3.12-slim
        ARG RUN_AS=root
        USER ${RUN_AS}
    """, [3]),
    "root-inherited-through-from-stage": ("""
        FROM python:3.12-slim AS base
        USER root
        FROM base
        CMD ["python"]
    """, [2]),
    "name-created-with-uid-0": ("""
        FROM python:3.12-slim
        RUN useradd -o -u 0 admin
        USER admin
    """, [3]),
}

test_passes, test_flagged = rule_tests(root_user, PASSES, FLAGS)

TARGETS = """
    FROM python:3.12-slim AS prod
    USER root
    FROM prod AS dev
    USER 1000
"""


def test_the_target_stage_is_checked_not_the_last():
    assert flagged(TARGETS, root_user, target="prod") == [("DH101", 2)]
    assert flagged(TARGETS, root_user, target="dev") == []
    assert flagged(TARGETS, root_user) == []


from support.fixcase import fix_of, fixed  # noqa: E402

# The fix: input -> output, and what is left without a fix.

def test_fix_makes_an_account_and_switches_to_it_where_root_was():
    text = "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nUSER root\nCMD [\"python\", \"app.py\"]\n"
    assert fixed(text, root_user, unsafe=True) == (
        "FROM python:3.12-slim\nWORKDIR /app\n"
        "RUN groupadd --system --gid 1000 app && useradd --system --uid 1000 --gid 1000 --create-home app\n"
        "COPY --chown=1000:1000 . .\nUSER 1000:1000\nCMD [\"python\", \"app.py\"]\n")


def test_fix_keeps_a_user_root_that_later_instructions_need():
    text = "FROM python:3.12-slim\nRUN useradd -u 1000 app\nUSER root\nRUN apt-get update\nCMD [\"python\"]\n"
    assert fixed(text, root_user, unsafe=True) == (
        "FROM python:3.12-slim\nRUN useradd -u 1000 app\nUSER root\nRUN apt-get update\nUSER 1000:1000\nCMD [\"python\"]\n")
