"""A Dockerfile parser faithful to BuildKit's frontend/dockerfile/parser.

It reproduces BuildKit's line handling (directives, escape character,
continuations that skip comment and blank lines, heredocs) and its per-instruction
argument forms (exec versus shell), and keeps each instruction's exact line range
and source text, which BuildKit's own AST does not.
"""
from __future__ import annotations

import json
import re

from dockharden.dockerfile.syntax import (
    Dockerfile,
    Heredoc,
    Instruction,
    ParseError,
)

MAX_BYTES = 8 * 1024 * 1024
MAX_INSTRUCTION_LINES = 10_000

_DIRECTIVE = re.compile(r"^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$")
_KNOWN_DIRECTIVES = frozenset({"escape", "syntax", "check"})
_ASCII_WS = re.compile(r"[\t\v\f\r ]+")
_HEREDOC_WORD = re.compile(r"^(\d*)<<(-?)([^<]*)$")
_HEREDOC_INSTRUCTIONS = frozenset({"ADD", "COPY", "RUN"})
_MAYBE_JSON = frozenset({"CMD", "ENTRYPOINT", "RUN", "SHELL"})
_MAYBE_JSON_LIST = frozenset({"ADD", "COPY", "VOLUME"})
_NAME_VALUE = {"ENV": "ENV", "LABEL": "LABEL"}
# Go's unicode.IsSpace, which BuildKit uses to trim lines.
_GO_SPACE = frozenset("\t\n\v\f\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | frozenset(
    chr(c) for c in range(0x2000, 0x200B)
)


def _lstrip_go(text: str) -> str:
    i = 0
    while i < len(text) and text[i] in _GO_SPACE:
        i += 1
    return text[i:]


def _strip_go(text: str) -> str:
    end = len(text)
    while end > 0 and text[end - 1] in _GO_SPACE:
        end -= 1
    return _lstrip_go(text[:end])


