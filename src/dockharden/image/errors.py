"""The one error an image reader raises, and the limits that keep reading bounded."""
from __future__ import annotations

from dataclasses import dataclass

KIB = 1024
MIB = 1024 * KIB
GIB = 1024 * MIB


class ImageError(Exception):
    """An image we cannot read; `str()` is one line naming the image (file or reference)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path = str(path)
        self.message = " ".join(str(message).split())

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class Limits:
    """Caps on what a (possibly hostile) image may make us read or hold.

    Decompression caps stop bombs; JSON and header caps bound memory; the member cap
    bounds the merged file tree (about 350 bytes per path).
    """

    max_json_bytes: int = 16 * MIB
    max_metadata_bytes: int = 64 * MIB
    max_header_bytes: int = 1 * MIB
    max_layer_bytes: int = 64 * GIB
    max_total_bytes: int = 256 * GIB
    max_inflate_ratio: int = 250
    inflate_ratio_floor: int = 256 * MIB
    max_members: int = 2_000_000
    max_path_chars: int = 256 * MIB
    max_layers: int = 1_000
    max_archive_members: int = 100_000
    max_captured_bytes: int = 1 * MIB
    symlink_hops: int = 40
