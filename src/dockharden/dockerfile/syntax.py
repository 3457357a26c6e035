"""Records the parser produces: a Dockerfile as a tuple of instructions."""
from __future__ import annotations

import dataclasses

from dockharden.core.records import record


class ParseError(Exception):
    """Input that is not a Dockerfile we can check; names the file and line."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@record
class Heredoc:
    """A here-document as BuildKit reads it: `content` is the raw body, line endings
    (CRLF too) kept and leading tabs not yet removed even when `chomp` (<<-) is set;
    `expand` is False when any part of the name was quoted; `end_line` is the
    terminator's line."""

    name: str
    content: str
    fd: int = 0
    chomp: bool = False
    expand: bool = True
    end_line: int = 0


@record
class Instruction:
    keyword: str  # as written
    name: str  # upper case
    flags: tuple[str, ...]  # as BuildKit gives them: "--from=builder", quotes removed
    args: str  # the text after the flags, continuations joined
    exec_form: tuple[str, ...] | None  # the JSON array, when written in exec form
    heredocs: tuple[Heredoc, ...]
    start_line: int
    end_line: int
    source: str  # the exact lines start_line..end_line
    sub: "Instruction | None" = None  # the instruction an ONBUILD wraps
    # A continued instruction's lines as the parser joined them into args: each kept line's
    # number and its text without the continuation mark (comment and blank lines left out).
    pieces: tuple[tuple[int, str], ...] = ()

    def replace(self, **changes) -> "Instruction":
        return dataclasses.replace(self, **changes)

    def flag(self, name: str) -> str | None:
        """The value of --name (the last one wins), '' for a bare --name, else None."""
        found = None
        for key, value in _flag_pairs(self.flags):
            if key == name:
                found = value
        return found

    def flag_values(self, name: str) -> tuple[str, ...]:
        """The values of every --name, in order."""
        return tuple([value for key, value in _flag_pairs(self.flags) if key == name])


def _flag_pairs(flags: tuple[str, ...]) -> list[tuple[str, str]]:
    """(name in lower case, value) of each flag; '' for a bare --name. Read again at each
    call: most instructions have no flag, the rest one or two, and caching them on the
    instruction cost more than this."""
    pairs = []
    for raw in flags:
        key, _, value = raw[2:].partition("=")
        pairs.append((key.lower(), value))
    return pairs


@record
class Dockerfile:
    path: str
    instructions: tuple[Instruction, ...]
    escape: str = "\\"
    directives: tuple[tuple[str, str], ...] = ()
    lines: tuple[str, ...] = ()
    # The text parsed (without a byte order mark): the offsets of fixes' edits point into it.
    text: str = dataclasses.field(default="", compare=False, repr=False)
