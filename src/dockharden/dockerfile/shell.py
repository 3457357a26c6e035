"""RUN scripts split into simple commands, and what those commands do."""
from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

_SEPARATORS = frozenset({"&&", "||", ";", "|", "&", ";;", "(", ")", "{", "}", "!"})
_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
_WRAPPERS = frozenset({"exec", "command", "nohup", "time", "env"})


@dataclass(frozen=True)
class SimpleCommand:
    words: tuple[str, ...]
    line: int

    @property
    def program(self) -> str:
        return self.words[0].rsplit("/", 1)[-1] if self.words else ""

    @property
    def args(self) -> tuple[str, ...]:
        return self.words[1:]


def split_script(script: str, line: int) -> tuple[SimpleCommand, ...]:
    """Every simple command of a shell script, with the line it starts on."""
    commands: list[SimpleCommand] = []
    for offset, logical in _logical_lines(script):
        for words in _split_line(logical):
            words = _strip_prefixes(words)
            if words:
                commands.append(SimpleCommand(tuple(words), line + offset))
    return tuple(commands)


def _logical_lines(script: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    pending: list[str] = []
    start = 0
    for offset, raw in enumerate(script.split("\n")):
        if not pending:
            start = offset
        if raw.rstrip().endswith("\\"):
            pending.append(raw.rstrip()[:-1])
            continue
        pending.append(raw)
        out.append((start, " ".join(pending)))
        pending = []
    if pending:
        out.append((start, " ".join(pending)))
    return out


def _split_line(text: str) -> list[list[str]]:
    lexer = shlex.shlex(text, posix=True, punctuation_chars=";&|()")
    lexer.whitespace_split = True
    lexer.commenters = "#"
    try:
        tokens = list(lexer)
    except ValueError:
        tokens = text.split()
    groups: list[list[str]] = [[]]
    for token in tokens:
        if token in _SEPARATORS or set(token) <= set(";&|()"):
            groups.append([])
        else:
            groups[-1].append(token)
    return [g for g in groups if g]


def _strip_prefixes(words: list[str]) -> list[str]:
    while words and (_ASSIGNMENT.match(words[0]) or words[0] in _WRAPPERS):
        words = words[1:]
    return words


def options_and_operands(args: tuple[str, ...], takes_value: frozenset[str]) -> tuple[dict[str, str], list[str]]:
    """Split argv into {option: value} and operands; knows which options take a value."""
    options: dict[str, str] = {}
    operands: list[str] = []
    i = 0
    while i < len(args):
        word = args[i]
        if word.startswith("--") and "=" in word:
            key, _, value = word.partition("=")
            options[key] = value
        elif word in takes_value and i + 1 < len(args):
            options[word] = args[i + 1]
            i += 1
        elif re.match(r"^-[a-zA-Z]\d+$", word) and word[:2] in takes_value:
            options[word[:2]] = word[2:]
        elif word.startswith("-") and len(word) > 1:
            options[word] = ""
        else:
            operands.append(word)
        i += 1
    return options, operands
