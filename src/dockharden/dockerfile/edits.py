"""Where in a Dockerfile's text a fix edits: offsets of lines and instructions, and edits that
insert, replace or delete whole instructions, or words on one line.

Offsets are character offsets into `Dockerfile.text`, the text the parser read; a new line
uses the line ending of the line it is written beside, so CRLF files stay CRLF.
"""
from __future__ import annotations

import re
from functools import lru_cache

from dockharden.core.vocabulary import Edit
from dockharden.dockerfile.syntax import Dockerfile, Instruction
from dockharden.knowledge.shells import is_shell


@lru_cache(maxsize=4)
def _line_starts(text: str) -> tuple[int, ...]:
    starts = [0]
    position = text.find("\n")
    while position != -1:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return tuple(starts)


def line_start(dockerfile: Dockerfile, line: int) -> int:
    """The offset where line `line` (from 1) begins."""
    return _line_starts(dockerfile.text)[line - 1]


def line_end(dockerfile: Dockerfile, line: int) -> int:
    """The offset of the end of line `line`'s content, before its line ending."""
    starts = _line_starts(dockerfile.text)
    end = starts[line] - 1 if line < len(starts) else len(dockerfile.text)
    return end - 1 if end > starts[line - 1] and dockerfile.text[end - 1] == "\r" else end


def line_text(dockerfile: Dockerfile, line: int) -> str:
    return dockerfile.text[line_start(dockerfile, line):line_end(dockerfile, line)]


def newline(dockerfile: Dockerfile, line: int) -> str:
    """The line ending the file uses at `line`: CRLF or LF."""
    end = line_end(dockerfile, line)
    return "\r\n" if dockerfile.text.startswith("\r\n", end) else "\n"


def indentation(dockerfile: Dockerfile, line: int) -> str:
    text = line_text(dockerfile, line)
    return text[: len(text) - len(text.lstrip(" \t"))]


def insert_before(dockerfile: Dockerfile, instruction: Instruction, text: str) -> Edit:
    """New lines (`text`, one instruction or several joined by "\\n") above `instruction`."""
    line = instruction.start_line
    eol = newline(dockerfile, line)
    lead = indentation(dockerfile, line)
    body = "".join(lead + part + eol for part in text.split("\n"))
    start = line_start(dockerfile, line)
    return Edit(start, start, body)


def insert_after(dockerfile: Dockerfile, instruction: Instruction, text: str) -> Edit:
    """New lines below `instruction` (after its heredoc bodies, if any)."""
    line = instruction.end_line
    end = line_end(dockerfile, line)
    eol = newline(dockerfile, instruction.start_line)
    lead = indentation(dockerfile, instruction.start_line)
    body = "".join(eol + lead + part for part in text.split("\n"))
    return Edit(end, end, body)


def replace_instruction(dockerfile: Dockerfile, instruction: Instruction, text: str) -> Edit:
    """`instruction` (without its indentation and line ending) rewritten as `text`."""
    start = line_start(dockerfile, instruction.start_line) + len(indentation(dockerfile, instruction.start_line))
    return Edit(start, line_end(dockerfile, instruction.end_line), text)


def delete_instruction(dockerfile: Dockerfile, instruction: Instruction) -> Edit:
    """`instruction`'s lines removed, their line endings too."""
    starts = _line_starts(dockerfile.text)
    start = starts[instruction.start_line - 1]
    end = starts[instruction.end_line] if instruction.end_line < len(starts) else len(dockerfile.text)
    if end == len(dockerfile.text) and start > 0 and not dockerfile.text.endswith("\n"):  # a last line without a line ending: take the one before it
        start = line_end(dockerfile, instruction.start_line - 1)
    return Edit(start, end, "")


def matches_on_line(dockerfile: Dockerfile, line: int, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """Absolute (start, end) of each match of `pattern` on line `line`."""
    start = line_start(dockerfile, line)
    return [(start + m.start(), start + m.end()) for m in pattern.finditer(line_text(dockerfile, line))]


def only_match(dockerfile: Dockerfile, lines: range, pattern: re.Pattern[str]) -> tuple[int, int] | None:
    """The one match of `pattern` on those lines; None when there is none or more than one
    (a fix that cannot tell which place is meant makes no edit)."""
    found = [span for line in lines for span in matches_on_line(dockerfile, line, pattern)]
    return found[0] if len(found) == 1 else None


def instruction_lines(instruction: Instruction) -> range:
    """The lines of `instruction`; only its first for one with heredocs (their bodies are data)."""
    last = instruction.start_line if instruction.heredocs else instruction.end_line
    return range(instruction.start_line, last + 1)


def instruction_at(dockerfile: Dockerfile, line: int) -> Instruction | None:
    """The instruction that starts on `line`."""
    return next((i for i in dockerfile.instructions if i.start_line == line), None)


def insert_word_after(dockerfile: Dockerfile, line: int, pattern: re.Pattern[str], word: str) -> Edit | None:
    """` word` inserted after the one match of `pattern` on `line` (None: no match, or several)."""
    span = only_match(dockerfile, range(line, line + 1), pattern)
    return None if span is None else Edit(span[1], span[1], " " + word)


def append_command(dockerfile: Dockerfile, instruction: Instruction, shell: tuple[str, ...], command: str) -> Edit | None:
    """` && command` at the end of a shell-form RUN's script; None where that could change
    what the script means: exec form, heredocs, a shell that is not POSIX, a last line with a
    comment (the command would join it) or a script that ends in an operator."""
    if instruction.exec_form is not None or instruction.heredocs or not shell or not is_shell(shell[0]):
        return None
    script = instruction.args.rstrip()
    last = line_text(dockerfile, instruction.end_line)
    if not script or script[-1] in ";&|\\(" or "#" in last or last.rstrip().endswith(dockerfile.escape):
        return None
    end = line_end(dockerfile, instruction.end_line)
    trailing = len(last) - len(last.rstrip())
    return Edit(end - trailing, end - trailing, f" && {command}")


_KEYWORD_AND_BLANKS = re.compile(r"[ \t]*\S+[ \t]+")


def add_flag(dockerfile: Dockerfile, instruction: Instruction, flag: str) -> Edit | None:
    """`flag` (`--chown=1000:1000`) as the first flag of `instruction`, after its keyword."""
    found = _KEYWORD_AND_BLANKS.match(line_text(dockerfile, instruction.start_line))
    if found is None:
        return None
    at = line_start(dockerfile, instruction.start_line) + found.end()
    return Edit(at, at, flag + " ")


def instruction_containing(dockerfile: Dockerfile, line: int) -> Instruction | None:
    """The instruction whose lines hold `line`."""
    return next((i for i in dockerfile.instructions if i.start_line <= line <= i.end_line), None)
