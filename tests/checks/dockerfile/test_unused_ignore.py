"""DH001 unused-ignore: a pragma that suppresses nothing, or names an unknown rule."""
from support.lintcase import messages, pragma_findings as found


def test_unused_pragma_is_reported_at_the_pragma():
    text = """
        FROM python:3.12-slim
        # dockharden ignore=DH601 -- nothing secret here any more
        ENV HF_HOME=/models
    """
    assert found(text) == [("DH001", 2)]
    assert messages(text, "DH001") == ["ignore=DH601 suppresses nothing"]


def test_each_unused_code_is_named():
    text = """
        FROM python:3.12-slim
        # dockharden ignore=DH601,DH302 -- a documented public test key
        ENV API_KEY=abc123
    """
    assert found(text) == [("DH001", 2)]
    assert messages(text, "DH001") == ["ignore=DH302 suppresses nothing"]


def test_unknown_rule_is_reported():
    text = """
        FROM python:3.12-slim
        # dockharden ignore=DH999 -- typo
        ENV HF_HOME=/models
    """
    assert messages(text, "DH001") == ["unknown rule DH999 in ignore pragma"]


def test_pragma_at_the_end_of_the_file_is_unused():
    assert found("""
        FROM python:3.12-slim
        ENV API_KEY=abc123
        # dockharden ignore=DH601 -- too late
    """) == [("DH601", 2), ("DH001", 3)]
