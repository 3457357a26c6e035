"""What a layer scan reads of file contents for the facts: account files and secrets."""
from __future__ import annotations

from dockharden.image.layers import Note
from dockharden.image.secret_files import KEY_HEAD_BYTES, holds_private_key, may_hold_key
from dockharden.knowledge.secrets import credential_file

ACCOUNT_FILES = frozenset({"/etc/passwd", "/etc/group"})
PRIVATE_KEY = "private key"


class FactsCapture:
    """Keeps account files whole (up to a cap) and turns secret-looking files into a reason."""

    def __init__(self, max_account_bytes: int) -> None:
        self._max_account_bytes = max_account_bytes

    def head_bytes(self, path: str, size: int) -> int | None:
        if path in ACCOUNT_FILES:
            return min(size, self._max_account_bytes)
        if credential_file(path):
            return 0
        return min(size, KEY_HEAD_BYTES) if may_hold_key(path, size) else None

    def note(self, path: str, head: bytes) -> Note | None:
        if path in ACCOUNT_FILES:
            return head
        reason = credential_file(path)
        if reason:
            return reason
        return PRIVATE_KEY if holds_private_key(head) else None
