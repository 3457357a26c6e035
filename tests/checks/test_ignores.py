"""Inline ignore pragmas: `# dockharden ignore=CODE[,CODE] -- reason` on the lines before an
instruction, `# dockharden ignore-file=...` for the whole file."""
from support.lintcase import messages, report
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


def codes(text):
    return [(f.rule.code, f.line) for f in report(text).findings if f.rule.code in ("DH001", "DH002", "DH901")]


def test_hadolint_pragma_suppresses_the_rules_that_list_its_ids():
    assert codes("""
        FROM python:3.12-slim
        # hadolint ignore=DL3020
        ADD app.py /app/
        ADD main.py /app/
    """) == [("DH901", 4)]


def test_checkov_skip_covers_the_whole_file():
    assert codes("""
        FROM python:3.12-slim
        ADD app.py /app/
        # checkov:skip=CKV_DOCKER_4: the peer's own reason syntax
        ADD main.py /app/
    """) == []


def test_peer_pragmas_are_never_judged():
    """Unmapped IDs, unused IDs and no reason: the peer may still run and need its pragma."""
    assert codes("""
        # hadolint global ignore=DL3059,DL3020
        FROM python:3.12-slim
        # hadolint ignore=DL3008,SC2086
        COPY app.py /app/
        # checkov:skip=CKV_DOCKER_99
    """) == []


def test_a_peer_id_in_a_dockharden_pragma_is_unknown():
    assert messages("""
        FROM python:3.12-slim
        # dockharden ignore=DL3020 -- peer IDs belong in the peer's pragma
        ADD app.py /app/
    """, "DH001") == ["unknown rule DL3020 in ignore pragma"]
