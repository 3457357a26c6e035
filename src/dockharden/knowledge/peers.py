"""The other checkers whose rule IDs dockharden's rules name (Rule.peers), told apart by ID."""
from __future__ import annotations

import re

# In the order docs/rules/PEERS.md lists them.
PEER_TOOLS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("hadolint", re.compile(r"DL\d{4}")),
    ("trivy", re.compile(r"DS-\d{4}")),
    ("checkov", re.compile(r"CKV2?_DOCKER_\d+")),  # CKV2_: its graph checks (RunApkAllowUntrusted)
    ("BuildKit", re.compile(r"[A-Z][A-Za-z]*[a-z][A-Za-z]*")),  # build check names: UndefinedVar
    ("dockle", re.compile(r"(?:CIS|DKL)-(?:DI|LI)-\d{4}")),
)
# ShellCheck's codes: hadolint runs ShellCheck, and its pragmas name them (`ignore=SC2086`).
SHELLCHECK_CODE = re.compile(r"SC\d{4}")


def peer_tool(peer_id: str) -> str:
    """The checker a peer rule ID belongs to."""
    for tool, pattern in PEER_TOOLS:
        if pattern.fullmatch(peer_id):
            return tool
    raise ValueError(f"{peer_id!r} is no rule ID of hadolint, trivy, checkov, BuildKit or dockle")
