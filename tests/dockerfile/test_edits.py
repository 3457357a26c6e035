"""Where fixes edit: offsets of lines and instructions, with CRLF kept and heredoc bodies left alone."""
import re

import pytest

from dockharden.checks.fixing import apply_edits
from dockharden.dockerfile import edits
from dockharden.dockerfile.parser import parse

TEXT = "FROM a\nRUN x \\\n  y\n  CMD z"
CRLF = "FROM a\r\nRUN x\r\n"


def _apply(text, edit):
    return apply_edits(text, [edit])


def test_line_offsets():
    d = parse(TEXT)
    assert [edits.line_start(d, n) for n in (1, 2, 3, 4)] == [0, 7, 15, 19]
    assert [edits.line_text(d, n) for n in (1, 2, 3, 4)] == ["FROM a", "RUN x \\", "  y", "  CMD z"]
    assert edits.line_end(parse(CRLF), 1) == 6  # before "\r\n"
    assert (edits.newline(parse(CRLF), 1), edits.newline(d, 1)) == ("\r\n", "\n")


def test_insert_before_and_after_keep_line_endings_and_indentation():
    d = parse(CRLF)
    run = d.instructions[1]
    assert _apply(CRLF, edits.insert_before(d, run, "ENV A=1\nENV B=2")) == "FROM a\r\nENV A=1\r\nENV B=2\r\nRUN x\r\n"
    assert _apply(CRLF, edits.insert_after(d, run, "USER 1")) == "FROM a\r\nRUN x\r\nUSER 1\r\n"
    d = parse(TEXT)
    assert _apply(TEXT, edits.insert_after(d, d.instructions[2], "USER 1")) == TEXT + "\n  USER 1"


def test_insert_after_an_instruction_with_a_heredoc_goes_below_its_body():
    text = "FROM a\nRUN <<EOF\necho hi\nEOF\n"
    d = parse(text)
    assert _apply(text, edits.insert_after(d, d.instructions[1], "USER 1")) == text + "USER 1\n"
    assert edits.instruction_lines(d.instructions[1]) == range(2, 3)


@pytest.mark.parametrize(("text", "expected"), [
    ("FROM a\nUSER root\nCMD x\n", "FROM a\nCMD x\n"),
    ("FROM a\nUSER root", "FROM a"),  # the last line: the line ending before it goes
])
def test_delete_instruction(text, expected):
    d = parse(text)
    assert _apply(text, edits.delete_instruction(d, d.instructions[1])) == expected


def test_replace_instruction_keeps_indentation_and_continuation_lines_go():
    d = parse(TEXT)
    assert _apply(TEXT, edits.replace_instruction(d, d.instructions[1], "RUN xy")) == "FROM a\nRUN xy\n  CMD z"


def test_words_are_inserted_only_where_one_match_is():
    d = parse("FROM a\nRUN pip install a && pip install b\nRUN pip install c\n")
    pattern = re.compile(r"pip install")
    assert edits.insert_word_after(d, 2, pattern, "--x") is None
    assert edits.insert_word_after(d, 3, pattern, "--x") == edits.Edit(57, 57, " --x")


@pytest.mark.parametrize(("text", "expected"), [
    ("FROM a\nRUN apt-get install -y x\n", "FROM a\nRUN apt-get install -y x && rm -rf l\n"),
    ("FROM a\nRUN apt-get install -y x   \n", "FROM a\nRUN apt-get install -y x && rm -rf l   \n"),
    ("FROM a\nRUN apt-get install -y x # why\n", None),  # the command would join the comment
    ("FROM a\nRUN apt-get install -y x;\n", None),
    ("FROM a\nRUN a ||\\\n  b\n", "FROM a\nRUN a ||\\\n  b && rm -rf l\n"),
    ('FROM a\nRUN ["apt-get", "install", "x"]\n', None),
    ("FROM a\nRUN <<EOF\napt-get install x\nEOF\n", None),
    ('FROM a\nSHELL ["powershell", "-c"]\nRUN apt-get install x\n', None),
])
def test_append_command(text, expected):
    d = parse(text)
    run = d.instructions[-1]
    shell = ("powershell", "-c") if "powershell" in text else ("/bin/sh", "-c")
    edit = edits.append_command(d, run, shell, "rm -rf l")
    assert (None if edit is None else _apply(text, edit)) == expected


def test_add_flag_goes_right_after_the_keyword():
    text = "FROM a\n  copy --link . /app\n"
    d = parse(text)
    assert _apply(text, edits.add_flag(d, d.instructions[1], "--chown=1000")) == "FROM a\n  copy --chown=1000 --link . /app\n"


def test_instruction_lookups():
    d = parse(TEXT)
    assert edits.instruction_at(d, 2) is d.instructions[1]
    assert edits.instruction_at(d, 3) is None
    assert edits.instruction_containing(d, 3) is d.instructions[1]
