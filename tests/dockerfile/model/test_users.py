"""USER settings: who the stage runs as, whether that is root, and how the UID is known."""
import pytest

from support.lintcase import model_of


def user_of(text):
    return model_of(text).final.user


@pytest.mark.parametrize("written, is_root", [
    ("root", True),
    ("0", True),
    ("0:0", True),
    ("root:staff", True),
    ("0:1000", True),
    ("1000:0", False),
    ("1000", False),
    ("rootless", False),
    ("app", False),
])
def test_is_root(written, is_root):
    assert user_of(f"FROM python:3.12-slim\nUSER {written}\n").is_root is is_root


def test_user_set_to_an_empty_variable_is_the_default_root():
    user = user_of("""
        FROM python:3.12-slim
        ARG RUN_AS=""
        USER ${RUN_AS}
    """)
    assert (user.user, user.is_root) == ("", True)


def test_numeric_user_and_group():
    user = user_of("FROM python:3.12-slim\nUSER 1000:1001\n")
    assert (user.line, user.text, user.user, user.group, user.uid, user.uid_source) == (2, "1000:1001", "1000", "1001", 1000, "numeric")


def test_root_by_name_has_uid_0():
    user = user_of("FROM python:3.12-slim\nUSER root\n")
    assert (user.uid, user.uid_source) == (0, "root")


def test_arg_default_resolves():
    user = user_of("""
        FROM python:3.12-slim
        ARG UID=1000
        ARG GID=1000
        USER ${UID}:${GID}
    """)
    assert (user.user, user.group, user.uid, user.uid_source) == ("1000", "1000", 1000, "numeric")


def test_variable_without_value_is_unknown_not_root():
    user = user_of("""
        FROM python:3.12-slim
        ARG UID
        USER $UID
    """)
    assert (user.user, user.uid, user.is_root, user.uid_source) == (None, None, None, "")


def test_unknown_group_keeps_the_known_user():
    user = user_of("""
        FROM python:3.12-slim
        ARG GID
        USER 1000:${GID}
    """)
    assert (user.user, user.group, user.uid) == ("1000", None, 1000)


def test_named_user_resolves_from_the_latest_creation():
    user = user_of("""
        FROM python:3.12-slim
        RUN useradd -u 1001 app
        RUN userdel app && useradd -u 1000 app
        USER app
    """)
    assert (user.user, user.uid, user.uid_source) == ("app", 1000, "created at line 3")


def test_creation_after_user_does_not_count():
    user = user_of("""
        FROM python:3.12-slim
        USER app
        RUN useradd -u 1000 app
    """)
    assert (user.uid, user.uid_source) == (None, "")


def test_named_user_created_without_uid_is_unknown():
    user = user_of("""
        FROM python:3.12-slim
        RUN useradd --create-home aiuser
        USER aiuser
    """)
    assert (user.user, user.uid, user.is_root) == ("aiuser", None, False)
