"""Reading ignore pragmas: which lines each covers."""
from dockharden.dockerfile.parser import parse
from dockharden.dockerfile.pragmas import Pragma, pragmas
from support.lintcase import dockerfile


def test_pragma_records():
    text = dockerfile("""
        # dockharden ignore-file=DH906 -- generated context
        FROM python:3.12-slim
        #dockharden ignore = DH101,root-user
        USER root
        RUN echo one && \\
            echo two
        # dockharden ignore=DH601 -- cut off by the blank line

        # dockharden ignore=DH601 -- covers the ENV
        ENV A=1
    """)
    assert pragmas(parse(text)) == (
        Pragma(1, ("DH906",), "generated context", 1, 10),
        Pragma(3, ("DH101", "root-user"), "", 4, 4),
        Pragma(7, ("DH601",), "cut off by the blank line", 0, 0),
        Pragma(9, ("DH601",), "covers the ENV", 10, 10),
    )


def test_peer_pragma_records():
    text = dockerfile("""
        # hadolint global ignore=DL3008
        FROM python:3.12-slim AS build
        #hadolint ignore=DL3020, SC2086  # inline comment
        ADD app.py /app/
        # checkov:skip=CKV_DOCKER_4: ADD is fine here
        # hadolint stage ignore=DL3002
        FROM python:3.12-slim
        USER root
        # bridgecrew:skip=CKV_DOCKER_2,CKV_DOCKER_3
    """)
    assert pragmas(parse(text)) == (
        Pragma(1, ("DL3008",), "", 1, 9, "hadolint"),
        Pragma(3, ("DL3020", "SC2086"), "", 4, 4, "hadolint"),
        Pragma(5, ("CKV_DOCKER_4",), "ADD is fine here", 1, 9, "checkov"),
        Pragma(6, ("DL3002",), "", 7, 9, "hadolint"),
        Pragma(9, ("CKV_DOCKER_2", "CKV_DOCKER_3"), "", 1, 9, "checkov"),
    )


def test_stage_pragma_covers_its_stage_only_and_needs_a_from_after_it():
    text = dockerfile("""
        # hadolint stage ignore=DL3002
        FROM python:3.12-slim AS build
        USER root
        FROM python:3.12-slim
        # hadolint stage ignore=DL3002
        USER root
    """)
    assert [(p.first, p.last) for p in pragmas(parse(text))] == [(2, 3), (0, 0)]


def test_words_that_only_look_like_pragmas():
    text = dockerfile("""
        FROM python:3.12-slim
        # see the hadolint docs: ignore=DL3008 is how to silence it
        RUN echo "# hadolint ignore=DL3008"
    """)
    assert pragmas(parse(text)) == ()
