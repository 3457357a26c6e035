"""Reading `docker history` rows: RUN steps, their text without secrets, secrets in them."""
from __future__ import annotations

import re
import shlex

from dockharden.secrets import secret_in_value, secret_variable
from dockharden.verification.parsing import redact_assignments

_NOP = "#(nop)"
_ASSIGNMENT_STEP = re.compile(r"^(?:/bin/sh -c #\(nop\)\s*)?(ENV|ARG)\s+(.*)$", re.DOTALL)
_BUILD_ARGS = re.compile(r"^(RUN\s+)?\|\d+\s+(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*")
_SHELL = re.compile(r"^(RUN\s+)?/bin/sh -c\s+")
_SHOWN_CHARS = 60
# `|2 A=1 B=2 /bin/sh -c ...`: build arguments the classic builder and BuildKit record in RUN steps.
_ARGS_PREFIX = re.compile(r"^(?:RUN\s+)?\|(\d+)\s+")
_ARG = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)=(\S*)\s*")


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


def secret_reasons(created_by: str) -> list[tuple[str, str, str]]:
    """(kind, variable, why) for each secret a step holds; kind is build-arg, ENV, ARG or text."""
    found = [("build-arg", name, f"build argument {name}: {why}")
             for name, value in build_args(created_by) if (why := secret_variable(name, value))]
    step = _ASSIGNMENT_STEP.match(created_by.strip())
    if step:
        found += [(step.group(1), name, f"{step.group(1)} {name}: {why}")
                  for name, value in _assignments(step.group(2)) if (why := secret_variable(name, value))]
    elif not found and (kind := secret_in_value(created_by)):
        found.append(("text", "", f"the step's text holds a {kind}"))
    return found


def build_args(created_by: str) -> list[tuple[str, str]]:
    """The recorded build arguments of a RUN step (same reading as dockharden.image.history)."""
    match = _ARGS_PREFIX.match(created_by.strip())
    if not match:
        return []
    args, rest = [], created_by.strip()[match.end():]
    for _ in range(int(match.group(1))):
        arg = _ARG.match(rest)
        if not arg:
            break
        args.append((arg.group(1), arg.group(2)))
        rest = rest[arg.end():]
    return args


def _assignments(text: str) -> list[tuple[str, str]]:
    try:
        words = shlex.split(text)
    except ValueError:
        words = text.split()
    return [tuple(word.split("=", 1)) for word in words if "=" in word]


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
