"""Reading the build history: where the base image ends.

An image does not record its base. The heuristic: the base ends at the last step that
closes an image — a CMD or ENTRYPOINT (base images end with one), a `docker import`, or
an `ADD file:... in /` of a root filesystem — ignoring the trailing run of config-only
steps (the image's own CMD, USER, HEALTHCHECK...). Layers made up to that step are base
layers; an image without such a step (FROM scratch) has none.
"""
from __future__ import annotations

import re

from dockharden.image.parts import HistoryEntry

_CLOSES_IMAGE = re.compile(r"(^|#\(nop\)\s*)(CMD|ENTRYPOINT)\b")
_ROOTFS_ADD = re.compile(r"(^|#\(nop\)\s*)ADD file:\S+ in /\s*$")


def base_layer_count(history: tuple[HistoryEntry, ...]) -> int:
    trailing = len(history)
    while trailing and history[trailing - 1].empty_layer:
        trailing -= 1
    ends = [i for i, entry in enumerate(history[:trailing]) if _closes_image(entry)]
    if not ends:
        return 0
    return sum(1 for entry in history[: ends[-1] + 1] if entry.layer is not None)


def _closes_image(entry: HistoryEntry) -> bool:
    created_by = entry.created_by.strip()
    if entry.comment.startswith("Imported from"):
        return True
    return bool(_CLOSES_IMAGE.search(created_by) or _ROOTFS_ADD.search(created_by))
