"""Variable expansion as BuildKit does it for FROM, ENV, ARG, USER, COPY and friends.

BuildKit grows `ARG A1=${A0}${A0}` without bound (40 such lines make terabytes); here an
expanded value is capped at MAX_VALUE_CHARS, all expansions of one model at
MAX_TOTAL_CHARS (see `expansion_budget`), and nesting at MAX_DEPTH: past a cap,
ExpansionTooLarge, which the model turns into a one-line error for its line.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

MAX_VALUE_CHARS = 1024 * 1024
MAX_TOTAL_CHARS = 16 * 1024 * 1024
MAX_DEPTH = 64

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_BRACED = re.compile(r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-+?])(?P<word>.*))?", re.DOTALL)


# Build arguments BuildKit defines without an ARG: the platforms, and the proxy variables.
PREDEFINED_ARGS = frozenset(
    "TARGETPLATFORM TARGETOS TARGETARCH TARGETVARIANT BUILDPLATFORM BUILDOS BUILDARCH BUILDVARIANT TARGETSTAGE "
    "BUILDKIT_SYNTAX BUILDKIT_INLINE_CACHE BUILDKIT_SBOM_SCAN_CONTEXT BUILDKIT_SBOM_SCAN_STAGE SOURCE_DATE_EPOCH "
    "HTTP_PROXY HTTPS_PROXY FTP_PROXY NO_PROXY ALL_PROXY http_proxy https_proxy ftp_proxy no_proxy all_proxy".split()
)


class Unresolved(Exception):
    """A variable without a value that the caller needs resolved."""


class ExpansionTooLarge(Exception):
    """An expansion past a cap (an expansion bomb, or nesting too deep)."""


_budget: ContextVar[list[int] | None] = ContextVar("expansion_budget", default=None)


@contextmanager
def expansion_budget(chars: int = MAX_TOTAL_CHARS) -> Iterator[None]:
    """Within it, all expansions together may produce at most `chars` characters."""
    token = _budget.set([chars])
    try:
        yield
    finally:
        _budget.reset(token)


def _charge(chars: int) -> None:
    left = _budget.get()
    if left is not None:
        left[0] -= chars
        if left[0] < 0:
            raise ExpansionTooLarge(f"variable expansions make more than {MAX_TOTAL_CHARS // (1024 * 1024)} MiB of text "
                                    "in all (an expansion bomb?)")


def expand(text: str, env: Mapping[str, str | None], strict: bool = False, keep_unknown: bool = False) -> str:
    """Expand $VAR, ${VAR}, ${VAR:-x}, ${VAR-x}, ${VAR:+x}, ${VAR+x}; the word x may hold
    references itself (${A:-${B}}).

    With strict, a variable that has no value raises Unresolved instead of
    becoming the empty string, so callers can tell "unknown" from "empty".
    With keep_unknown, such a variable stays as written: the base image may define it.
    """
    if "$" not in text:
        return text
    return _expand(text, env, strict, keep_unknown, 0)


def _expand(text: str, env: Mapping[str, str | None], strict: bool, keep_unknown: bool, depth: int) -> str:
    if depth > MAX_DEPTH:
        raise ExpansionTooLarge(f"variable references nested more than {MAX_DEPTH} deep")
    out: list[str] = []
    pos = size = 0
    while (start := text.find("$", pos)) >= 0:
        out.append(text[pos:start])
        reference, pos = _reference(text, start)
        value = _value(reference, env, strict, keep_unknown, depth) if reference else None
        out.append(text[start:pos] if value is None else value)
        size += len(out[-1]) + len(out[-2])
        if size > MAX_VALUE_CHARS:
            name = reference.group("name") if reference and reference.groupdict() else text[start + 1:pos]
            raise ExpansionTooLarge(f"the value passes {MAX_VALUE_CHARS // (1024 * 1024)} MiB at ${{{name[:40]}}} "
                                    "(an expansion bomb?)")
    out.append(text[pos:])
    result = "".join(out)
    _charge(len(result))
    return result


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


def _value(reference: re.Match[str], env, strict: bool, keep_unknown: bool, depth: int) -> str | None:
    """The reference's value; None to keep it as written."""
    groups = reference.groupdict()
    name, op = groups.get("name") or reference.group(0), groups.get("op")
    value = env.get(name)
    if value is None and op is None and keep_unknown:
        return None
    word = groups.get("word") or ""
    if "$" in word:
        word = _expand(word, env, strict, keep_unknown, depth + 1)
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


def plain_references(text: str) -> set[str]:
    """$NAME and ${NAME} outside single quotes and not escaped; `${NAME:-x}` and the other
    forms with an operator say the writer expects NAME unset, so they are left out."""
    found: set[str] = set()
    pos, quoted = 0, False
    while pos < len(text):
        char = text[pos]
        if char == "\\":
            pos += 2
            continue
        if char == "'":
            quoted = not quoted
        elif char == "$" and not quoted:
            name, pos = _name_at(text, pos + 1)
            if name:
                found.add(name)
            continue
        pos += 1
    return found


def _name_at(text: str, pos: int) -> tuple[str, int]:
    """The name of a plain reference starting at pos (after `$`), or '' for one with an
    operator or no name; and where scanning goes on."""
    braced = text.startswith("{", pos)
    start = pos + braced
    end = start
    while end < len(text) and (text[end].isalnum() or text[end] == "_"):
        end += 1
    name = text[start:end] if end > start and not text[start].isdigit() else ""
    if braced and not text.startswith("}", end):  # ${NAME:-x}, ${NAME#x}...: an operator, skipped whole
        close = _closing_brace(text, start)
        return "", len(text) if close < 0 else close + 1
    return name, end + braced
