"""The merged virtual filesystem of an image: layers applied in order, never on disk.

Applying a layer also tallies what it hides of the layers below: files it overwrites
or deletes (their bytes stay in the image: reclaimable, one per hidden copy) and
metadata-only copies (same size and mtime, new owner or mode: a `chown`/`chmod` layer).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from dockharden.image.layers import OPAQUE, WHITEOUT, Entry, LayerScan
from dockharden.image.tarheaders import DIR, FILE, HARDLINK, SYMLINK, Fail

_SAMPLES = 5


class Node(NamedTuple):
    kind: str
    mode: int
    uid: int
    gid: int
    size: int
    mtime: int
    linkname: str
    layer: int


_IMPLICIT_DIR = (DIR, 0o755, 0, 0, 0, 0, "")


@dataclass(frozen=True)
class Shadowing:
    """What one layer hid of the layers below it."""

    layer: int
    overwritten_files: int = 0
    overwritten_bytes: int = 0
    deleted_files: int = 0
    deleted_bytes: int = 0
    metadata_files: int = 0
    metadata_bytes: int = 0
    metadata_samples: tuple[str, ...] = ()

    @property
    def reclaimable_bytes(self) -> int:
        return self.overwritten_bytes + self.deleted_bytes


class _Tally:
    def __init__(self, layer: int) -> None:
        self.layer = layer
        self.counts = [0] * 6
        self.samples: list[str] = []

    def overwritten(self, path: str, old: Node, new: Entry) -> None:
        self.counts[0] += 1
        self.counts[1] += old.size
        if _metadata_only(old, new):
            self.counts[4] += 1
            self.counts[5] += old.size
            if len(self.samples) < _SAMPLES:
                self.samples.append(path)

    def deleted(self, node: Node) -> None:
        if node.kind == FILE:
            self.counts[2] += 1
            self.counts[3] += node.size

    def freeze(self) -> Shadowing:
        return Shadowing(self.layer, *self.counts, tuple(self.samples))  # type: ignore[arg-type,call-arg]  # six counts in field order


def _metadata_only(old: Node, new: Entry) -> bool:
    same_bytes = new.kind == FILE and new.size == old.size and new.mtime == old.mtime
    return same_bytes and (new.uid, new.gid, new.mode) != (old.uid, old.gid, old.mode)


class FileTree:
    """path -> Node after the layers applied so far; symlinks resolve inside the tree."""

    def __init__(self, max_nodes: int = 2_000_000, symlink_hops: int = 40) -> None:
        self.nodes: dict[str, Node] = {"/": Node(*_IMPLICIT_DIR, -1)}
        self._children: dict[str, set[str]] = {}
        self._max_nodes = max_nodes
        self._hops = symlink_hops

    def apply(self, layer: int, scan: LayerScan, fail: Fail) -> Shadowing:
        """Apply one layer above the ones applied so far: whiteouts first, then its entries."""
        tally = _Tally(layer)
        for entry in scan.entries:
            if entry.kind == WHITEOUT:
                self._remove(entry.path, tally)
            elif entry.kind == OPAQUE:
                self._remove_children(entry.path, tally)
        for entry in scan.entries:
            if entry.kind != WHITEOUT and entry.kind != OPAQUE:
                self._put(entry, layer, tally, fail)
        if len(self.nodes) > self._max_nodes:
            raise fail(f"more than {self._max_nodes} paths in the image")
        return tally.freeze()

    def _put(self, entry: Entry, layer: int, tally: _Tally, fail: Fail) -> None:
        old = self.nodes.get(entry.path)
        if old is None:
            self._link(entry.path, layer, fail)
        elif old.kind == FILE:
            tally.overwritten(entry.path, old, entry)
        elif old.kind == DIR and entry.kind != DIR:
            self._remove_children(entry.path, tally)
        self.nodes[entry.path] = Node(*entry[1:], layer)

    def _link(self, path: str, layer: int, fail: Fail) -> None:
        while path != "/":
            parent = path[: path.rfind("/")] or "/"
            siblings = self._children.get(parent)
            if siblings is not None:
                siblings.add(path)
                return
            node = self.nodes.get(parent)
            if node is not None and node.kind != DIR:
                # Written through a symlink (`x -> /etc`, then `x/passwd`), the member would land
                # elsewhere than its path says: the engine refuses or redirects it; we refuse.
                raise fail(f"member {path!r} lies below {parent!r}, which is a {node.kind}, not a directory")
            self._children[parent] = {path}
            if node is not None:
                return
            self.nodes[parent] = Node(*_IMPLICIT_DIR, layer)
            path = parent

    def _remove(self, path: str, tally: _Tally) -> None:
        node = self.nodes.pop(path, None) if path != "/" else None
        if node is None:
            return
        self._children.get(path[: path.rfind("/")] or "/", set()).discard(path)
        tally.deleted(node)
        self._remove_children(path, tally)

    def _remove_children(self, path: str, tally: _Tally) -> None:
        stack = [path]
        while stack:
            for child in self._children.pop(stack.pop(), ()):
                tally.deleted(self.nodes.pop(child))
                stack.append(child)

    def walk(self, path: str) -> Iterator[tuple[str, Node]]:
        """Every path below `path` (not following symlinks), in sorted depth-first order."""
        stack = sorted(self._children.get(path, ()), reverse=True)
        while stack:
            child = stack.pop()
            yield child, self.nodes[child]
            stack.extend(sorted(self._children.get(child, ()), reverse=True))

    def children(self, path: str) -> list[str]:
        return sorted(self._children.get(path, ()))

    def resolve(self, path: str) -> str | None:
        """The real path of `path` after following symlinks inside the tree, or None."""
        pending = _parts_reversed(path)
        resolved, hops = "/", self._hops
        while pending:
            part = pending.pop()
            if part == "..":
                resolved = resolved[: resolved.rfind("/")] or "/"
                continue
            candidate = f"{resolved.rstrip('/')}/{part}"
            node = self.nodes.get(candidate)
            if node is None:
                return None
            if node.kind != SYMLINK:
                resolved = candidate
                continue
            hops -= 1
            if hops < 0:
                return None
            pending.extend(_parts_reversed(node.linkname))
            if node.linkname.startswith("/"):
                resolved = "/"
        return resolved

    def lookup(self, path: str) -> Node | None:
        """The node `path` leads to, following symlinks (and a hardlink to its target's mode)."""
        real = self.resolve(path)
        node = self.nodes.get(real) if real else None
        if node is not None and node.kind == HARDLINK:
            return self.nodes.get(node.linkname, node)
        return node

    def which(self, program: str, search_path: str) -> str | None:
        """Where `program` is found along `search_path` (PATH syntax), as the PATH entry names it."""
        if "/" in program:
            return program if _executable(self.lookup(program)) else None
        for directory in search_path.split(":"):
            candidate = f"{directory.rstrip('/') or ''}/{program}" if directory else None
            if candidate and candidate.startswith("/") and _executable(self.lookup(candidate)):
                return candidate
        return None


def _parts_reversed(path: str) -> list[str]:
    # `..` at the root stays at the root, as in a container.
    return [part for part in reversed(path.split("/")) if part and part != "."]


def _executable(node: Node | None) -> bool:
    return node is not None and node.kind in (FILE, HARDLINK) and bool(node.mode & 0o111)
