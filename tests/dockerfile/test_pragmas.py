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
