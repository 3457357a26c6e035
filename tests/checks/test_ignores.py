"""Inline ignore pragmas: `# dockharden ignore=CODE[,CODE] -- reason` on the lines before an
instruction, `# dockharden ignore-file=...` for the whole file."""
from support.lintcase import pragma_findings as found


def test_pragma_suppresses_only_the_next_instructions_finding():
    assert found("""
        FROM python:3.12-slim
        # dockharden ignore=DH601 -- a documented public test key
        ENV API_KEY=abc123
        ENV DB_PASSWORD=hunter2
    """) == [("DH601", 4)]


def test_by_name():
    assert found("""
        FROM python:3.12-slim
        # dockharden ignore=secret-in-env -- a documented public test key
        ENV API_KEY=abc123
    """) == []


def test_several_codes_and_names():
    assert found("""
        FROM python:3.12-slim
        # dockharden ignore=DH601, deprecated-transformers-cache -- legacy image kept for one release
        ENV API_KEY=abc123 TRANSFORMERS_CACHE=/models
    """) == []


def test_comment_lines_between_pragma_and_instruction_are_fine():
    assert found("""
        FROM python:3.12-slim
        # dockharden ignore=DH601 -- a documented public test key
        # (see docs/testing.md)
        ENV API_KEY=abc123
    """) == []


def test_covers_findings_on_continuation_lines():
    assert found("""
        FROM python:3.12-slim
        COPY . /app
        # dockharden ignore=DH401 -- the app is 4 kB; the duplicate is accepted
        RUN useradd -u 1000 app && \\
            chown -R app /app
    """) == []


def test_file_wide_form():
    assert found("""
        # dockharden ignore-file=DH601 -- test fixture image with fake credentials
        FROM python:3.12-slim
        ENV API_KEY=abc123
        ENV DB_PASSWORD=hunter2
    """) == []


def test_pragma_inside_a_heredoc_body_is_not_a_pragma():
    assert found("""
        FROM python:3.12-slim
        RUN <<EOF
        # dockharden ignore=DH601 -- this is script text
        echo hi
        EOF
        ENV API_KEY=abc123
    """) == [("DH601", 6)]


def test_blank_line_breaks_the_pragma():
    assert found("""
        FROM python:3.12-slim
        # dockharden ignore=DH601 -- a documented public test key

        ENV API_KEY=abc123
    """) == [("DH001", 2), ("DH601", 4)]
