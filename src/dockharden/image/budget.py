"""What reading one image may spend: bytes of input and seconds, in absolute terms."""
from __future__ import annotations

import time
from collections.abc import Callable

from dockharden.image.errors import GIB, MIB, Limits
from dockharden.image.tarheaders import Fail


def cap_text(n: int) -> str:
    return f"{n / GIB:g} GiB" if n >= GIB else f"{n / MIB:g} MiB"


class ReadBudget:
    """Bytes taken from the input (a file, a pipe, the engine's stream) and a deadline."""

    def __init__(self, limits: Limits, fail: Fail) -> None:
        self._limits = limits
        self._fail = fail
        self._deadline = time.monotonic() + limits.max_seconds
        self.input_bytes = 0

    def metered(self, pull: Callable[[], bytes]) -> Callable[[], bytes]:
        """`pull` (chunks of the input), charging each chunk."""
        def metered_pull() -> bytes:
            chunk = pull()
            self.charge_input(len(chunk))
            return chunk

        return metered_pull

    def charge_input(self, count: int) -> None:
        self.input_bytes += count
        if self.input_bytes > self._limits.max_input_bytes:
            raise self._fail(f"the input is larger than {cap_text(self._limits.max_input_bytes)}")
        self.check_time()

    def check_time(self) -> None:
        if time.monotonic() > self._deadline:
            raise self._fail(f"reading the image took more than {self._limits.max_seconds:g} s")
