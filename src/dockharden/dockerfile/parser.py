"""A Dockerfile parser faithful to BuildKit's frontend/dockerfile/parser.

It reproduces BuildKit's line handling (directives, escape character,
continuations that skip comment and blank lines, heredocs) and its per-instruction
argument forms (exec versus shell), and keeps each instruction's exact line range
and source text, which BuildKit's own AST does not. Where BuildKit works on bytes
(flag extraction, the HEALTHCHECK type word), so does this module, quirks included.
"""
from __future__ import annotations

import json
import math
import re
from typing import NamedTuple

from dockharden.dockerfile.syntax import (
    Dockerfile,
    Heredoc,
    Instruction,
    ParseError,
)

MAX_BYTES = 8 * 1024 * 1024
MAX_LINE_BYTES = 65535  # BuildKit reads lines with bufio.Scanner's default limit
MAX_INSTRUCTION_LINES = 10_000

# Go's unicode.IsSpace, which BuildKit uses to trim and split.
GO_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(
    chr(c) for c in range(0x2000, 0x200B)
)
# unicode.IsSpace(rune(b)) for one byte b, where BuildKit loops over bytes.
_GO_SPACE_BYTES = b"\t\n\v\f\r \x85\xa0"
_ASCII_WS = re.compile(r"[\t\v\f\r ]+")
_NOT_GO_SPACE = re.compile(f"[^{re.escape(GO_SPACE)}]+")
_ASCII_BLANKS = "\t\v\f\r "  # what _ASCII_WS matches
_RE2_SPACE = "\t\n\f\r "  # RE2's \s
_DIRECTIVE_KEY = re.compile(rf"#[{_RE2_SPACE}]*([a-zA-Z][a-zA-Z0-9]*)[{_RE2_SPACE}]*=")
# BuildKit >= 0.15 knows `check`; the 0.12 oracle stops reading directives at it.
_KNOWN_DIRECTIVES = frozenset({"escape", "syntax", "check"})
_HEREDOC_WORD = re.compile(r"([0-9]*)<<(-?)([^<]*)")
# Blanks, then a flag without quotes or backslashes, or the end of the flags.
_BLANKS_THEN_FLAG = re.compile(r"[\t\n\v\f\r ]*+(?:(--[^\t\n\v\f\r '\"\\]*+)(?=[\t\n\v\f\r ]|\Z)|(?!--))")
_KNOWN_COMMANDS = frozenset(
    "add arg cmd copy entrypoint env expose from healthcheck label maintainer onbuild run shell "
    "stopsignal user volume workdir".split()
)
_NAMES = {key: key.upper() for key in _KNOWN_COMMANDS}
_HEREDOC_COMMANDS = frozenset({"ADD", "COPY", "RUN"})
_MAYBE_JSON = frozenset({"cmd", "entrypoint", "run", "shell"})
_JSON_OR_LIST = frozenset({"add", "copy", "volume"})
_NOT_STRINGS = "when using JSON array syntax, arrays must be comprised of strings only"
_GO_MAX_UINT = 2**64 - 1
_GO_JSON_MAX_DEPTH = 10_000
_LONE_SURROGATE = re.compile("[" + chr(0xD800) + "-" + chr(0xDFFF) + "]")  # Go's JSON decoder makes them U+FFFD (chr: mypyc refuses surrogate literals)


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


def scan_lines(text: str) -> list[str]:
    """Lines as BuildKit's scanner yields them: each keeps its '\\n'."""
    pieces = text.split("\n")
    lines = [piece + "\n" for piece in pieces[:-1]]
    if pieces[-1]:
        lines.append(pieces[-1])
    return lines


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


class _Lines:
    """A file's lines as BuildKit's scanner yields them, and how many the parser has read."""

    def __init__(self, path: str, text: str) -> None:
        pieces = text.split("\n")
        self.newline_at_end = not pieces[-1]
        if self.newline_at_end:
            pieces.pop()
        self.path = path
        self.pieces = pieces  # each line without its "\n"
        if "\r" in text:
            self.shown = [piece.removesuffix("\r") for piece in pieces]  # for Dockerfile.lines and source
            self.trimmed = [piece.rstrip("\r") for piece in pieces]  # as BuildKit trims each line
        else:
            self.shown = self.trimmed = pieces
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


