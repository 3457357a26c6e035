"""Text from files and images made safe to print and to encode.

Paths and names read from an image or a Dockerfile may hold bytes that are not UTF-8
(decoded with surrogateescape, they are lone surrogates that no encoder accepts) and
control characters that drive a terminal. `encodable` shows the first as `\\xNN`;
`printable` also shows control characters as escapes, for text read by people.
"""
from __future__ import annotations

import re

_UNDECODED = re.compile("[\udc80-\udcff]")
_LONE_SURROGATES = re.compile("[\ud800-\udfff]")
# C0 controls but tab, DEL, C1 controls (U+009B is a CSI on some terminals), line and
# paragraph separators, bidirectional overrides (which reorder what a reader sees), and
# lone surrogates.
_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def encodable(text: str) -> str:
    """`text` with undecodable bytes (and any other lone surrogate) as visible escapes."""
    if text.isascii():
        return text
    return _LONE_SURROGATES.sub(_escape, text)


def printable(text: str) -> str:
    """`text` with control characters and undecodable bytes as visible escapes, on one line."""
    if text.isprintable():
        return text
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if _UNDECODED.fullmatch(char):
        return f"\\x{ord(char) - 0xDC00:02x}"  # the byte surrogateescape stood for
    return repr(char)[1:-1]
