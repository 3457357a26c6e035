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