class _Directives:
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
    value = rest.strip(_RE2_SPACE) or rest[-1]
    return match.group(1).lower(), value


def parse(text: str, path: str = "Dockerfile") -> Dockerfile:
    if len(text) > MAX_BYTES or (len(text) * 4 > MAX_BYTES and len(_encode(text)) > MAX_BYTES):
        raise ParseError(path, 0, f"file is larger than {MAX_BYTES // (1024 * 1024)} MiB")
    text = text.removeprefix("\ufeff")
    lines = _Lines(path, text)
    if len(text) * 4 > MAX_LINE_BYTES:  # else no line can be too long, even at 4 bytes a character
        _check_line_lengths(lines)
    directives = _Directives(path)
    instructions = []
    while lines.pos < lines.count:
        instruction = _next_instruction(lines, directives)
        if instruction is not None:
            instructions.append(instruction)
    if not instructions:
        raise ParseError(path, lines.pos, "file with no instructions")
    return Dockerfile(
        path=path,
        instructions=tuple(instructions),
        escape=directives.escape,
        directives=tuple(directives.seen.items()),
        lines=tuple(lines.shown),
        text=text,
    )


def _check_line_lengths(lines: _Lines) -> None:
    for number, content in enumerate(lines.pieces, start=1):
        if len(content) * 4 > MAX_LINE_BYTES and len(_encode(content)) > MAX_LINE_BYTES:
            raise ParseError(lines.path, number, f"line is longer than {MAX_LINE_BYTES} bytes")


def _next_instruction(lines: _Lines, directives: _Directives) -> Instruction | None:
    start = lines.pos + 1
    lines.pos = start  # the first line of an instruction: no length limit to check yet
    first = lines.trimmed[start - 1].lstrip(GO_SPACE)
    if not directives.done:
        directives.observe(first, start)
    if not first or first[0] == "#":
        return None  # a blank or comment line
    if first[-1] in (" ", "\t", directives.escape):  # maybe a continuation
        text, ends = directives.trim_continuation(first)
        first = first if ends else _join_continuation([text], lines, start, directives)
    return _build_instruction(first, lines, start, directives.escape)


def _join_continuation(parts: list[str], lines: _Lines, start: int, directives: _Directives) -> str:
    """Append continuation lines; comment and blank lines inside are dropped."""
    ends = False
    while not ends and lines.pos < lines.count:
        raw = lines.trimmed[lines.take(start)]
        stripped = raw.lstrip(GO_SPACE)
        if not stripped or stripped.startswith("#"):
            continue
        piece, ends = directives.trim_continuation(raw)
        parts.append(piece)
    return "".join(parts)


def _build_instruction(joined: str, lines: _Lines, start: int, escape: str) -> Instruction:
    try:
        keyword, flags, args = split_command(joined)
        key = command_key(keyword)
        if key == "onbuild":
            return _build_onbuild(joined, lines, start, escape)
        name = _instruction_name(key, keyword)
        exec_form = _exec_form(key, args, escape)
        opens_heredocs = "<<" in joined and name in _HEREDOC_COMMANDS and exec_form is None
        specs = heredoc_specs(joined) if opens_heredocs else None
    except ValueError as exc:
        raise ParseError(lines.path, start, str(exc)) from None
    if not specs and lines.pos == start:  # one line, no heredoc: most instructions
        return Instruction(keyword, name, tuple(flags), args, exec_form, (), start, start, lines.shown[start - 1])
    return Instruction(keyword, name, tuple(flags), args, exec_form, *_read_rest(specs, lines, start))


def _build_onbuild(joined: str, lines: _Lines, start: int, escape: str) -> Instruction:
    """_build_instruction for ONBUILD, through a _Node that keeps the wrapped instruction."""
    try:
        node = _node(joined, escape)
        specs = heredoc_specs(joined) if "<<" in joined and _takes_heredocs(node) else []
    except ValueError as exc:
        raise ParseError(lines.path, start, str(exc)) from None
    return _instruction(node, *_read_rest(specs, lines, start))


