"""Today's date, the one clock the checks read (end-of-life dates are compared with it).
`DOCKHARDEN_TODAY=YYYY-MM-DD` in the environment pins it, for reproducible reports; a value
that is no date is ignored."""
from __future__ import annotations

import os
from datetime import date


def today(pinned: str = "") -> date:
    """`pinned` (ISO) when given, else DOCKHARDEN_TODAY, else the system's date."""
    for text in (pinned, os.environ.get("DOCKHARDEN_TODAY", "")):
        try:
            return date.fromisoformat(text)
        except ValueError:
            continue
    return date.today()
