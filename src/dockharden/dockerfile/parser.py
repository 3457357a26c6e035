"""A Dockerfile parser faithful to BuildKit's frontend/dockerfile/parser.

It reproduces BuildKit's line handling (directives, escape character,
continuations that skip comment and blank lines, heredocs) and its per-instruction
argument forms (exec versus shell), and keeps each instruction's exact line range
and source text, which BuildKit's own AST does not. The parts live beside it: lines
(`lines.py`), flags (`flags.py`), words (`words.py`), argument forms (`forms.py`) and
heredoc words (`heredocs.py`).
"""
from __future__ import annotations

from typing import NamedTuple

from dockharden.dockerfile.flags import split_command
from dockharden.dockerfile.forms import exec_form_of
from dockharden.dockerfile.heredocs import heredoc_specs
from dockharden.dockerfile.lines import GO_SPACE, MAX_BYTES, Directives, Lines, check_line_lengths, encode
from dockharden.dockerfile.syntax import Dockerfile, Heredoc, Instruction, ParseError

_KNOWN_COMMANDS = frozenset(
    "add arg cmd copy entrypoint env expose from healthcheck label maintainer onbuild run shell "
    "stopsignal user volume workdir".split()
)
_NAMES = {key: key.upper() for key in _KNOWN_COMMANDS}
_HEREDOC_COMMANDS = frozenset({"ADD", "COPY", "RUN"})


def parse(text: str, path: str = "Dockerfile", previous: Dockerfile | None = None) -> Dockerfile:
    """The parsed text. `previous`, a parse of an earlier version of the text (fix's passes),
    lends the instructions whose lines are unchanged and at the same place: each is what
    parsing its lines again would give (Reuse states why)."""
    if len(text) > MAX_BYTES or (len(text) * 4 > MAX_BYTES and len(encode(text)) > MAX_BYTES):
        raise ParseError(path, 0, f"file is larger than {MAX_BYTES // (1024 * 1024)} MiB")
    text = text.removeprefix("\ufeff")
    lines = Lines(path, text)
    check_line_lengths(lines)
    directives = Directives(path)
    reuse = None if previous is None else Reuse(previous, lines)
    instructions = []
    while lines.pos < lines.count:
        instruction = reuse.take(lines, directives) if reuse is not None else None
        if instruction is None:
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


class Reuse:
    """The instructions of an earlier parse that a new one can take as they are.

    An instruction is read from its own lines alone (its continuation and heredoc lines end
    at its last line), with the escape character the directives set: so once the directives
    are read, an earlier instruction that starts on the same line, over the same bytes, is
    the instruction parsing them again gives. Its last line must not be the file's last in
    either text (whether that line ends in a newline is part of a heredoc body)."""

    def __init__(self, previous: Dockerfile, lines: Lines) -> None:
        old = previous.text.split("\n")
        self._last = min(len(old) - (old[-1] == ""), lines.count)  # the last line in either text is never lent
        self._pieces = old
        self._escape = previous.escape
        self._by_start = {i.start_line: i for i in previous.instructions}

    def take(self, lines: Lines, directives: Directives) -> Instruction | None:
        """The earlier instruction starting on the next line, consumed; None to parse it."""
        old = self._by_start.get(lines.pos + 1)
        if old is None or not directives.done or directives.escape != self._escape or old.end_line >= self._last:
            return None
        start, end = old.start_line - 1, old.end_line
        if lines.pieces[start:end] != self._pieces[start:end]:
            return None
        lines.pos = end
        return old


def _next_instruction(lines: Lines, directives: Directives) -> Instruction | None:
    start = lines.pos + 1
    lines.pos = start  # the first line of an instruction: no length limit to check yet
    first = lines.trimmed[start - 1].lstrip(GO_SPACE)
    if not directives.done:
        directives.observe(first, start)
    if not first or first[0] == "#":
        return None  # a blank or comment line
    if first[-1] in (" ", "\t", directives.escape):  # maybe a continuation
        text, ends = directives.trim_continuation(first)
        if not ends:
            pieces = _join_continuation([(start, text)], lines, start, directives)
            return _build_instruction("".join([piece for _, piece in pieces]), lines, start, directives.escape, pieces)
    return _build_instruction(first, lines, start, directives.escape)


def _join_continuation(parts: list[tuple[int, str]], lines: Lines, start: int, directives: Directives) -> tuple[tuple[int, str], ...]:
    """Append continuation lines, each with its number; comment and blank lines inside are dropped."""
    ends = False
    while not ends and lines.pos < lines.count:
        index = lines.take(start)
        raw = lines.trimmed[index]
        stripped = raw.lstrip(GO_SPACE)
        if not stripped or stripped.startswith("#"):
            continue
        piece, ends = directives.trim_continuation(raw)
        parts.append((index + 1, piece))
    return tuple(parts)


def _build_instruction(joined: str, lines: Lines, start: int, escape: str, pieces: tuple[tuple[int, str], ...] = ()) -> Instruction:
    try:
        keyword, flags, args = split_command(joined)
        key = command_key(keyword)
        if key == "onbuild":
            return _build_onbuild(joined, lines, start, escape).replace(pieces=pieces)
        name = _instruction_name(key, keyword)
        exec_form = exec_form_of(key, args, escape)
        opens_heredocs = "<<" in joined and name in _HEREDOC_COMMANDS and exec_form is None  # "<<" first: saves 5.8% of lint (benchmarks/bench_tricks.py)
        specs = heredoc_specs(joined) if opens_heredocs else None
    except ValueError as exc:
        raise ParseError(lines.path, start, str(exc)) from None
    return Instruction(keyword, name, tuple(flags), args, exec_form, *_read_rest(specs, lines, start), None, pieces)


def _build_onbuild(joined: str, lines: Lines, start: int, escape: str) -> Instruction:
    """_build_instruction for ONBUILD, through a _Node that keeps the wrapped instruction."""
    try:
        node = _node(joined, escape)
        specs = heredoc_specs(joined) if "<<" in joined and _takes_heredocs(node) else []
    except ValueError as exc:
        raise ParseError(lines.path, start, str(exc)) from None
    return _instruction(node, *_read_rest(specs, lines, start))


def _read_rest(specs: list[Heredoc] | None, lines: Lines, start: int) -> tuple[tuple[Heredoc, ...], int, int, str]:
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
    node = _Node(keyword, name, tuple(flags), args, exec_form_of(key, args, escape), None)
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
        exec_form_of(key, args, escape)


def command_key(keyword: str) -> str:
    """The instruction name as BuildKit dispatches on it (Go's strings.ToLower)."""
    return keyword.replace("\u0130", "i").lower()


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


def _read_heredoc(spec: Heredoc, lines: Lines, start: int) -> Heredoc:
    body: list[str] = []
    while lines.pos < lines.count:
        index = lines.take(start)
        raw, candidate = lines.raw(index), lines.trimmed[index]
        if (candidate.lstrip("\t") if spec.chomp else candidate) == spec.name:
            return Heredoc(spec.name, "".join(body), spec.fd, spec.chomp, spec.expand, lines.pos)
        body.append(raw)
    raise ParseError(lines.path, start, f"unterminated heredoc <<{spec.name}")
