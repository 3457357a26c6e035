"""Inline ignore pragmas: `# dockharden ignore=CODE[,CODE] -- reason` on the lines before an
instruction, `# dockharden ignore-file=CODE[,CODE] -- reason` for the whole file."""
from __future__ import annotations

import re

from dockharden.core.records import frozen
from dockharden.dockerfile.syntax import Dockerfile

_PRAGMA = re.compile(r"^\s*#\s*dockharden\s+(ignore|ignore-file)\s*=\s*([A-Za-z0-9_,\- ]+?)\s*(?:--\s*(.*))?$")


@frozen
class Pragma:
    line: int
    codes: tuple[str, ...]
    reason: str
    first: int  # lines it covers, inclusive; 0 and 0 when it covers nothing
    last: int


def pragmas(dockerfile: Dockerfile) -> tuple[Pragma, ...]:
    matches = [(n, m) for n, text in enumerate(dockerfile.lines, start=1) if "dockharden" in text and (m := _PRAGMA.match(text))]
    if not matches:
        return ()
    starts = sorted((i.start_line, i.end_line) for i in dockerfile.instructions)
    inside = _covered(starts)
    found = []
    for number, match in matches:
        if number in inside:
            continue
        codes = tuple(c.strip() for c in match.group(2).split(",") if c.strip())
        file_wide = match.group(1) == "ignore-file"
        scope = (1, len(dockerfile.lines)) if file_wide else _next_instruction(dockerfile, number, starts)
        found.append(Pragma(number, codes, (match.group(3) or "").strip(), *scope))
    return tuple(found)


def _covered(ranges) -> set[int]:
    return {n for start, end in ranges if end > start for n in range(start + 1, end + 1)}


def _next_instruction(dockerfile: Dockerfile, line: int, starts) -> tuple[int, int]:
    """The instruction right after the pragma's comment block; a blank line breaks the tie."""
    for start, end in starts:
        if start > line:
            between = dockerfile.lines[line : start - 1]
            return (start, end) if all(t.lstrip().startswith("#") for t in between) else (0, 0)
    return (0, 0)
