"""DH106 user-by-name: the final USER is a name the file creates with a known UID; the fix
writes the UID (and a created group's GID)."""
import pytest

from dockharden.checks.dockerfile import user_by_name
from support.fixcase import fix_of, fixed
from support.lintcase import messages, rule_tests

PASSES = {
    "numeric": """
        FROM python:3.12-slim
        RUN useradd -u 1000 app
        USER 1000
    """,
    "unknown-uid-is-dh103": """
        FROM python:3.12-slim
        RUN useradd app
        USER app
    """,
    "root-is-another-rule": """
        FROM python:3.12-slim
        USER root
    """,
    "base-image-user": """
        FROM python:3.12-slim
        USER nobody
    """,
}

FLAGS = {
    "created-with-uid": ("""
        FROM python:3.12-slim
        RUN useradd --uid 1000 --create-home app
        USER app
    """, [3]),
    "in-a-parent-stage": ("""
        FROM python:3.12-slim AS base
        RUN useradd -u 1001 app
        FROM base
        USER app:app
    """, [4]),
    "an-account-the-base-image-ships": ("""
        FROM node:24-alpine
        USER node
    """, [2]),
}

test_passes, test_flagged = rule_tests(user_by_name, PASSES, FLAGS)


@pytest.mark.parametrize(("text", "expected"), [
    ("FROM python:3.12-slim\nRUN useradd -u 1000 app\nUSER app\n", "FROM python:3.12-slim\nRUN useradd -u 1000 app\nUSER 1000\n"),
    ("FROM python:3.12-slim\nRUN groupadd -g 2000 web && useradd -u 1000 -g web app\nuser app:web\n",
     "FROM python:3.12-slim\nRUN groupadd -g 2000 web && useradd -u 1000 -g web app\nuser 1000:2000\n"),
])
def test_the_fix_writes_the_uid(text, expected):
    assert fixed(text, user_by_name) == expected


def test_a_group_without_a_known_gid_gets_no_fix():
    assert fix_of("FROM python:3.12-slim\nRUN useradd -u 1000 app\nUSER app:staff\n", user_by_name) is None


def test_the_fix_is_safe():
    assert fix_of("FROM python:3.12-slim\nRUN useradd -u 1000 app\nUSER app\n", user_by_name) == ("safe", "USER 1000 in place of USER app")


def test_the_message_says_the_base_image_gives_the_uid():
    assert messages("FROM docker.io/library/node:24-trixie-slim@sha256:0711b541c1c33a8a530ac4f0d391baa9a15b3d804695b1b24a47daa5fb60e74d\nUSER node\n", "DH106") == [
        "USER node is a name; node:24-trixie-slim ships it with UID 1000: use USER 1000"]
