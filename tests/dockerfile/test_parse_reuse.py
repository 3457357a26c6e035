"""Parsing and modelling a changed text with the parse and model of its earlier version (what
fix's passes do) gives exactly what parsing and modelling it afresh gives; the earlier
instructions whose lines did not change are taken as they are."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dockharden.dockerfile.model import build_model
from dockharden.dockerfile.parser import parse
from dockharden.dockerfile.syntax import ParseError
from support.dockerfile_corpus import generate

CORPUS = generate(40, 7)
# Lines that change how their neighbours parse: continuations, heredocs, directives, comments.
LINES = ["RUN pip install flask", "RUN apt-get update && \\", "    apt-get install -y gcc", "RUN <<EOF", "echo hi", "EOF",
         "# escape=`", "# a comment", "", "USER app", "ENV A=$B", "RUN echo $A", "COPY . /app", "FROM python:3.12-slim AS b",
         "RUN bash -c 'pip install x'", "\\", "CMD python app.py", "HEALTHCHECK CMD true"]


def parsed(text: str):
    try:
        return parse(text)
    except ParseError as error:
        return str(error)


def reparsed(text: str, previous):
    try:
        return parse(text, previous=previous)
    except ParseError as error:
        return str(error)


@st.composite
def edited(draw):
    """A corpus text and a version of it with a few lines inserted, removed or replaced, its
    line endings or last newline changed."""
    text = draw(st.sampled_from(CORPUS))
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines)))
        action = draw(st.sampled_from(["insert", "remove", "replace"]))
        if action == "insert" or at == len(lines):
            lines.insert(at, draw(st.sampled_from(LINES)))
        elif action == "remove":
            del lines[at]
        else:
            lines[at] = draw(st.sampled_from(LINES))
    new = "\n".join(lines)
    if draw(st.booleans()):
        new = new.rstrip("\n")
    if draw(st.integers(0, 5)) == 0:
        new = new.replace("\n", "\r\n")
    return text, new


@settings(max_examples=400, deadline=None)
@given(edited())
def test_a_parse_and_model_with_an_earlier_version_are_the_fresh_ones(texts):
    old_text, new_text = texts
    old = parsed(old_text)
    if isinstance(old, str):
        return
    fresh = parsed(new_text)
    assert reparsed(new_text, old) == fresh
    if isinstance(fresh, str):
        return
    try:
        expected = build_model(fresh)
    except ParseError as error:
        expected = str(error)
    try:
        got = build_model(parse(new_text, previous=old), previous=build_model(old))
    except ParseError as error:
        got = str(error)
    assert got == expected


def test_unchanged_instructions_are_taken_as_they_are():
    old = parse("FROM python:3.12-slim\nRUN pip install flask\nRUN apt-get update\nCMD python app.py\n")
    new = parse("FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\nRUN apt-get update\nCMD python app.py\n", previous=old)
    assert [n is o for n, o in zip(new.instructions, old.instructions)] == [False, False, True, False]  # the last line is never lent
    assert new.instructions[1].args == "pip install --no-cache-dir flask"


def test_lines_that_moved_or_a_new_escape_are_parsed_again():
    old = parse("FROM python:3.12-slim\nRUN echo a \\\n  b\nCMD x\n")
    moved = parse("FROM python:3.12-slim\n\nRUN echo a \\\n  b\nCMD x\n", previous=old)
    assert all(n is not o for n in moved.instructions for o in old.instructions)
    escaped = parse("# escape=`\nFROM python:3.12-slim\nRUN echo a \\\n  b\nCMD x\n", previous=parse("# escape=\\\nFROM python:3.12-slim\nRUN echo a \\\n  b\nCMD x\n"))
    assert escaped.instructions[1].args == "echo a \\"  # ` continues lines now, not \
    open_end = "FROM python:3.12-slim\nRUN echo a \\"
    assert parse(open_end + "\n  b\n", previous=parse(open_end)) == parse(open_end + "\n  b\n")  # it ended with the file


def test_the_runs_of_unchanged_instructions_are_taken_from_the_earlier_model():
    old_text = "FROM python:3.12-slim\nRUN useradd -u 1000 app && pip install flask\nRUN echo $HOME\nCMD python app.py\n"
    old, previous = parse(old_text), build_model(parse(old_text))
    old = previous.dockerfile
    model = build_model(parse(old_text.replace("CMD python app.py", 'CMD ["python", "app.py"]'), previous=old), previous=previous)
    assert model.stages[0].runs[0].commands is previous.stages[0].runs[0].commands
    assert model.stages[0].runs[1].commands is not previous.stages[0].runs[1].commands  # it expands a variable: read again
    moved = old_text.replace("FROM python:3.12-slim\n", "FROM python:3.12-slim\nENV HOME=/home/app\n")
    assert build_model(parse(moved, previous=old), previous=previous) == build_model(parse(moved))
