"""Reading the captured outputs of `id`, `env` and `ls -la`; pure functions."""
from __future__ import annotations

import re
from dataclasses import dataclass

from dockharden.knowledge.secrets import REDACTED, secret_variable

_ID = re.compile(r"uid=(\d+)(?:\(([^)]*)\))?\s+gid=(\d+)(?:\(([^)]*)\))?")
_ENV_LINE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$")


@dataclass(frozen=True)
class Identity:
    """What `id` printed: `uid=1000(app) gid=1000(app) ...`; names are None when unknown."""

    uid: int
    user: str | None
    gid: int
    group: str | None

    @property
    def label(self) -> str:
        return f"{self.uid} ({self.user})" if self.user else str(self.uid)


@dataclass(frozen=True)
class ListingEntry:
    """One line of `ls -la`: mode string, owner and group as ls shows them, and the name."""

    mode: str
    owner: str
    group: str
    name: str


def parse_id(output: str) -> Identity | None:
    match = _ID.search(output)
    if match is None:
        return None
    uid, user, gid, group = match.groups()
    return Identity(int(uid), user or None, int(gid), group or None)


def parse_env(output: str) -> dict[str, str]:
    matches = (_ENV_LINE.match(line) for line in output.splitlines())
    return {match.group(1): match.group(2) for match in matches if match}


def parse_listing(output: str) -> tuple[ListingEntry, ...]:
    """Entries of `ls -la` (GNU or busybox), without `..`; `.` is the directory itself."""
    entries = []
    for line in output.splitlines():
        fields = line.split(None, 8)
        if len(fields) < 9 or not re.match(r"[-dlcbps][-rwxsStT]{9}", fields[0]):
            continue
        name = fields[8].split(" -> ", 1)[0] if fields[0].startswith("l") else fields[8]
        if name != "..":
            entries.append(ListingEntry(fields[0], fields[2], fields[3], name))
    return tuple(entries)


def redact_env(output: str) -> str:
    """`env` output with the values of secret variables replaced, so reports do not leak them."""
    lines = []
    for line in output.splitlines():
        match = _ENV_LINE.match(line)
        if match and secret_variable(match.group(1), match.group(2)):
            line = f"{match.group(1)}={REDACTED}"
        lines.append(line)
    return "\n".join(lines) + ("\n" if output.endswith("\n") else "")
