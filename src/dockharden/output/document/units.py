"""Numbers as a reader takes them: sizes in words and units, line spans as ranges."""
from __future__ import annotations

_UNITS = ((1e9, "GB"), (1e6, "MB"), (1e3, "kB"))


def size_in_words(size: int) -> str:
    """`284.5 MB (284,510,372 bytes)`, in decimal units as `docker image ls` shows them."""
    for factor, unit in _UNITS:
        if size >= factor:
            return f"{size / factor:.1f} {unit} ({size:,} bytes)"
    return "1 byte" if size == 1 else f"{size:,} bytes"


def spans_of(numbers: tuple[int, ...], spans: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """The whole instruction around each line number (a continuation line belongs to its instruction), in order."""
    found = {next(((start, end) for start, end in spans if start <= n <= end), (n, n)) for n in numbers}
    return sorted(found)


def ranges(spans: list[tuple[int, int]]) -> str:
    """`line 7`, `lines 22, 29-30, 39`: like lint's `path:93-94`."""
    shown = [str(start) if start == end else f"{start}-{end}" for start, end in spans]
    single = len(spans) == 1 and spans[0][0] == spans[0][1]
    return ("line " if single else "lines ") + ", ".join(shown) if shown else ""
