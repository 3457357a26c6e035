"""How image rules name the history step that made a layer."""
from __future__ import annotations

from typing import TYPE_CHECKING

from dockharden.knowledge.history import step_text

if TYPE_CHECKING:
    from dockharden.image import ImageFacts


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
