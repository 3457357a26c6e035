"""Inline ignore pragmas: `# dockharden ignore=CODE[,CODE] -- reason` on the lines before an
instruction, `# dockharden ignore-file=CODE[,CODE] -- reason` for the whole file.

The peers' pragmas are read too, so that users keep their suppressions: hadolint's
`# hadolint ignore=DL3008,SC2086` (the next instruction), `# hadolint global ignore=...` (the
file) and `# hadolint stage ignore=...` (before a FROM: that stage), and checkov's
`# checkov:skip=CKV_DOCKER_4: reason` (the file, wherever it stands, as checkov reads it).
Their codes are the peers' rule IDs, which checks/ignores.py matches against Rule.peers.
"""
from __future__ import annotations

import re

from dockharden.core.records import frozen
from dockharden.dockerfile.syntax import Dockerfile

_PRAGMA = re.compile(r"^\s*#\s*dockharden\s+(ignore|ignore-file)\s*=\s*([A-Za-z0-9_,\- ]+?)\s*(?:--\s*(.*))?$")
_HADOLINT = re.compile(r"^\s*#\s*hadolint\s+(?:(global|stage)\s+)?ignore\s*=\s*([A-Za-z0-9, \t]+?)\s*(?:#.*)?$")
_CHECKOV = re.compile(r"^\s*#.*?(?:checkov|bridgecrew):skip=\s*([A-Za-z_\d-]+(?:,[A-Za-z_\d-]+)*)(?::\s*(.*))?")
_MARKS = ("dockharden", "hadolint", ":skip=")


@frozen
class Pragma:
    line: int
    codes: tuple[str, ...]
    reason: str
    first: int  # lines it covers, inclusive; 0 and 0 when it covers nothing
    last: int
    tool: str = "dockharden"  # or the peer whose pragma it is: hadolint, checkov


def pragmas(dockerfile: Dockerfile) -> tuple[Pragma, ...]:
    marked = [(n, text) for n, text in enumerate(dockerfile.lines, start=1) if "#" in text and any(m in text for m in _MARKS)]  # saves 3.9% of lint (benchmarks/bench_tricks.py)
    if not marked:
        return ()
    starts = sorted((i.start_line, i.end_line) for i in dockerfile.instructions)
    inside = _covered(starts)
    found = []
    for number, text in marked:
        if number not in inside:
            pragma = _pragma(dockerfile, number, text, starts)
            if pragma is not None:
                found.append(pragma)
    return tuple(found)


def _pragma(dockerfile: Dockerfile, number: int, text: str, starts) -> Pragma | None:
    whole = (1, len(dockerfile.lines))
    if match := _PRAGMA.match(text):
        scope = whole if match.group(1) == "ignore-file" else _next_instruction(dockerfile, number, starts)
        return Pragma(number, _codes(match.group(2)), (match.group(3) or "").strip(), *scope)
    if match := _HADOLINT.match(text):
        kind = match.group(1)
        scope = whole if kind == "global" else _stage_after(dockerfile, number, starts) if kind == "stage" else _next_instruction(dockerfile, number, starts)
        return Pragma(number, _codes(match.group(2)), "", *scope, tool="hadolint")
    if match := _CHECKOV.match(text):
        return Pragma(number, _codes(match.group(1)), (match.group(2) or "").strip(), *whole, tool="checkov")
    return None


def _codes(text: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in text.split(",") if c.strip())


def _covered(ranges) -> set[int]:
    return {n for start, end in ranges if end > start for n in range(start + 1, end + 1)}


def _next_instruction(dockerfile: Dockerfile, line: int, starts) -> tuple[int, int]:
    """The instruction right after the pragma's comment block; a blank line breaks the tie."""
    for start, end in starts:
        if start > line:
            between = dockerfile.lines[line : start - 1]
            return (start, end) if all(t.lstrip().startswith("#") for t in between) else (0, 0)
    return (0, 0)


def _stage_after(dockerfile: Dockerfile, line: int, starts) -> tuple[int, int]:
    """The stage whose FROM comes right after the pragma, up to the next FROM."""
    first, _ = _next_instruction(dockerfile, line, starts)
    froms = [i.start_line for i in dockerfile.instructions if i.name == "FROM"]
    if first not in froms:
        return (0, 0)
    later = [start for start in froms if start > first]
    return (first, later[0] - 1 if later else len(dockerfile.lines))
