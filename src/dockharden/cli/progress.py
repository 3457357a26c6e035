"""Progress on stderr while verify or report works: one message per step of the work.

On a terminal, a Rich status line with the seconds spent on the current step; elsewhere
(CI logs), one plain line per step, so a long wait is never silent; or nothing.
"""
from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterator

LIVE, LINES, OFF = "live", "lines", "off"


def progress_mode(quiet: bool = False) -> str:
    if quiet:
        return OFF
    return LIVE if sys.stderr.isatty() else LINES


@contextlib.contextmanager
def progress_display(mode: str, prefix: str) -> Iterator[Callable[[str], None]]:
    if mode == LINES:
        yield lambda message: print(f"{prefix}: {message}", file=sys.stderr, flush=True)
    elif mode == LIVE:
        with _live() as show:
            yield show
    else:
        yield lambda message: None


@contextlib.contextmanager
def _live() -> Iterator[Callable[[str], None]]:
    from rich.console import Console

    current = _Current()
    with Console(stderr=True).status(current) as status:
        def show(message: str) -> None:
            current.message, current.since = message, time.monotonic()
            status.update(current)

        yield show


class _Current:
    """The message being shown and the seconds since; Rich renders it again at each refresh."""

    def __init__(self) -> None:
        self.message, self.since = "starting", time.monotonic()

    def __rich__(self):
        from rich.text import Text

        seconds = f"{time.monotonic() - self.since:.0f} s"
        return Text(f"{seconds:>5}  {self.message}", no_wrap=True, overflow="ellipsis")  # one line, time first
