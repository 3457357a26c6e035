"""An instruction line split as BuildKit's splitCommand and extractBuilderFlags do: the
keyword, its --flags (walked as bytes, quirks included) and the rest.

Each fast path is a public function beside its reference implementation
(tests/dockerfile/test_fast_paths.py holds them equal; benchmarks/bench_tricks.py measures
what each saves)."""
from __future__ import annotations

import re

from dockharden.dockerfile.lines import ASCII_WS, GO_SPACE, GO_SPACE_BYTES, encode

# Blanks, then a flag without quotes or backslashes, or the end of the flags.
_BLANKS_THEN_FLAG = re.compile(r"[\t\n\v\f\r ]*+(?:(--[^\t\n\v\f\r '\"\\]*+)(?=[\t\n\v\f\r ]|\Z)|(?!--))")


def split_command(line: str) -> tuple[str, list[str], str]:
    """BuildKit's splitCommand: keyword, --flags, and the rest."""
    parts = ASCII_WS.split(line.strip(GO_SPACE), maxsplit=1)
    if len(parts) < 2:
        return parts[0], [], ""
    args, flags = extract_flags(parts[1])
    return parts[0], flags, args.strip(GO_SPACE)


def extract_flags(line: str) -> tuple[str, list[str]]:
    """BuildKit's extractBuilderFlags, which walks bytes: quotes go, escapes apply.

    Each byte of a flag becomes one character (Go's string(rune(b))), so
    non-ASCII flag values come out as BuildKit sees them, mis-decoded."""
    plain = plain_flags(line) if line.isascii() else None  # saves 2.7% of lint (benchmarks/bench_tricks.py)
    return plain if plain is not None else extract_flags_reference(line)


def plain_flags(line: str) -> tuple[str, list[str]] | None:
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


def extract_flags_reference(line: str) -> tuple[str, list[str]]:
    """extract_flags byte by byte, as BuildKit walks the line."""
    data = encode(line)
    flags: list[str] = []
    pos = 0
    while True:
        while pos < len(data) and data[pos] in GO_SPACE_BYTES:
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
        if not quote and byte in GO_SPACE_BYTES:
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