def _read_rest(specs: list[Heredoc] | None, lines: _Lines, start: int) -> tuple[tuple[Heredoc, ...], int, int, str]:
    """The heredoc bodies after the instruction line, then its start, end line and source."""
    heredocs = tuple([_read_heredoc(spec, lines, start) for spec in specs]) if specs else ()
    end = lines.pos
    source = lines.shown[start - 1] if start == end else "\n".join(lines.shown[start - 1 : end])
    return heredocs, start, end, source


class _Node(NamedTuple):
    """An instruction before its lines are known."""

    keyword: str
    name: str
    flags: tuple[str, ...]
    args: str
    exec_form: tuple[str, ...] | None
    sub: "_Node | None"


def _node(line: str, escape: str, wrapped: bool = False) -> _Node:
    """The instruction on `line`. ONBUILD keeps the instruction it wraps as `sub`; a
    wrapped ONBUILD (which BuildKit refuses only when building) is checked to any
    depth, as BuildKit's parser does, but kept as text."""
    keyword, flags, args = split_command(line)
    key = command_key(keyword)
    name = _instruction_name(key, keyword)
    node = _Node(keyword, name, tuple(flags), args, _exec_form(key, args, escape), None)
    if key != "onbuild" or not args:
        return node
    if wrapped:
        _check_onbuild_chain(args, escape)
        return node
    return node._replace(sub=_node(args, escape, wrapped=True))


def _check_onbuild_chain(line: str, escape: str) -> None:
    key, args = "onbuild", line
    while key == "onbuild" and args:
        keyword, _, args = split_command(args)
        key = command_key(keyword)
        _exec_form(key, args, escape)


def command_key(keyword: str) -> str:
    """The instruction name as BuildKit dispatches on it (Go's strings.ToLower)."""
    return keyword.lower() if keyword.isascii() else keyword.replace("\u0130", "i").lower()


def _instruction_name(key: str, keyword: str) -> str:
    """Upper case, as Instruction.name holds it; a non-ASCII unknown keyword stays as written."""
    return _NAMES.get(key) or (keyword.upper() if keyword.isascii() else keyword)


def _takes_heredocs(node: _Node) -> bool:
    target = node.sub if node.name == "ONBUILD" and node.sub is not None else node
    return target.name in _HEREDOC_COMMANDS and target.exec_form is None


def _instruction(node: _Node, heredocs: tuple[Heredoc, ...], start: int, end: int, source: str) -> Instruction:
    """The node on its lines; heredocs belong to the instruction an ONBUILD wraps."""
    sub = None if node.sub is None else _instruction(node.sub, heredocs, start, end, source)
    return Instruction(node.keyword, node.name, node.flags, node.args, node.exec_form, () if sub else heredocs, start, end, source, sub)


def _read_heredoc(spec: Heredoc, lines: _Lines, start: int) -> Heredoc:
    body: list[str] = []
    while lines.pos < lines.count:
        index = lines.take(start)
        raw, candidate = lines.raw(index), lines.trimmed[index]
        if (candidate.lstrip("\t") if spec.chomp else candidate) == spec.name:
            return Heredoc(spec.name, "".join(body), spec.fd, spec.chomp, spec.expand, lines.pos)
        body.append(raw)
    raise ParseError(lines.path, start, f"unterminated heredoc <<{spec.name}")


# --- splitting an instruction line ---------------------------------------------------


def split_command(line: str) -> tuple[str, list[str], str]:
    """BuildKit's splitCommand: keyword, --flags, and the rest."""
    parts = _split_once(line.strip(GO_SPACE))
    if len(parts) < 2:
        return parts[0], [], ""
    if not parts[1].startswith(("--", "\n")) and parts[1].isascii():  # no flags; bytes are characters
        return parts[0], [], parts[1]
    args, flags = extract_flags(parts[1])
    return parts[0], flags, args.strip(GO_SPACE)


def _split_once(line: str) -> list[str]:
    """_ASCII_WS.split(line, maxsplit=1), without the regex when a space is the first
    blank: the blanks from there on are the separator."""
    head, space, rest = line.partition(" ")
    if "\t" in head or "\v" in head or "\f" in head or "\r" in head:
        return _ASCII_WS.split(line, maxsplit=1)
    return [head, rest.lstrip(_ASCII_BLANKS)] if space else [head]


