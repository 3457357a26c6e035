"""Variable expansion as BuildKit does it for FROM, ENV, ARG, USER, COPY and friends."""
from __future__ import annotations

import re
from collections.abc import Mapping

_VAR = re.compile(
    r"\$(?:\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-+?])(?P<word>[^}]*))?\}|(?P<plain>[A-Za-z_][A-Za-z0-9_]*))"
)


class Unresolved(Exception):
    """A variable without a value that the caller needs resolved."""


def expand(text: str, env: Mapping[str, str | None], strict: bool = False, keep_unknown: bool = False) -> str:
    """Expand $VAR, ${VAR}, ${VAR:-x}, ${VAR-x}, ${VAR:+x}, ${VAR+x}.

    With strict, a variable that has no value raises Unresolved instead of
    becoming the empty string, so callers can tell "unknown" from "empty".
    With keep_unknown, such a variable stays as written: the base image may define it.
    """

    def replace(match: re.Match[str]) -> str:
        name = match.group("braced") or match.group("plain")
        op, word = match.group("op"), match.group("word") or ""
        value = env.get(name)
        if value is None and op is None and keep_unknown:
            return match.group(0)
        return _apply(name, value, op, expand(word, env, strict, keep_unknown), strict)

    return _VAR.sub(replace, text)


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
