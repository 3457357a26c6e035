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
    """Caps on what a (possibly hostile) image may make us read, hold or spend.

    Memory stays bounded because only headers, JSON documents and a few small files are
    held; these caps bound each of those. Bytes and time are capped in absolute terms, not
    by a compression ratio: a layer of zeros is legitimate, 300 GiB of them is not.
    docs/SECURITY.md lists every cap and what happens when it is reached.
    """

    max_json_bytes: int = 16 * MIB  # one manifest, index or config document
    max_metadata_bytes: int = 64 * MIB  # all JSON kept while streaming
    max_header_bytes: int = 1 * MIB  # all pax and GNU long-name headers before one member
    max_layer_bytes: int = 64 * GIB  # one layer, decompressed
    max_total_bytes: int = 256 * GIB  # all layers, decompressed
    max_input_bytes: int = 256 * GIB  # the archive as read (a file, a pipe or the engine's stream)
    max_seconds: float = 1800.0  # reading one image, whatever it holds
    max_members: int = 1_000_000  # paths in all layers (about 300-500 bytes each in memory)
    max_path_chars: int = 128 * MIB  # characters of those paths
    max_layers: int = 1_000
    max_archive_members: int = 100_000  # members of the outer archive (manifests, blobs)
    max_captured_bytes: int = 1 * MIB  # of /etc/passwd and /etc/group
    symlink_hops: int = 40  # as Linux's MAXSYMLINKS
