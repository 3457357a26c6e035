"""Evidence shown whole: a Dockerfile's lines with their numbers, a command with every line it printed."""
from __future__ import annotations

from dockharden.output.formats.common import plural

# Command output longer than this is folded into <details> (every line stays in the document).
FOLD_OUTPUT_LINES = 12


def numbered_excerpt(lines: tuple[str, ...], spans: list[tuple[int, int]]) -> str:
    """Each line of each instruction with its number, as the parser delimited it (continuations, heredocs)."""
    shown = [n for start, end in spans for n in range(start, end + 1) if 1 <= n <= len(lines)]
    width = len(str(max(shown))) if shown else 0
    return "\n".join(f"{n:>{width}} | {lines[n - 1]}".rstrip() for n in shown).replace("```", "'''")


def command_output(command: str, output: str) -> list[str]:
    """The command and every line it printed; long output folded into <details> (GitHub and the page open it)."""
    lines = [line.replace("```", "'''") for line in output.rstrip("\n").splitlines()]
    fence = ["```console", f"$ {command}", *lines, "```", ""]
    if len(lines) <= FOLD_OUTPUT_LINES:
        return fence
    return [f"<details><summary>Output: {plural(len(lines), 'line')}</summary>", "", *fence, "</details>", ""]
