"""Wording every subject uses alike: counts, sizes, durations, clipped text."""
from __future__ import annotations


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def size(count: int) -> str:
    """Decimal units, as `docker images` and `docker history` show them: 14.2 MB."""
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if count >= factor:
            return f"{count / factor:.1f} {unit}"
    return f"{count} B"


def seconds(nanoseconds: int) -> str:
    return f"{nanoseconds / 1e9:g}s"


def clip(text: str, limit: int = 60) -> str:
    """At most `limit` characters, an ellipsis standing for the rest."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
