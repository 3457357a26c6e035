"""RUN scripts that do their work only when a build argument says so."""
from __future__ import annotations

import re
from collections.abc import Mapping

_TEST = r'\[\s+(?:"?\$\{?(?P<name>\w+)\}?"?\s*(?P<op>==?|!=)\s*"?(?P<value>[^"\s\]]*)"?|(?:-n\s+)?"?\$\{?(?P<set>\w+)\}?"?)\s+\]'
_IF = re.compile(r"\s*if\s+" + _TEST + r"\s*;?\s*then\b(?P<body>.*)\bfi\s*;?\s*", re.DOTALL)
_AND = re.compile(r"\s*" + _TEST + r"\s*&&(?P<body>.*)", re.DOTALL)


def opt_in_switch(script: str, variables: Mapping[str, str | None]) -> str | None:
    """The setting a RUN's whole script waits for, when this build leaves it off:
    `if [ "$DEBUG" = "1" ]; then ...; fi` (or `[ -n "$DEBUG" ] && ...`, `[ "$DEBUG" ]`) with ARG DEBUG=0 or no
    value gives "DEBUG=1". None when the script runs unconditionally, has an else branch,
    or the condition holds."""
    match = _IF.fullmatch(script) or _AND.fullmatch(script)
    if match is None or re.search(r"\b(else|elif)\b", match.group("body")):
        return None
    name = match.group("name") or match.group("set")
    value = variables.get(name) or ""
    if match.group("set"):
        return None if value else f"{name} is set"
    wanted, op = match.group("value"), match.group("op")
    holds = (value == wanted) if op in ("=", "==") else (value != wanted)
    return None if holds else (f"{name}={wanted}" if op != "!=" else f"{name} is not {wanted}")
