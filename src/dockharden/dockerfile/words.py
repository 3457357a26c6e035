"""Words of an instruction's arguments: BuildKit's parseWords (quotes and escapes kept),
runs between Go's blanks, and shell unquoting.

Each fast path is a public function beside its reference implementation
(tests/dockerfile/test_fast_paths.py holds them equal; benchmarks/bench_tricks.py measures
what each saves)."""
from __future__ import annotations

import re

from dockharden.dockerfile.lines import GO_SPACE, NOT_GO_SPACE


def blank_separated(text: str) -> list[str]:
    """The runs between Go's blanks (not str.split(), which also splits at \\x1c-\\x1f)."""
    return NOT_GO_SPACE.findall(text)


def parse_words(rest: str, escape: str = "\\") -> list[str]:
    """BuildKit's parseWords: blank-separated words, quotes and escapes kept raw."""
    if escape not in rest and "'" not in rest and '"' not in rest:
        return blank_separated(rest)  # nothing to read specially; saves 2.3% of lint (benchmarks/bench_tricks.py)
    return parse_words_reference(rest, escape)


def parse_words_reference(rest: str, escape: str = "\\") -> list[str]:
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
        return word  # saves 20.4% of lint (benchmarks/bench_tricks.py)
    return unquote_reference(word)


def unquote_reference(word: str) -> str:
    return "".join(
        single or _DOUBLE_QUOTED_ESCAPE.sub(r"\1", double) or escaped or plain
        for single, double, escaped, plain in _SHELL_PIECE.findall(word)
    )
