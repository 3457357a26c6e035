"""What a layer scan reads of file contents for the facts: account files, the os-release
file (which distribution release the image is) and secrets."""
from __future__ import annotations

from dockharden.image.layers import Note
from dockharden.image.secret_files import KEY_HEAD_BYTES, holds_private_key, may_hold_key
from dockharden.knowledge.secrets import credential_file

ACCOUNT_FILES = frozenset({"/etc/passwd", "/etc/group"})
RELEASE_FILES = frozenset({"/etc/os-release", "/usr/lib/os-release"})  # the first is mostly a link to the second
_RELEASE_BYTES = 16 * 1024  # an os-release file is a few hundred bytes
PRIVATE_KEY = "private key"


class FactsCapture:
    """Keeps account files whole (up to a cap) and the os-release file's head, and turns
    secret-looking files into a reason."""

    def __init__(self, max_account_bytes: int) -> None:
        self._max_account_bytes = max_account_bytes

    def head_bytes(self, path: str, size: int) -> int | None:
        if path in ACCOUNT_FILES:
            return min(size, self._max_account_bytes)
        if path in RELEASE_FILES:
            return min(size, _RELEASE_BYTES)
        if credential_file(path):
            return 0
        return min(size, KEY_HEAD_BYTES) if may_hold_key(path, size) else None

    def note(self, path: str, head: bytes) -> Note | None:
        if path in ACCOUNT_FILES or path in RELEASE_FILES:
            return head
        reason = credential_file(path)
        if reason:
            return reason
        return PRIVATE_KEY if holds_private_key(head) else None
