"""Reading `docker history` rows: RUN steps and their text without secrets (secrets: history_text)."""
from __future__ import annotations

import re

from dockharden.secrets import secret_in_value
from dockharden.verification.parsing import redact_assignments

_NOP = "#(nop)"
_BUILD_ARGS = re.compile(r"^(RUN\s+)?\|\d+\s+(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*")
_SHELL = re.compile(r"^(RUN\s+)?/bin/sh -c\s+")
_SHOWN_CHARS = 60


def is_run_step(created_by: str) -> bool:
    """RUN as BuildKit records it (`RUN ...`) or the classic builder (`/bin/sh -c ...`, `|1 A=b /bin/sh -c`)."""
    text = created_by.strip()
    return text.startswith("RUN ") or (_NOP not in text and text.startswith(("/bin/sh -c", "|")))


def describe_step(number: int, created_by: str) -> str:
    """`history step 3 (RUN chown -R 1000:1000 /app)`; build-argument values never shown."""
    text = _BUILD_ARGS.sub("", created_by.strip())
    text = " ".join(_SHELL.sub("RUN ", text).removesuffix("# buildkit").split())
    if secret_in_value(text):
        return f"history step {number}"
    shown = text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"
    return f"history step {number} ({shown})"


def shown_step(created_by: str) -> str:
    """The step's text for a report: secret values replaced, a credential-shaped text hidden."""
    text = redact_assignments(created_by)
    kind = secret_in_value(text)
    return f"[step text hidden: it holds a {kind}]" if kind else text


def size_text(count: int) -> str:
    """Decimal units, as `docker history` shows them."""
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if count >= factor:
            return f"{count / factor:.1f} {unit}"
    return f"{count} B"