def blank_separated(text: str) -> list[str]:
    """_NOT_GO_SPACE.findall(text): the runs between Go's blanks. For ASCII text that is
    str.split() (several times faster), unless the text holds one of the four separators
    \\x1c-\\x1f, which Python splits at and Go does not."""
    if text.isascii() and "\x1c" not in text and "\x1d" not in text and "\x1e" not in text and "\x1f" not in text:
        return text.split()
    return _NOT_GO_SPACE.findall(text)


def extract_flags(line: str) -> tuple[str, list[str]]:
    """BuildKit's extractBuilderFlags, which walks bytes: quotes go, escapes apply.

    Each byte of a flag becomes one character (Go's string(rune(b))), so
    non-ASCII flag values come out as BuildKit sees them, mis-decoded."""
    plain = _plain_flags(line) if line.isascii() else None
    return plain if plain is not None else _byte_flags(line)


def _plain_flags(line: str) -> tuple[str, list[str]] | None:
    """extract_flags for an ASCII line whose flags hold no quotes or backslashes (bytes
    are characters there); None for any other line."""
    flags: list[str] = []
    pos = 0
    while (match := _BLANKS_THEN_FLAG.match(line, pos)) is not None:
        word, pos = match.group(1), match.end()
        if word is None or word == "--":
            return line[pos:], flags
        flags.append(word)
    return None


def _byte_flags(line: str) -> tuple[str, list[str]]:
    data = _encode(line)
    flags: list[str] = []
    pos = 0
    while True:
        while pos < len(data) and data[pos] in _GO_SPACE_BYTES:
            pos += 1
        if not data.startswith(b"--", pos):
            return data[pos:].decode("utf-8", "replace"), flags
        word, pos, blank_ok = _flag_word(data, pos)
        if word == "--":
            return data[pos:].decode("utf-8", "replace"), flags
        if blank_ok or word:
            flags.append(word)


def _flag_word(data: bytes, pos: int) -> tuple[str, int, bool]:
    """One flag word from `pos`: its text, where it ended, and whether it was quoted."""
    word: list[str] = []
    quote = 0
    blank_ok = False
    while pos < len(data):
        byte = data[pos]
        if not quote and byte in _GO_SPACE_BYTES:
            break
        if not quote and byte in b"'\"":
            quote, blank_ok = byte, True
        elif quote and byte == quote:
            quote = 0
        elif byte == 0x5C:  # backslash escapes the next byte; dropped at the end
            pos += 1
            if pos < len(data):
                word.append(chr(data[pos]))
        else:
            word.append(chr(byte))
        pos += 1
    return "".join(word), pos, blank_ok


# --- argument forms ------------------------------------------------------------------


def _exec_form(key: str, args: str, escape: str) -> tuple[str, ...] | None:
    """The JSON array of an exec-form instruction; raises ValueError where BuildKit errors."""
    if key in _MAYBE_JSON:
        return json_array(args) if args else None
    if key in _JSON_OR_LIST:
        return json_array(args)
    if key == "healthcheck":
        return _healthcheck_json(args)
    if key in ("env", "label"):
        _check_name_value(key.upper(), args, escape)
    return None


def _healthcheck_json(args: str) -> tuple[str, ...] | None:
    """BuildKit's parseHealthConfig: a type word, then maybe JSON (split on bytes)."""
    data = _encode(args)
    sep = next((i for i, byte in enumerate(data) if byte in _GO_SPACE_BYTES), len(data))
    if sep == 0:
        return None
    rest = data[sep:].lstrip(_GO_SPACE_BYTES).decode("utf-8", "replace")
    return json_array(rest) if rest else None


class _NotJson(ValueError):
    pass


def _go_number(text: str) -> float:
    """Go decodes JSON numbers to float64 and fails on overflow."""
    if math.isinf(float(text)):
        raise _NotJson(text)
    return 0.0


def _reject_constant(name: str) -> None:
    raise _NotJson(name)


_JSON = json.JSONDecoder(parse_float=_go_number, parse_int=_go_number, parse_constant=_reject_constant)


