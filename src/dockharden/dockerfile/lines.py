"""Lines as BuildKit's scanner reads them: decoding, Go's blanks, parser directives and
continuation marks, and the caps on file, line and instruction size."""
from __future__ import annotations

import re

from dockharden.dockerfile.syntax import ParseError

MAX_BYTES = 8 * 1024 * 1024
MAX_LINE_BYTES = 65535  # BuildKit reads lines with bufio.Scanner's default limit
MAX_INSTRUCTION_LINES = 10_000

# Go's unicode.IsSpace, which BuildKit uses to trim and split.
GO_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(
    chr(c) for c in range(0x2000, 0x200B)
)
# unicode.IsSpace(rune(b)) for one byte b, where BuildKit loops over bytes.
GO_SPACE_BYTES = b"\t\n\v\f\r \x85\xa0"
ASCII_WS = re.compile(r"[\t\v\f\r ]+")
NOT_GO_SPACE = re.compile(f"[^{re.escape(GO_SPACE)}]+")
ASCII_BLANKS = "\t\v\f\r "  # what ASCII_WS matches
RE2_SPACE = "\t\n\f\r "  # RE2's \s
_DIRECTIVE_KEY = re.compile(rf"#[{RE2_SPACE}]*([a-zA-Z][a-zA-Z0-9]*)[{RE2_SPACE}]*=")
# BuildKit >= 0.15 knows `check`; the 0.12 oracle stops reading directives at it.
_KNOWN_DIRECTIVES = frozenset({"escape", "syntax", "check"})


def decode(data: bytes, path: str) -> str:
    """Bytes to text, refusing what is not a text Dockerfile."""
    if len(data) > MAX_BYTES:
        raise ParseError(path, 0, f"file is larger than {MAX_BYTES // (1024 * 1024)} MiB")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ParseError(path, line, "binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ParseError(path, line, "not valid UTF-8 text") from None
    return text.removeprefix("\ufeff")


def encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


class Lines:
    """A file's lines as BuildKit's scanner yields them, and how many the parser has read."""

    def __init__(self, path: str, text: str) -> None:
        pieces = text.split("\n")
        self.newline_at_end = not pieces[-1]
        if self.newline_at_end:
            pieces.pop()
        self.path = path
        self.pieces = pieces  # each line without its "\n"
        self.shown = [piece.removesuffix("\r") for piece in pieces]  # for Dockerfile.lines and source
        self.trimmed = [piece.rstrip("\r") for piece in pieces]  # as BuildKit trims each line
        self.count = len(pieces)
        self.pos = 0  # lines consumed so far: the number of the last line read

    def raw(self, index: int) -> str:
        """The line with its line ending, as scan_lines gives it."""
        last = index == self.count - 1 and not self.newline_at_end
        return self.pieces[index] if last else self.pieces[index] + "\n"

    def take(self, start: int) -> int:
        """Consume the next line of an instruction that began on line `start`; its index."""
        if self.pos + 1 - start >= MAX_INSTRUCTION_LINES:
            raise ParseError(self.path, start, f"instruction spans more than {MAX_INSTRUCTION_LINES} lines")
        self.pos += 1
        return self.pos - 1


class Directives:
    """The `# escape=` style lines BuildKit reads before anything else."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.escape = "\\"
        self.done = False
        self.seen: dict[str, str] = {}

    def observe(self, line: str, lineno: int) -> None:
        if self.done:
            return
        key, value = _directive(line)
        if key not in _KNOWN_DIRECTIVES:
            self.done = True
            return
        if key in self.seen:
            raise ParseError(self.path, lineno, f"only one {key} parser directive can be used")
        if key == "escape" and value not in ("`", "\\"):
            raise ParseError(self.path, lineno, f"invalid escape token '{value}' does not match ` or \\")
        self.seen[key] = value
        self.escape = value if key == "escape" else self.escape

    def trim_continuation(self, line: str) -> tuple[str, bool]:
        """The line without its continuation mark, and whether the instruction ends here."""
        body = line.rstrip(" \t")
        if body.endswith(self.escape) and not body.endswith(self.escape * 2):
            return body[:-1], False
        return line, True


def _directive(line: str) -> tuple[str, str]:
    """(key, value) as BuildKit's `^#\\s*(\\w+)\\s*=\\s*(.+?)\\s*$` finds them, else ("", "").

    Written out because that regex backtracks quadratically in Python. When only
    blanks follow `=`, the regex still matches and the value is the last blank."""
    match = _DIRECTIVE_KEY.match(line)
    if match is None or match.end() == len(line):
        return "", ""
    rest = line[match.end() :]
    value = rest.strip(RE2_SPACE) or rest[-1]
    return match.group(1).lower(), value


def check_line_lengths(lines: Lines) -> None:
    for number, content in enumerate(lines.pieces, start=1):
        if len(content) * 4 > MAX_LINE_BYTES and len(encode(content)) > MAX_LINE_BYTES:
            raise ParseError(lines.path, number, f"line is longer than {MAX_LINE_BYTES} bytes")
