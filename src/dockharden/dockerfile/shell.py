"""RUN scripts split into simple commands, each with the line it starts on."""
from __future__ import annotations

import re
from collections import ChainMap
from collections.abc import Callable, Iterator, Mapping
from dataclasses import field

from dockharden.core.records import record
from dockharden.dockerfile.variables import try_expand

LineOf = Callable[[int], int]  # offset in the script -> line in the Dockerfile

_OPERATOR = re.compile(
    r"(?P<redirect>\d*(?:<<<|<<-|<<|>>|<>|>&|<&|>\||&>>|&>|<|>))|(?P<separator>&&|\|\||;;|\|&|[;|&()\n])"
)
_WORD_END = frozenset(" \t\r\n;&|()<>")
_PLAIN = r"(?:[^ \t\r\n;&|()<>\\'\"$`]|\$(?![({]))"  # word characters that need no special reading
_PLAIN_RUN = re.compile(_PLAIN + "+")
# One token from where it starts: skipped text (blanks, escaped newlines, comments) has
# no group; a plain word must end right after the run, else _read_word reads it.
_TOKEN = re.compile(
    r"[ \t\r]++|\\\n|#[^\n]*+|" + _OPERATOR.pattern + r"|(?P<word>" + _PLAIN + r"++(?=[ \t\r\n;&|()<>]|\Z))"
)
_NEEDS_READER = re.compile(r"[\\'\"`]|\$[({]")
# Scripts without these characters, `$(` or `${` are words and separators only, which
# str.split and one regex can take. (One character class scans several times faster than
# a regex of alternatives, which tries each at every position.)
_NEEDS_TOKENS = re.compile(r"[\\'\"`<>#\x0b\x0c\x1c-\x1f\x80-\U0010ffff]")
_BETWEEN_SEPARATORS = re.compile(r"[^;&|()\n]+")
_BLANK_SEPARATED = re.compile(r"[^ \t\r]+")
# Tokens of a script without the characters _NEEDS_READER finds: the blanks before each,
# then a word (not a comment, not digits opening a redirection), a comment, an operator,
# or the end. The token is the named group that matched.
_SIMPLE_TOKEN = re.compile(
    r"[ \t\r]*+(?:(?P<word>(?!\d*+(?:[<>]|&>))[^ \t\r\n;&|()<>#][^ \t\r\n;&|()<>]*+)|#[^\n]*+|"
    + _OPERATOR.pattern + r"|\Z)"
)
_DOUBLE_QUOTED = re.compile(r'(?:[^"\\]|\\[\s\S]|\\\Z)*+')
_DOUBLE_QUOTED_ESCAPE = re.compile(r'\\(["\\$`\n])')
_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
_ATTACHED_VALUE = re.compile(r"^-[a-zA-Z]\d+$")  # -u1000
_WRAPPERS = frozenset({"exec", "command", "nohup", "time", "env"})
_RESERVED = frozenset({"if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "{", "}"})
_NOT_PROGRAMS = _WRAPPERS | _RESERVED


@record
class SimpleCommand:
    words: tuple[str, ...]
    line: int
    stdin_heredoc: str | None = None  # the delimiter of a heredoc fed to its stdin
    execs: bool = False  # written as `exec ...`: replaces the shell
    # Set at creation: the model asks every command for both, and rules dozens of times
    # more; computing them on first read (records.cached) cost twice as much.
    program: str = field(init=False, repr=False, compare=False)  # the base name of words[0]
    args: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Plain assignments, as a record is frozen only to mypy: object.__setattr__ cost
        # several times as much as the whole rest of this.
        words = self.words
        self.program = words[0].rsplit("/", 1)[-1] if words else ""  # type: ignore[misc]
        self.args = words[1:]  # type: ignore[misc]


def counting_lines(script: str, first_line: int) -> LineOf:
    """Lines for a script that keeps its newlines (a heredoc body)."""
    return lambda offset: first_line + script.count("\n", 0, offset)


def split_script(script: str, line_of: LineOf) -> tuple[SimpleCommand, ...]:
    """Every simple command of a shell script, without redirections, comments and keywords."""
    if _NEEDS_TOKENS.search(script) is None and not ("$" in script and ("$(" in script or "${" in script)):
        return _split_plain(script, line_of)  # saves 3.3% of lint (benchmarks/bench_tricks.py)
    commands: list[SimpleCommand] = []
    words: list[str] = []
    offsets: list[int] = []
    redirect, heredoc = "", None
    for kind, text, offset in _tokens(script):
        if kind == "word" and not redirect:
            words.append(text)
            offsets.append(offset)
        elif kind == "separator":
            _add_command(commands, words, offsets, heredoc, line_of)
            words, offsets, redirect, heredoc = [], [], "", None
        elif kind == "redirect":
            redirect = text
        else:  # the word after a redirection
            heredoc = text if redirect.lstrip("0") in ("<<", "<<-") else heredoc
            redirect = ""
    _add_command(commands, words, offsets, heredoc, line_of)
    return tuple(commands)


def _split_plain(script: str, line_of: LineOf) -> tuple[SimpleCommand, ...]:
    """split_script for ASCII words and separators only: no quoting, redirection or comment."""
    commands: list[SimpleCommand] = []
    for segment in _BETWEEN_SEPARATORS.finditer(script):
        text = segment.group()
        words = text.split()  # only " \t\r" can separate words here
        first = _program_index(words)
        if first < len(words):
            offset = segment.start() + _word_offset(text, first)
            commands.append(SimpleCommand(tuple(words[first:]), line_of(offset), None, "exec" in words[:first]))
    return tuple(commands)


def _word_offset(text: str, index: int) -> int:
    if index == 0:
        return len(text) - len(text.lstrip(" \t\r"))
    return [word.start() for word in _BLANK_SEPARATED.finditer(text)][index]


def _add_command(commands: list[SimpleCommand], words: list[str], offsets: list[int], heredoc: str | None, line_of: LineOf) -> None:
    """The command the words make, after assignments, wrappers (`exec`) and keywords."""
    first = _program_index(words)
    if first < len(words):
        execs = "exec" in words[:first]
        commands.append(SimpleCommand(tuple(words[first:]), line_of(offsets[first]), heredoc, execs))


def assigned_variables(script: str, known: Mapping[str, str | None] | None = None) -> dict[str, str | None]:
    """The variables a script sets with statements that only assign (`deps="gcc make"`,
    `export deps=gcc`; not `X=1 make`, which sets make's environment alone): the last value
    of each, None where the linter cannot know it (`$(...)`, a variable it has no value of).
    A value made of variables (`PY="${VIRTUAL_ENV}/bin/python3"`) is filled in from those the
    script assigned before and from `known` (the stage's ARG and ENV values)."""
    found: dict[str, str | None] = {}
    words: list[str] = []
    for kind, text, _ in _tokens(script):
        if kind == "word":
            words.append(text)
        elif kind == "separator":
            _assignments(words, found, known)
            words = []
    _assignments(words, found, known)
    return found


def _assignments(words: list[str], found: dict[str, str | None], known: Mapping[str, str | None] | None = None) -> None:
    first = 0
    while first < len(words) and words[first] in _RESERVED:
        first += 1
    if first < len(words) and words[first] in ("export", "readonly"):
        first += 1
    assignments = words[first:]
    if assignments and all(_ASSIGNMENT.match(w) for w in assignments):
        for word in assignments:
            name, value = word.split("=", 1)
            found[name] = value if "$" not in value and "`" not in value else _filled(value, found, known)


def _filled(value: str, found: Mapping[str, str | None], known: Mapping[str, str | None] | None) -> str | None:
    """A value made of variables, filled in (None with a command substitution or an unknown variable)."""
    if known is None or "`" in value or "$(" in value:
        return None
    return try_expand(value, ChainMap(dict(found), known))  # type: ignore[arg-type]  # only read


def _program_index(words: list[str]) -> int:
    """Where the program is: after assignments, wrappers (`exec`) and keywords."""
    first = 0
    while first < len(words) and (words[first] in _NOT_PROGRAMS or ("=" in words[first] and _ASSIGNMENT.match(words[first]))):
        first += 1
    return first


def _tokens(script: str) -> list[tuple[str, str, int]]:
    """(kind, text, offset) with kind word, separator or redirect; words lose their quotes."""
    if _NEEDS_READER.search(script) is None:  # then every token is one match of _SIMPLE_TOKEN
        return [(kind, match.group(kind), match.start(kind)) for match in _SIMPLE_TOKEN.finditer(script) if (kind := match.lastgroup)]
    return list(_read_tokens(script))


def _read_tokens(script: str) -> Iterator[tuple[str, str, int]]:
    pos, end = 0, len(script)
    while pos < end:
        match = _TOKEN.match(script, pos)
        if match is None:  # a word with quotes, escapes or $(...): read it piece by piece
            word, after = _read_word(script, pos)
            yield "word", word, pos
            pos = after
            continue
        if match.lastgroup is not None:
            yield match.lastgroup, match.group(), pos
        pos = match.end()


def _read_word(script: str, pos: int) -> tuple[str, int]:
    out: list[str] = []
    while pos < len(script) and script[pos] not in _WORD_END:
        ch = script[pos]
        if ch == "\\":
            out.append(script[pos + 1 : pos + 2].replace("\n", ""))
            pos += 2
        elif ch in "'\"":
            text, pos = _quoted(script, pos)
            out.append(text)
        elif script.startswith(("$(", "${"), pos) or ch == "`":
            end = _closing(script, pos)
            out.append(script[pos:end])
            pos = end
        else:
            run = _PLAIN_RUN.match(script, pos)
            out.append(run.group())  # type: ignore[union-attr]  # what starts no other branch starts a plain run
            pos = run.end()  # type: ignore[union-attr]
    return "".join(out), pos


def _quoted(script: str, pos: int) -> tuple[str, int]:
    """The text inside the quotes at pos, and where it ends (past the end when unterminated)."""
    if script[pos] == "'":
        end = script.find("'", pos + 1)
        end = len(script) if end < 0 else end
        return script[pos + 1 : end], end + 1
    inside = _DOUBLE_QUOTED.match(script, pos + 1)
    return _DOUBLE_QUOTED_ESCAPE.sub(_unescape, inside.group()), inside.end() + 1  # type: ignore[union-attr]  # the pattern matches the empty string


def _unescape(match: re.Match) -> str:
    return "" if match.group(1) == "\n" else match.group(1)


def _closing(script: str, pos: int) -> int:
    """The end of $(...), ${...} or `...` starting at pos (nesting counted, quotes not)."""
    if script[pos] == "`":
        end = script.find("`", pos + 1)
        return len(script) if end < 0 else end + 1
    opener, closer = script[pos + 1], ")" if script[pos + 1] == "(" else "}"
    depth, pos = 0, pos + 1
    while pos < len(script):
        depth += (script[pos] == opener) - (script[pos] == closer)
        pos += 1
        if depth == 0:
            break
    return pos


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
        elif word[:2] in takes_value and _ATTACHED_VALUE.match(word):
            options[word[:2]] = word[2:]
        elif word.startswith("-") and len(word) > 1:
            options[word] = ""
        else:
            operands.append(word)
        i += 1
    return options, operands


def pipelines(script: str, line_of: LineOf) -> tuple[tuple[SimpleCommand, ...], ...]:
    """Every pipeline of two or more commands in a script whose status can fail it: those inside
    `$(...)` and backquotes of a bare assignment too (`V=$(a | b)` has the pipeline's status),
    not those in a command's words (`chmod +x $(a | b)` has chmod's); each command without
    redirections and keywords, as split_script gives it."""
    found: list[tuple[tuple[SimpleCommand, ...], int]] = []
    _collect_pipelines(script, line_of, found)
    return tuple(pipeline for pipeline, _ in found)


def checked_pipelines(script: str, line_of: LineOf) -> tuple[tuple[tuple[SimpleCommand, ...], bool], ...]:
    """pipelines(), each with whether the script looks at its status without `set -e`: False
    when a `;` or newline ends it (or the if/for/while/{ } it ends) and another command
    follows, so that the script goes on whatever the status; or when it sits in the `$(...)`
    of an assignment so ended. Left out: those whose status `|| true` throws away, directly or
    after the subshell or compound command they end (`( a | b ) || true`, `$(a | b || true)`)."""
    found: list[tuple[tuple[SimpleCommand, ...], int]] = []
    _collect_pipelines(script, line_of, found)
    return tuple((pipeline, status == _CHECKED) for pipeline, status in found if status != _SILENCED)


def _collect_pipelines(script: str, line_of: LineOf, found: list[tuple[tuple[SimpleCommand, ...], int]]) -> None:
    piped: list[SimpleCommand] = []
    words: list[str] = []
    offsets: list[int] = []
    inner: list[tuple[tuple[SimpleCommand, ...], int]] = []  # those in the current statement's substitutions
    redirect, heredoc = "", None
    patterns = False  # between `case WORD in` or `;;` and `)`: `a|b)` is a pattern, not a pipe
    piped_last = False  # the last token was `|`
    tokens = _tokens(script)
    for index, (kind, text, offset) in enumerate(tokens):
        if kind == "word" and ("$(" in text or "`" in text) and _ASSIGNMENT.match(text) and all(_ASSIGNMENT.match(w) for w in words):
            for substitution in _substitutions(text):
                _collect_pipelines(substitution, _fixed_line(line_of, offset), inner)
        if patterns:
            patterns = not (kind == "separator" and text == ")") and not (kind == "word" and text == "esac")
            continue
        if kind == "word" and text == "in" and words[_program_index(words) :][:1] == ["case"]:
            words, offsets, patterns = [], [], True
            continue
        if kind == "separator" and text == ";;":
            patterns = True
        if kind == "word" and not redirect:
            words.append(text)
            offsets.append(offset)
        elif kind == "word":
            heredoc = text if redirect.lstrip("0") in ("<<", "<<-") else heredoc
            redirect = ""
        elif kind == "redirect":
            redirect = text
        elif text == "\n" and not words and piped and piped_last:
            continue  # a newline after `|` goes on with the pipeline
        else:
            _add_command(piped, words, offsets, heredoc, line_of)
            words, offsets, redirect, heredoc = [], [], "", None
            if text not in ("|", "|&"):
                _end_pipeline(piped, inner, _status(tokens, index), found)
                piped, inner = [], []
        piped_last = kind == "separator" and text in ("|", "|&")
    _add_command(piped, words, offsets, heredoc, line_of)
    _end_pipeline(piped, inner, _CHECKED, found)


_CLOSING = frozenset({"fi", "done", "}"})
_GOING_ON = frozenset({"then", "else", "elif", "do", "esac"})  # the statement was a condition, or unsure


_CHECKED, _DISCARDED, _SILENCED = 0, 1, 2  # what becomes of a statement's status; the worse one wins


def _status(tokens: list[tuple[str, str, int]], index: int) -> int:
    if _status_silenced(tokens, index):
        return _SILENCED  # never counts, with set -e or not
    return _DISCARDED if _status_discarded(tokens, index) else _CHECKED


def _status_discarded(tokens: list[tuple[str, str, int]], index: int) -> bool:
    """Whether the statement that the separator at `index` ends has a status nothing looks at
    (without `set -e`): the separator, or one after the compound commands it closes, is `;`,
    `&` or a newline, and a command follows (not `then` or `do`: it was a condition). Unsure
    (else, esac, a subshell) is not discarded."""
    ended = False
    for kind, text, _ in tokens[index:]:
        if kind == "separator" and text in (";", "\n", "&"):
            ended = True
        elif kind == "separator":
            return False  # && || | ) ;; (: the status is looked at, or unsure
        elif kind == "word" and text in _CLOSING:
            ended = False  # the compound's status is ours: what ends it decides
        elif kind == "word":
            return ended and text not in _GOING_ON
    return False  # the script's last status is the RUN's


def _status_silenced(tokens: list[tuple[str, str, int]], index: int) -> bool:
    """Whether the statement that the separator at `index` ends, or the subshell or compound
    command it closes, is followed by `|| true` (or `|| :`), directly or after more `&&`
    commands of its and-or list (`a | b && c || true`: a failure skips c and reaches true):
    the status is thrown away."""
    rest = [(kind, text) for kind, text, _ in tokens[index:]]
    position = 0
    while position < len(rest) and (rest[position] == ("separator", ")") or rest[position][0] == "word" and rest[position][1] in _CLOSING):
        position += 1  # the subshell or compound commands the statement closes
    while position < len(rest) and (rest[position] == ("separator", "&&") or rest[position][0] != "separator"):
        position += 1  # the rest of the and-or list, up to its first || or its end
    if rest[position : position + 1] != [("separator", "||")] or position + 1 >= len(rest):
        return False
    after = rest[position + 2 : position + 3]
    return rest[position + 1] in (("word", "true"), ("word", ":")) and after != [("separator", "|")]


def _fixed_line(line_of: LineOf, offset: int) -> LineOf:
    """Lines for a substitution's script: the line of the word that holds it."""
    return lambda _: line_of(offset)


def _end_pipeline(piped: list[SimpleCommand], inner: list[tuple[tuple[SimpleCommand, ...], int]], status: int,
                  found: list[tuple[tuple[SimpleCommand, ...], int]]) -> None:
    """Record the pipelines of a statement: its substitutions' and its own (of two commands or more)."""
    found.extend((pipeline, max(own, status)) for pipeline, own in inner)
    if len(piped) > 1:
        found.append((tuple(piped), status))


def _substitutions(word: str) -> list[str]:
    """The scripts of the `$(...)` and backquoted substitutions in a word."""
    inner, pos = [], 0
    while (pos := _next_substitution(word, pos)) >= 0:
        end = _closing(word, pos)
        inner.append(word[pos + 2 : end - 1] if word[pos] == "$" else word[pos + 1 : end - 1])
        pos = end
    return inner


def _next_substitution(word: str, pos: int) -> int:
    dollar, tick = word.find("$(", pos), word.find("`", pos)
    return min(p for p in (dollar, tick) if p >= 0) if dollar >= 0 or tick >= 0 else -1


_OPENERS = {"if": "fi", "for": "done", "select": "done", "while": "done", "until": "done", "case": "esac", "{": "}"}
_COMPOUND = "(compound)"  # a compound command or subshell, one command of the list around it


def last_and_list(script: str) -> tuple[tuple[str, ...], ...]:
    """The script's last list when it is a plain `&&` list of two pipelines or more, as the
    programs of its pipelines in order (a pipeline as its programs' base names, a sourced file
    kept as a word: `curl URL | bash && . "$D/nvm.sh" && nvm install 20` is (("curl", "bash"),
    (".", "$D/nvm.sh"), ("nvm",)); a compound command or subshell in it, `if ...; fi` or
    `( ... )`, is one command, "(compound)"); empty otherwise. Its status is the script's: a
    failure of any of its pipelines skips the rest and fails the RUN. A list that another
    command follows (after `;` or a newline), or that `||` or `&` ends, is not the last one:
    the script goes on, or looks at its status itself."""
    chain: list[tuple[str, ...]] = []
    pipeline: list[str] = []
    words: list[str] = []
    closers: list[str] = []  # what ends each compound command the reading is in
    redirect = ended = False  # ended: a `;` or newline closed the chain; it stays last if nothing follows

    def end_command() -> None:
        nonlocal words
        first = _program_index(words)
        if first < len(words):
            program = words[first].rsplit("/", 1)[-1]
            pipeline.extend([program, *words[first + 1 : first + 2]] if program in (".", "source") else [program])
        words = []

    for kind, text, _ in _tokens(script):
        if kind == "redirect":
            redirect = True
            continue
        if redirect and kind == "word":
            redirect = False
            continue
        if closers:  # inside a compound command: only its end matters
            if kind == "word" and not words and text in _OPENERS:
                closers.append(_OPENERS[text])
            elif (kind == "word" and not words or kind == "separator") and text == closers[-1]:
                closers.pop()
                if not closers:
                    pipeline.append(_COMPOUND)
                    words = []
                    continue
            elif text == "(" and kind == "separator":
                closers.append(")")
            words = [text] if kind == "word" and text not in ("then", "do", "else", "elif", "in") else []
            continue
        if kind == "word":
            if ended:
                chain, ended = [], False
            if not words and (text in _OPENERS or text == "!"):
                closers += [_OPENERS[text]] if text in _OPENERS else []
                continue
            words.append(text)
            continue
        if text == "(":
            chain, ended = (chain, False) if not ended else ([], False)
            closers.append(")")
            continue
        end_command()
        if text == "|":
            continue
        if pipeline:
            chain.append(tuple(pipeline))
            pipeline.clear()
        if text in (";", "\n"):
            ended = True
        elif text != "&&":
            chain, ended = [], False
    end_command()
    if pipeline:
        chain.append(tuple(pipeline))
    return tuple(chain) if len(chain) > 1 and not closers else ()


def unconditional_commands(script: str) -> tuple[tuple[str, ...], ...]:
    """The words of each simple command a script runs whatever the commands before it did: at
    its top level (not in an if, case, loop, brace group or subshell) and not after `||` in its
    list (`a || rm x` may not run rm; a failure in `a && rm x` fails the RUN). Separated by `;`
    or newlines, without `set -e`, each statement runs after any status of the one before."""
    found: list[tuple[str, ...]] = []
    words: list[str] = []
    open_: list[str] = []  # what closes each compound command the tokens are in
    after_or = redirected = False
    for kind, text, _ in _tokens(script):
        if kind == "redirect":
            redirected = True
        elif kind == "word" and redirected:
            redirected = False
        elif kind == "word" and not words and text in _OPENERS:
            open_.append(_OPENERS[text])
        elif kind == "word" and not words and open_ and text == open_[-1]:
            open_.pop()
        elif kind == "word" and (words or text not in _RESERVED):
            words.append(text)
        elif kind == "separator":
            if words and not open_ and not after_or:
                found.append(tuple(words))
            words = []
            after_or = text == "||" or (after_or and text in ("&&", "|", "|&"))
            if text == "(" :
                open_.append(")")
            elif text == ")" and open_ and open_[-1] == ")":
                open_.pop()
    if words and not open_ and not after_or:
        found.append(tuple(words))
    return tuple(found)
