"""DH002 ignore-without-reason: a pragma without `-- reason`."""
from support.lintcase import report

SHOWN = ("DH001", "DH002", "DH302", "DH401", "DH601")


def found(text):
    return [(f.rule.code, f.line) for f in report(text).findings if f.rule.code in SHOWN]


def messages(text, code):
    return [f.message for f in report(text).findings if f.rule.code == code]


def test_pragma_without_reason_still_suppresses_but_is_reported():
    text = """
        FROM python:3.12-slim
        # dockharden ignore=DH601
        ENV API_KEY=abc123
    """
    assert found(text) == [("DH002", 2)]
    assert messages(text, "DH002") == ["ignore pragma without '-- reason'"]
