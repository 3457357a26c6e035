"""Image files that may hold a private key, read by their first bytes (credential files by
name are knowledge.secrets.credential_file).

Only small files outside the system's package trees are opened for the content check,
so a scan reads a few KiB from a few files instead of the whole image.
"""
from __future__ import annotations

import re

KEY_HEAD_BYTES = 8 * 1024
_KEY_FILE_MIN, _KEY_FILE_MAX = 64, 64 * 1024
_PRIVATE_KEY = re.compile(rb"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----")

_SYSTEM_TREES = ("/usr/bin/", "/usr/sbin/", "/usr/lib", "/usr/share/", "/usr/include/", "/usr/libexec/",
                 "/lib", "/bin/", "/sbin/", "/var/lib/", "/var/cache/", "/var/log/", "/proc/", "/sys/",
                 "/dev/", "/boot/", "/etc/ssl/certs/")
_PACKAGE_TREES = ("/site-packages/", "/dist-packages/", "/node_modules/", "/__pycache__/", "/.git/")
_CODE_SUFFIXES = (".py", ".pyc", ".pyi", ".so", ".mo", ".js", ".css", ".html", ".svg", ".png", ".jpg",
                  ".gif", ".ico", ".h", ".c", ".md", ".rst", ".gz", ".zip", ".whl")


def may_hold_key(path: str, size: int) -> bool:
    """Worth reading the first bytes of, to look for a private key."""
    if not _KEY_FILE_MIN <= size <= _KEY_FILE_MAX or path.startswith(_SYSTEM_TREES):
        return False
    return not path.endswith(_CODE_SUFFIXES) and not any(tree in path for tree in _PACKAGE_TREES)


def holds_private_key(head: bytes) -> bool:
    return _PRIVATE_KEY.search(head) is not None