def decode(data: bytes, path: str) -> str:
    """Bytes to text, refusing what is not a text Dockerfile."""
    if len(data) > MAX_BYTES:
        raise ParseError(path, 0, f"file is larger than {MAX_BYTES // (1024 * 1024)} MiB")
    if b"\x00" in data:
        raise ParseError(path, 0, "binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ParseError(path, line, "not valid UTF-8 text") from None
    return text[1:] if text.startswith("\ufeff") else text


def split_lines(text: str) -> list[str]:
    """Lines as Go's bufio.ScanLines yields them."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


class _Directives:
    def __init__(self, path: str) -> None:
        self.path = path
        self.escape = "\\"
        self.done = False
        self.seen: dict[str, str] = {}
        self._continuation = re.compile(r"\\[ \t]*$")

    def observe(self, line: str, lineno: int) -> None:
        if self.done:
            return
        match = _DIRECTIVE.match(line)
        if not match or match.group(1).lower() not in _KNOWN_DIRECTIVES:
            self.done = True
            return
        key, value = match.group(1).lower(), match.group(2)
        if key in self.seen:
            raise ParseError(self.path, lineno, f"only one {key} parser directive can be used")
        self.seen[key] = value
        if key == "escape":
            if value not in ("`", "\\"):
                raise ParseError(self.path, lineno, f"invalid escape token '{value}' does not match ` or \\")
            self.escape = value
            self._continuation = re.compile(re.escape(value) + r"[ \t]*$")

    def trim_continuation(self, line: str) -> tuple[str, bool]:
        match = self._continuation.search(line)
        if match:
            return line[: match.start()], False
        return line, True


def _is_comment(line: str) -> bool:
    return _lstrip_go(line).startswith("#")


def _trim_comment(line: str) -> str:
    return "" if line.startswith("#") else line


def parse(text: str, path: str = "Dockerfile") -> Dockerfile:
    lines = split_lines(text)
    directives = _Directives(path)
    instructions: list[Instruction] = []
    i = 0
    while i < len(lines):
        first = _lstrip_go(lines[i])
        directives.observe(first, i + 1)
        i += 1
        start = i
        line, done = directives.trim_continuation(_trim_comment(first))
        if done and line == "":
            continue
        parts = [line]
        while not done and i < len(lines):
            raw = lines[i]
            directives.observe(raw, i + 1)
            i += 1
            if i - start > MAX_INSTRUCTION_LINES:
                raise ParseError(path, start, f"instruction spans more than {MAX_INSTRUCTION_LINES} lines")
            if _is_comment(raw) or _lstrip_go(_trim_comment(raw)) == "":
                continue
            piece, done = directives.trim_continuation(_trim_comment(raw))
            parts.append(piece)
        joined = "".join(parts)
        instruction, i = _build(joined, lines, start, i, path, directives.escape)
        instructions.append(instruction)
    if not instructions:
        raise ParseError(path, max(len(lines), 1), "file with no instructions")
    return Dockerfile(
        path=path,
        instructions=tuple(instructions),
        escape=directives.escape,
        directives=tuple(directives.seen.items()),
        lines=tuple(lines),
    )


def _build(joined: str, lines: list[str], start: int, i: int, path: str, escape: str) -> tuple[Instruction, int]:
    try:
        keyword, flags, args = split_command(joined)
        name = keyword.upper()
        sub = None
        if name == "ONBUILD" and args:
            sub, _ = _build(args, lines, start, i, path, escape)
            sub_name = sub.name
        else:
            sub_name = None
        exec_form = _exec_form(name, args, escape)
    except ValueError as exc:
        raise ParseError(path, start, str(exc)) from None
    heredocs: tuple[Heredoc, ...] = ()
    heredoc_owner = sub_name if sub_name else name
    if heredoc_owner in _HEREDOC_INSTRUCTIONS and exec_form is None and (sub is None or sub.exec_form is None) and "<<" in joined:
        heredocs, i = _read_heredocs(joined, lines, start, i, path)
        if sub is not None:
            sub, heredocs = sub.replace(heredocs=heredocs, end_line=i), ()
    instruction = Instruction(
        keyword=keyword,
        name=name,
        flags=tuple(flags),
        args=args,
        exec_form=exec_form,
        heredocs=heredocs,
        start_line=start,
        end_line=i,
        source="\n".join(lines[start - 1 : i]),
        sub=sub,
    )
    return instruction, i


def _read_heredocs(joined: str, lines: list[str], start: int, i: int, path: str) -> tuple[tuple[Heredoc, ...], int]:
    found = []
    for word in shell_words(joined):
        spec = parse_heredoc_word(word)
        if spec is None:
            continue
        name, fd, chomp, expand = spec
        body: list[str] = []
        while True:
            if i >= len(lines):
                raise ParseError(path, start, f"unterminated heredoc <<{name}")
            raw = lines[i]
            i += 1
            candidate = raw.lstrip("\t") if chomp else raw
            if candidate == name:
                break
            body.append(raw + "\n")
        found.append(Heredoc(name=name, content="".join(body), fd=fd, chomp=chomp, expand=expand, end_line=i))
    return tuple(found), i


def parse_heredoc_word(word: str) -> tuple[str, int, bool, bool] | None:
    match = _HEREDOC_WORD.match(word)
    if not match or not match.group(3):
        return None
    rest = match.group(3)
    raw_words = shell_words(rest)
    if len(raw_words) != 1:
        return None
    name = unquote(raw_words[0])
    quotes = raw_words[0].count("'") + raw_words[0].count('"')
    expand = quotes == name.count("'") + name.count('"')
    fd = int(match.group(1)) if match.group(1) else 0
    return name, fd, match.group(2) == "-", expand


def shell_words(text: str) -> list[str]:
    """Split on blanks outside quotes, keeping quotes and escapes raw."""
    words: list[str] = []
    current: list[str] = []
    in_word = False
    quote = ""
    pos = 0
    while pos < len(text):
        ch = text[pos]
        if quote:
            current.append(ch)
            if ch == "\\" and quote == '"' and pos + 1 < len(text):
                pos += 1
                current.append(text[pos])
            elif ch == quote:
                quote = ""
        elif ch in " \t\r\n":
            if in_word:
                words.append("".join(current))
                current, in_word = [], False
        else:
            in_word = True
            current.append(ch)
            if ch in "'\"":
                quote = ch
            elif ch == "\\" and pos + 1 < len(text):
                pos += 1
                current.append(text[pos])
        pos += 1
    if in_word:
        words.append("".join(current))
    return words


def unquote(word: str) -> str:
    out: list[str] = []
    quote = ""
    pos = 0
    while pos < len(word):
        ch = word[pos]
        if quote == "'":
            if ch == "'":
                quote = ""
            else:
                out.append(ch)
        elif quote == '"':
            if ch == '"':
                quote = ""
            elif ch == "\\" and pos + 1 < len(word) and word[pos + 1] in '"\\$`':
                pos += 1
                out.append(word[pos])
            else:
                out.append(ch)
        elif ch in "'\"":
            quote = ch
        elif ch == "\\" and pos + 1 < len(word):
            pos += 1
            out.append(word[pos])
        else:
            out.append(ch)
        pos += 1
    return "".join(out)


def split_command(line: str) -> tuple[str, list[str], str]:
    stripped = _strip_go(line)
    parts = _ASCII_WS.split(stripped, maxsplit=1)
    if len(parts) < 2:
        return parts[0], [], ""
    args, flags = extract_flags(parts[1])
    return parts[0], flags, _strip_go(args)


def extract_flags(line: str) -> tuple[str, list[str]]:
    """BuildKit's extractBuilderFlags: leading --flags, quotes removed."""
    words: list[str] = []
    word = ""
    in_word = in_quote = blank_ok = False
    quote = ""
    pos = 0
    n = len(line)
    while True:
        if pos >= n:
            if (in_word or in_quote) and word != "--" and (blank_ok or word):
                words.append(word)
            return "", words
        ch = line[pos]
        if not in_word and not in_quote:
            if ch in _GO_SPACE:
                pos += 1
                continue
            if ch != "-" or pos + 1 == n or line[pos + 1] != "-":
                return line[pos:], words
            in_word = True
        if in_word:
            if ch in _GO_SPACE:
                in_word = False
                if word == "--":
                    return line[pos:], words
                if blank_ok or word:
                    words.append(word)
                word, blank_ok = "", False
            elif ch in "'\"":
                quote, blank_ok, in_word, in_quote = ch, True, False, True
            elif ch == "\\":
                if pos + 1 < n:
                    pos += 1
                    word += line[pos]
            else:
                word += ch
        elif in_quote:
            if ch == quote:
                in_quote, in_word = False, True
            elif ch == "\\":
                if pos + 1 == n:
                    in_quote, in_word = False, True
                else:
                    pos += 1
                    word += line[pos]
            else:
                word += ch
        pos += 1


def _json_array(args: str) -> list[str] | None:
    text = _lstrip_go(args)
    if not text.startswith("["):
        return None
    try:
        value, _ = json.JSONDecoder(parse_constant=_reject).raw_decode(text)
    except ValueError:
        return None
    if not isinstance(value, list):
        return None
    if not all(isinstance(item, str) for item in value):
        raise ValueError("when using JSON array syntax, arrays must be comprised of strings only")
    return value


def _reject(name: str) -> None:
    raise ValueError(name)


def _exec_form(name: str, args: str, escape: str) -> tuple[str, ...] | None:
    if name in _MAYBE_JSON or name in _MAYBE_JSON_LIST:
        value = _json_array(args) if args or name in _MAYBE_JSON_LIST else None
        return None if value is None else tuple(value)
    if name == "HEALTHCHECK":
        parts = re.split(r"[\s]+", args, maxsplit=1)
        if len(parts) == 2 and parts[0]:
            value = _json_array(parts[1])
            return None if value is None else tuple(value)
        return None
    if name in _NAME_VALUE:
        _check_name_value(name, args, escape)
    return None


def _check_name_value(key: str, args: str, escape: str) -> None:
    words = parse_words(args, escape)
    if not words:
        return
    if "=" not in words[0]:
        if len(_ASCII_WS.split(args, maxsplit=1)) < 2:
            raise ValueError(f"{key} must have two arguments")
        return
    for word in words:
        if "=" not in word:
            raise ValueError(f"Syntax error - can't find = in {word!r}. Must be of the form: name=value")


def parse_words(rest: str, escape: str = "\\") -> list[str]:
    """BuildKit's parseWords: blank-separated words, quotes and escapes kept."""
    words: list[str] = []
    word: list[str] = []
    quote = ""
    in_word = False
    blank_ok = False
    pos = 0
    while pos <= len(rest):
        if pos == len(rest):
            if in_word and (blank_ok or word):
                words.append("".join(word))
            break
        ch = rest[pos]
        if not in_word:
            if ch in _GO_SPACE:
                pos += 1
                continue
            in_word = True
        if quote:
            if ch == quote:
                quote = ""
            elif ch == escape and pos + 1 < len(rest):
                word.append(ch)
                pos += 1
                ch = rest[pos]
            word.append(ch)
        elif ch in _GO_SPACE:
            if blank_ok or word:
                words.append("".join(word))
            word, blank_ok, in_word = [], False, False
        else:
            if ch in "'\"":
                quote, blank_ok = ch, True
            elif ch == escape and pos + 1 < len(rest):
                word.append(ch)
                pos += 1
                ch = rest[pos]
            word.append(ch)
        pos += 1
    return words
