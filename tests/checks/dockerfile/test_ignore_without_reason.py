"""DH002 ignore-without-reason: a pragma without `-- reason`."""
from support.lintcase import messages, pragma_findings as found


def test_pragma_without_reason_still_suppresses_but_is_reported():
    text = """
        FROM python:3.12-slim
        # dockharden ignore=DH601
        ENV API_KEY=abc123
    """
    assert found(text) == [("DH002", 2)]
    assert messages(text, "DH002") == ["ignore pragma without '-- reason'"]
