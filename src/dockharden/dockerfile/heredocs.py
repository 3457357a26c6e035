"""Heredoc words as BuildKit finds them: its shell lexer run over the instruction line
with an empty environment, unset variables kept."""
from __future__ import annotations

import json
import re

from dockharden.dockerfile.lines import GO_SPACE
from dockharden.dockerfile.syntax import Heredoc
from dockharden.dockerfile.words import blank_separated

_HEREDOC_WORD = re.compile(r"([0-9]*)<<(-?)([^<]*)")
_GO_MAX_UINT = 2**64 - 1


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
        return blank_separated(text)  # the lexer would only split it at blanks; saves 2.9% of lint (benchmarks/bench_tricks.py)
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
