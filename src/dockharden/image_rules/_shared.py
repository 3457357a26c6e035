"""What several image rules show the same way: a history step, a size, a duration."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dockharden.secrets import secret_in_value

if TYPE_CHECKING:
    from dockharden.image import ImageFacts

_BUILD_ARGS = re.compile(r"^(RUN\s+)?\|\d+\s+(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*")
_NOP = re.compile(r"^/bin/sh -c #\(nop\)\s*")
_SHELL = re.compile(r"^(RUN\s+)?/bin/sh -c\s+")
_STEP_CHARS = 60


def step_line(facts: ImageFacts, layer: int) -> int:
    """The 1-based history step (oldest first) that made `layer`; 0 when the history does not say."""
    return next((i + 1 for i, entry in enumerate(facts.history) if entry.layer == layer), 0)


def describe_step(facts: ImageFacts, layer: int) -> str:
    """`step 3 (RUN chown -R 1000:1000 /app)`; the text is left out when it may hold a secret."""
    line = step_line(facts, layer)
    if not line:
        return f"layer {layer + 1}"
    text = step_text(facts.history[line - 1].created_by)
    return f"step {line} ({text})" if text else f"step {line}"


def step_text(created_by: str) -> str:
    """A history step as its instruction, without build-argument values; "" if it looks secret."""
    text = _BUILD_ARGS.sub("", created_by.strip())
    text = _NOP.sub("", text) if _NOP.match(text) else _SHELL.sub("RUN ", text)
    text = " ".join(text.removesuffix("# buildkit").split())
    if secret_in_value(text):
        return ""
    return clip(text)


def clip(text: str, limit: int = _STEP_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def size(count: int) -> str:
    """Decimal units, as `docker images` shows them: 14.2 MB."""
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if count >= factor:
            return f"{count / factor:.1f} {unit}"
    return f"{count} B"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def seconds(nanoseconds: int) -> str:
    return f"{nanoseconds / 1e9:g}s"