def json_array(args: str) -> tuple[str, ...] | None:
    """The strings of a JSON array that starts `args` (text after it is ignored, as
    Go's json.Decoder does); None when `args` is not one; ValueError for non-strings."""
    text = args.lstrip(GO_SPACE)
    if not text.startswith("["):
        return None
    try:
        value, _ = _JSON.raw_decode(text)
    except ValueError:
        return None
    except RecursionError:
        value = [[]] if _deep_json_is_valid(text) else None
    if value is None:
        return None
    if not all(isinstance(item, str) for item in value):
        raise ValueError(_NOT_STRINGS)
    return tuple([item if item.isascii() else _LONE_SURROGATE.sub("\ufffd", item) for item in value])


_JSON_TOKEN = re.compile(
    r'[ \t\n\r]*(?:([\[{])|([\]}])|([,:])|("(?:[^"\\\x00-\x1f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*")'
    r"|(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|true|false|null))"
)


def _deep_json_is_valid(text: str) -> bool:
    """Whether `text` starts with one JSON value Go accepts (depth <= 10000),
    checked without recursion for arrays too deep for Python's json module."""
    stack: list[str] = []
    expect = "value"
    pos = 0
    while True:
        match = _JSON_TOKEN.match(text, pos)
        expect = _json_step(match, expect, stack) if match else ""
        if not expect or len(stack) > _GO_JSON_MAX_DEPTH:
            return False
        if expect == "done":
            return True
        pos = match.end()  # type: ignore[union-attr]  # a step without a match returned above


def _json_step(match: re.Match, expect: str, stack: list[str]) -> str:
    """The next expectation after one token, or "" when the token may not come here."""
    opener, closer, punct, string, scalar = match.groups()
    if opener and expect.startswith("value"):
        stack.append("]" if opener == "[" else "}")
        return "value_or_close" if opener == "[" else "key_or_close"
    if closer and stack and stack[-1] == closer and expect in ("comma_or_close", "value_or_close", "key_or_close"):
        stack.pop()
        return "comma_or_close" if stack else "done"
    if punct == "," and expect == "comma_or_close":
        return "key" if stack[-1] == "}" else "value"
    if punct == ":" and expect == "colon":
        return "value"
    if string and expect.startswith("key"):
        return "colon"
    if (string or scalar) and expect.startswith("value"):
        return "" if scalar and scalar[0] not in "tfn" and math.isinf(float(scalar)) else "comma_or_close"
    return ""


def _check_name_value(key: str, args: str, escape: str) -> None:
    """BuildKit's parseNameVal errors for ENV and LABEL."""
    words = parse_words(args, escape)
    if not words:
        return
    if "=" not in words[0]:
        if len(_ASCII_WS.split(args, maxsplit=1)) < 2:
            raise ValueError(f"{key} must have two arguments")
        return
    for word in words:
        if "=" not in word:
            raise ValueError(f"Syntax error - can't find = in {json.dumps(word, ensure_ascii=False)}. Must be of the form: name=value")


def parse_words(rest: str, escape: str = "\\") -> list[str]:
    """BuildKit's parseWords: blank-separated words, quotes and escapes kept raw."""
    if escape not in rest and "'" not in rest and '"' not in rest:
        return blank_separated(rest)  # nothing to read specially: words are the runs between blanks
    words = []
    for match in _RAW_WORDS[escape].finditer(rest):
        word = match.group()
        if match.group("dropped") is not None or match.group("dropped_quoted") is not None:
            word = word[:-1]  # an escape character that ends the text is dropped
        if word:
            words.append(word)
    return words


def _raw_words(escape: str) -> re.Pattern:
    """One word of parseWords: plain runs, escaped characters, single- and double-quoted
    parts (unterminated ones run to the end), the escape kept; a final lone escape dropped."""
    e, blank = re.escape(escape), re.escape(GO_SPACE)
    escaped = rf"{e}(?:[\s\S]|(?P<dropped>\Z))"
    double = rf'"(?:[^"{e}]++|{e}(?:[\s\S]|(?P<dropped_quoted>\Z)))*+"?'
    return re.compile(rf"(?:[^{blank}'\"{e}]++|{escaped}|'[^']*+'?|{double})++")


