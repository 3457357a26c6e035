"""Where each line of an edited text was in the text before the edits."""
from __future__ import annotations

import difflib


def earlier_lines(before: str, after: str) -> tuple[int, ...]:
    """For each line of `after` (index 0 is line 1), the 1-based line of `before` it stands
    for: an unchanged line its own, a rewritten line the one it replaced (the last of them
    when the rewrite is longer), an added line the line it follows (1 at the top)."""
    old, new = before.splitlines(), after.splitlines()
    mapped: list[int] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new).get_opcodes():
        if tag == "equal":
            mapped += range(i1 + 1, i2 + 1)
        elif tag == "replace":
            mapped += (min(i1 + k, i2 - 1) + 1 for k in range(j2 - j1))
        elif tag == "insert":
            mapped += [max(i1, 1)] * (j2 - j1)
    return tuple(mapped)


def mapped_line(lines: tuple[int, ...], line: int) -> int:
    """`line` of the edited text as a line of the text before; 0 (the whole file) stays 0."""
    return lines[line - 1] if 0 < line <= len(lines) else line
