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

    Memory stays bounded because only headers, JSON documents and a few small files are
    held; these caps bound each of those, and decompression (bombs cost time, not memory).
    """

    max_json_bytes: int = 16 * MIB  # one manifest, index or config document
    max_metadata_bytes: int = 64 * MIB  # all JSON kept while streaming
    max_header_bytes: int = 1 * MIB  # one pax or GNU long-name header
    max_layer_bytes: int = 64 * GIB  # one layer, decompressed
    max_total_bytes: int = 256 * GIB  # all compressed layers, decompressed
    max_inflate_ratio: int = 250  # decompressed / compressed bytes of a layer ...
    inflate_ratio_floor: int = 256 * MIB  # ... once it has inflated past this
    max_members: int = 2_000_000  # paths in all layers (about 350 bytes each in memory)
    max_path_chars: int = 256 * MIB  # characters of those paths
    max_layers: int = 1_000
    max_archive_members: int = 100_000  # members of the outer archive (manifests, blobs)
    max_captured_bytes: int = 1 * MIB  # of /etc/passwd and /etc/group
    symlink_hops: int = 40  # as Linux's MAXSYMLINKS