_RAW_WORDS = {escape: _raw_words(escape) for escape in ("\\", "`")}


_SHELL_PIECE = re.compile(r"""'([^']*)'?|"((?:[^"\\]|\\.|\\\Z)*)"?|\\(.)|(.)""", re.S)
_DOUBLE_QUOTED_ESCAPE = re.compile(r"""\\(["\\$`])""")


def unquote(word: str) -> str:
    """Remove shell quotes and backslash escapes from one word."""
    if "'" not in word and '"' not in word and "\\" not in word:
        return word
    return "".join(
        single or _DOUBLE_QUOTED_ESCAPE.sub(r"\1", double) or escaped or plain
        for single, double, escaped, plain in _SHELL_PIECE.findall(word)
    )


# --- heredoc words: BuildKit's shell lexer, empty environment, unset variables kept ----


def heredoc_specs(line: str) -> list[Heredoc]:
    """The heredocs an instruction line opens, in order, with empty content.

    Like BuildKit, a line the shell lexer cannot split opens none; a heredoc
    word it cannot read raises ValueError."""
    try:
        words = _shell_words(line, raw_quotes=True, raw_escapes=True)
    except (ValueError, RecursionError):  # Go nests ${...} deeper than Python can
        return []
    return [spec for spec in map(parse_heredoc_word, words) if spec is not None]


def parse_heredoc_word(word: str) -> Heredoc | None:
    match = _HEREDOC_WORD.fullmatch(word)
    if not match or not match.group(3):
        return None
    rest = match.group(3)
    names = _lex_heredoc_name(rest, raw_quotes=False)
    if len(names) != 1:
        return None
    raw_names = _lex_heredoc_name(rest, raw_quotes=True)
    if len(raw_names) != 1:
        raise ValueError(f"internal lexing of heredoc produced inconsistent results: {rest}")
    return Heredoc(
        name=names[0],
        content="",
        fd=_go_uint(match.group(1)),
        chomp=match.group(2) == "-",
        expand=_quote_count(names[0]) == _quote_count(raw_names[0]),
    )


def _lex_heredoc_name(rest: str, raw_quotes: bool) -> list[str]:
    try:
        return _shell_words(rest, raw_quotes=raw_quotes, raw_escapes=False)
    except _LexError as exc:
        raise ValueError(f"failed to process {json.dumps(rest, ensure_ascii=False)}: {exc}") from None
    except RecursionError:
        raise ValueError(f"heredoc word nests ${{...}} too deeply: {rest[:40]}...") from None


def _go_uint(digits: str) -> int:
    """strconv.ParseUint with its error ignored: empty is 0, overflow is the maximum."""
    significant = digits.lstrip("0")
    if len(significant) > 20:
        return _GO_MAX_UINT
    return min(int(significant or "0"), _GO_MAX_UINT)


def _quote_count(word: str) -> int:
    return word.count("'") + word.count('"')


class _LexError(ValueError):
    pass


def _shell_words(text: str, raw_quotes: bool, raw_escapes: bool) -> list[str]:
    text = text.removeprefix("\ufeff")  # Go's text/scanner skips a leading BOM
    if "$" not in text and "'" not in text and '"' not in text and "\\" not in text:
        return blank_separated(text)  # the lexer would only split it at blanks
    return _ShellLexer(text, raw_quotes, raw_escapes).words()


class _Words:
    """Go's wordsStruct: collects the words of a lexed line."""

    def __init__(self) -> None:
        self.done: list[str] = []
        self.word: list[str] = []
        self.size = 0
        self.in_word = False

    def add_char(self, ch: str) -> None:
        if ch not in GO_SPACE:
            self.add_raw(ch)
        elif self.in_word and self.size:
            self.done.append("".join(self.word))
            self.word, self.size, self.in_word = [], 0, False

    def add_raw(self, text: str) -> None:
        self.word.append(text)
        self.size += len(text)
        self.in_word = True

    def finish(self) -> list[str]:
        if self.size:
            self.done.append("".join(self.word))
        return self.done


