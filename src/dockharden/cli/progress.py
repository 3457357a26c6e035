"""Progress on stderr while verify waits: a Rich status line, only on a terminal."""
from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def progress_display(enabled: bool) -> Iterator[Callable[[str], None]]:
    if not enabled:
        yield lambda message: None
        return
    from rich.console import Console
    from rich.markup import escape

    console = Console(stderr=True)
    with console.status("verifying") as status:
        yield lambda message: status.update(escape(message))


MARKS = {"pass": ("✓", "green"), "warn": ("!", "yellow"), "fail": ("✗", "bold red"), "not_checked": ("-", "dim")}


def step_lines(result) -> list[str]:
    """One rich-markup line per step: mark, number, name and detail."""
    from rich.markup import escape

    lines = []
    for step in result.steps:
        mark, style = MARKS[step.verdict.value]
        lines.append(f"[{style}]{mark}[/] {step.number} {step.name}: {escape(step.detail)}")
    return lines


def show_steps(result) -> None:
    """The steps on stderr, after the status line is gone (terminal only)."""
    from rich.console import Console

    console = Console(stderr=True, highlight=False)
    for line in step_lines(result):
        console.print(line)
