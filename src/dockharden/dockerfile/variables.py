"""Variable expansion as BuildKit does it for FROM, ENV, ARG, USER, COPY and friends."""
from __future__ import annotations

import re
from collections.abc import Mapping

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_BRACED = re.compile(r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-+?])(?P<word>.*))?", re.DOTALL)


class Unresolved(Exception):
    """A variable without a value that the caller needs resolved."""


def expand(text: str, env: Mapping[str, str | None], strict: bool = False, keep_unknown: bool = False) -> str:
    """Expand $VAR, ${VAR}, ${VAR:-x}, ${VAR-x}, ${VAR:+x}, ${VAR+x}; the word x may hold
    references itself (${A:-${B}}).

    With strict, a variable that has no value raises Unresolved instead of
    becoming the empty string, so callers can tell "unknown" from "empty".
    With keep_unknown, such a variable stays as written: the base image may define it.
    """
    if "$" not in text:
        return text
    out: list[str] = []
    pos = 0
    while (start := text.find("$", pos)) >= 0:
        out.append(text[pos:start])
        reference, pos = _reference(text, start)
        value = _value(reference, env, strict, keep_unknown) if reference else None
        out.append(text[start:pos] if value is None else value)
    out.append(text[pos:])
    return "".join(out)


def _reference(text: str, start: int) -> tuple[re.Match[str] | None, int]:
    """The reference starting at text[start] == '$' and where it ends; None if it is not one."""
    if not text.startswith("${", start):
        plain = _NAME.match(text, start + 1)
        return (plain, plain.end()) if plain else (None, start + 1)
    end = _closing_brace(text, start + 2)
    if end < 0:
        return None, start + 1
    return _BRACED.fullmatch(text, start + 2, end), end + 1


def _closing_brace(text: str, pos: int) -> int:
    depth = 1
    while pos < len(text):
        if text.startswith("${", pos):
            depth, pos = depth + 1, pos + 2
            continue
        depth -= text[pos] == "}"
        if depth == 0:
            return pos
        pos += 1
    return -1


def _value(reference: re.Match[str], env, strict: bool, keep_unknown: bool) -> str | None:
    """The reference's value; None to keep it as written."""
    groups = reference.groupdict()
    name, op = groups.get("name") or reference.group(0), groups.get("op")
    value = env.get(name)
    if value is None and op is None and keep_unknown:
        return None
    word = expand(groups.get("word") or "", env, strict, keep_unknown)
    return _apply(name, value, op, word, strict)


def _apply(name: str, value: str | None, op: str | None, word: str, strict: bool) -> str:
    if op in (":-", "-"):
        unset = value is None or (op == ":-" and value == "")
        return word if unset else value  # type: ignore[return-value]
    if op in (":+", "+"):
        set_ = value is not None and (op == "+" or value != "")
        return word if set_ else ""
    if value is None:
        if strict:
            raise Unresolved(name)
        return ""
    return value


def try_expand(text: str, env: Mapping[str, str | None]) -> str | None:
    """The expanded text, or None when it depends on a variable with no value."""
    try:
        return expand(text, env, strict=True)
    except Unresolved:
        return None