class _ShellLexer:
    """BuildKit's shell.Lex (escape token backslash, SkipUnsetEnv, no variables set)."""

    def __init__(self, text: str, raw_quotes: bool, raw_escapes: bool) -> None:
        self.text = text
        self.pos = 0
        self.raw_quotes = raw_quotes
        self.raw_escapes = raw_escapes

    def peek(self) -> str | None:
        return self.text[self.pos] if self.pos < len(self.text) else None

    def next(self) -> str | None:
        ch = self.peek()
        self.pos += ch is not None
        return ch

    def take(self) -> str:
        """The next character, where the caller has seen that there is one."""
        ch = self.text[self.pos]
        self.pos += 1
        return ch

    def words(self) -> list[str]:
        return self._until(None)[1]

    def _until(self, stop: str | None) -> tuple[str, list[str]]:
        result: list[str] = []
        words = _Words()
        while (ch := self.peek()) is not None:
            if ch == stop:
                self.pos += 1
                return "".join(result), words.finish()
            if ch == "$":
                text = self._dollar()
                result.append(text)
                for each in text:
                    words.add_char(each)
            elif ch in "'\"":
                text = self._single_quoted() if ch == "'" else self._double_quoted()
                result.append(text)
                words.add_raw(text)
            else:
                self._plain(result, words)
        if stop is not None:
            raise _LexError(f"unexpected end of statement while looking for matching {stop}")
        return "".join(result), words.finish()

    def _plain(self, result: list[str], words: _Words) -> None:
        ch = self.take()
        if ch == "\\":
            if self.raw_escapes:
                words.add_raw(ch)
                result.append(ch)
            escaped = self.next()
            if escaped is None:
                return
            words.add_raw(escaped)
            result.append(escaped)
        else:
            words.add_char(ch)
            result.append(ch)

    def _single_quoted(self) -> str:
        opening = self.take()
        out = [opening] if self.raw_quotes else []
        while (ch := self.next()) != "'":
            if ch is None:
                raise _LexError("unexpected end of statement while looking for matching single-quote")
            out.append(ch)
        return "".join(out + ["'"] if self.raw_quotes else out)

    def _double_quoted(self) -> str:
        opening = self.take()
        out = [opening] if self.raw_quotes else []
        while (ch := self.peek()) != '"':
            if ch is None:
                raise _LexError("unexpected end of statement while looking for matching double-quote")
            if ch == "$":
                out.append(self._dollar())
                continue
            ch = self.take()
            if ch == "\\":
                if self.raw_escapes:
                    out.append(ch)
                following = self.peek()
                if following is None:
                    continue
                if following in '"$\\':
                    ch = self.take()
            out.append(ch)
        self.pos += 1
        return "".join(out + ['"'] if self.raw_quotes else out)

    def _dollar(self) -> str:
        self.pos += 1
        if self.peek() != "{":
            return "$" + self._name()
        self.pos += 1
        first = self.peek()
        if first is None:
            raise _LexError("syntax error: missing '}'")
        if first in "{}:":
            raise _LexError("syntax error: bad substitution")
        name = self._name()
        ch = self.next()
        if ch == "}":
            return "${" + name + "}"
        modifier = ch or "\ufffd"  # Go's string(EOF)
        if ch == ":":
            modifier += self.next() or "\ufffd"
        elif ch not in ("+", "-", "?"):
            raise _LexError(f"unsupported modifier ({modifier}) in substitution")
        return "${" + name + modifier + self._modifier_word() + "}"

    def _modifier_word(self) -> str:
        try:
            return self._until("}")[0]
        except _LexError:
            if self.peek() is None:
                raise _LexError("syntax error: missing '}'") from None
            raise

    def _name(self) -> str:
        first = self.peek()
        if first is not None and _is_go_digit(first):
            return self._take_while(_is_go_digit)
        if first is not None and first in "@*#?-$!0":
            self.pos += 1
            return first
        return self._take_while(lambda ch: ch == "_" or ch.isalpha() or _is_go_digit(ch))

    def _take_while(self, accept) -> str:
        begin = self.pos
        while self.pos < len(self.text) and accept(self.text[self.pos]):
            self.pos += 1
        return self.text[begin : self.pos]


def _is_go_digit(ch: str) -> bool:
    return ch.isdecimal()
