"""DH104 uid-mismatch: the final USER's UID is known and is not the required one."""
from dockharden.checks.dockerfile import uid_mismatch
from support.lintcase import flagged, rule_tests

PASSES = {
    "uid-1000": """
        FROM python:3.12-slim
        USER 1000:1000
    """,
    "created-with-1000": """
        FROM python:3.12-slim
        RUN useradd -u 1000 app
        USER app
    """,
    "unknown-uid-is-another-rule": """
        FROM python:3.12-slim
        USER app
    """,
    "root-is-another-rule": """
        FROM python:3.12-slim
        USER 0
    """,
}

FLAGS = {
    "uid-1001": ("""
        FROM python:3.12-slim
        USER 1001
    """, [2]),
    "created-with-another-uid": ("""
        FROM python:3.12-slim
        RUN useradd -r -m -u 999 app
        USER app
    """, [3]),
}

test_passes, test_flagged = rule_tests(uid_mismatch, PASSES, FLAGS)


def test_required_uid_comes_from_settings():
    text = """
        FROM python:3.12-slim
        USER 1001
    """
    assert flagged(text, uid_mismatch, required_uid=1001) == []
    assert flagged(text, uid_mismatch, required_uid=2000) == [("DH104", 2)]
