"""An instruction's argument forms as BuildKit reads them: the JSON array of exec form
(Go's decoder: numbers as float64, depth 10,000, lone surrogates), HEALTHCHECK's type word,
and the name=value checks of ENV and LABEL."""
from __future__ import annotations

import json
import math
import re

from dockharden.dockerfile.lines import ASCII_WS, GO_SPACE, GO_SPACE_BYTES, encode
from dockharden.dockerfile.words import parse_words

_MAYBE_JSON = frozenset({"cmd", "entrypoint", "run", "shell"})
_JSON_OR_LIST = frozenset({"add", "copy", "volume"})
_NOT_STRINGS = "when using JSON array syntax, arrays must be comprised of strings only"
_GO_JSON_MAX_DEPTH = 10_000
_LONE_SURROGATE = re.compile("[" + chr(0xD800) + "-" + chr(0xDFFF) + "]")  # Go's JSON decoder makes them U+FFFD (chr: mypyc refuses surrogate literals)


def exec_form_of(key: str, args: str, escape: str) -> tuple[str, ...] | None:
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
    data = encode(args)
    sep = next((i for i, byte in enumerate(data) if byte in GO_SPACE_BYTES), len(data))
    if sep == 0:
        return None
    rest = data[sep:].lstrip(GO_SPACE_BYTES).decode("utf-8", "replace")
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
        if len(ASCII_WS.split(args, maxsplit=1)) < 2:
            raise ValueError(f"{key} must have two arguments")
        return
    for word in words:
        if "=" not in word:
            raise ValueError(f"Syntax error - can't find = in {json.dumps(word, ensure_ascii=False)}. Must be of the form: name=value")
