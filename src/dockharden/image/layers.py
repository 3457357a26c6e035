"""One layer tar read as a list of entries, without extracting anything.

Paths become absolute and normalised inside the image (`./etc/` -> `/etc`); a member
that climbs out of the root with `..` is hostile and refused. Whiteouts become
WHITEOUT (delete a path) and OPAQUE (empty a directory) entries. Symlink targets are
kept as written: they are resolved later, inside the virtual tree only.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple, Protocol

from dockharden.image.errors import Limits
from dockharden.image.byte_sources import Source
from dockharden.image.tarheaders import FILE, HARDLINK, Fail, TarMember, TarReader

WHITEOUT, OPAQUE = "whiteout", "opaque"
_WH = ".wh."
_OPAQUE_MARK = ".wh..wh..opq"
_PATH_MAX = 4096
_SHARED_INTS = 4096

Note = str | bytes


class CapturePolicy(Protocol):
    """Decides which files' first bytes a scan reads, and what it keeps of them."""

    def head_bytes(self, path: str, size: int) -> int | None: ...

    def note(self, path: str, head: bytes) -> Note | None: ...


class Entry(NamedTuple):
    path: str
    kind: str
    mode: int
    uid: int
    gid: int
    size: int
    mtime: int
    linkname: str


@dataclass(frozen=True)
class LayerScan:
    entries: tuple[Entry, ...]
    notes: tuple[tuple[str, int, Note], ...]  # (path, file size, what the policy kept)
    size: int  # bytes of regular files


class MemberBudget:
    """Members and path characters left for a whole image: bounds memory on hostile input."""

    def __init__(self, limits: Limits) -> None:
        self.members = limits.max_members
        self.path_chars = limits.max_path_chars
        self._limits = limits

    def charge(self, path: str, fail: Fail) -> None:
        self.members -= 1
        self.path_chars -= len(path)
        if self.members < 0 or self.path_chars < 0:
            raise fail(f"more than {self._limits.max_members} files or {self._limits.max_path_chars} path characters")


def scan_layer(src: Source, fail: Fail, policy: CapturePolicy, limits: Limits, budget: MemberBudget) -> LayerScan:
    """Read every header of the layer tar in `src`; capture only what `policy` asks for."""
    reader = TarReader(src, fail, limits.max_header_bytes)
    entries: list[Entry] = []
    notes: list[tuple[str, int, Note]] = []
    size = 0
    shared: dict[int, int] = {}  # one int object per distinct mode, owner and mtime: a member costs less memory
    for member in reader:
        entry = layer_entry(member, fail, shared)
        if len(shared) > _SHARED_INTS:  # a hostile layer of distinct values: sharing no longer pays
            shared.clear()
        if entry is None:
            continue
        budget.charge(entry.path, fail)
        entries.append(entry)
        if entry.kind == FILE:
            size += entry.size
            _capture(reader, entry, policy, notes)
    return LayerScan(tuple(entries), tuple(notes), size)


def _capture(reader: TarReader, entry: Entry, policy: CapturePolicy, notes: list[tuple[str, int, Note]]) -> None:
    wanted = policy.head_bytes(entry.path, entry.size)
    if wanted is not None:
        note = policy.note(entry.path, reader.data(wanted) if wanted else b"")
        if note is not None:
            notes.append((entry.path, entry.size, note))


def layer_entry(member: TarMember, fail: Fail, shared: dict[int, int]) -> Entry | None:
    """The member as an image path; None for overlay bookkeeping we do not model. Its mode,
    owner and mtime are the int objects `shared` already holds for those values."""
    path = normalise(member.name, fail)
    linkname = normalise(member.linkname, fail) if member.kind == HARDLINK else member.linkname
    if _WH in path and path.rpartition("/")[2].startswith(_WH):
        return _whiteout(path, fail)
    # Go's tar writer keeps the file-type bits in mode; `kind` carries the type.
    mode = member.mode & 0o7777
    return Entry(path, member.kind, shared.setdefault(mode, mode), shared.setdefault(member.uid, member.uid),
                 shared.setdefault(member.gid, member.gid), member.size, shared.setdefault(member.mtime, member.mtime),
                 linkname)


def _whiteout(path: str, fail: Fail) -> Entry | None:
    parent, _, name = path.rpartition("/")
    if name == _OPAQUE_MARK:
        return Entry(parent or "/", OPAQUE, 0, 0, 0, 0, 0, "")
    if name.startswith(_WH + _WH):
        return None
    target = name[len(_WH) :]
    if target in ("", ".", ".."):
        raise fail(f"bad whiteout {path!r}")
    return Entry(f"{parent}/{target}", WHITEOUT, 0, 0, 0, 0, 0, "")


def normalise(name: str, fail: Fail) -> str:
    """`./usr/bin/` -> `/usr/bin`; a leading `/` is neutralised, escaping `..` refused."""
    if len(name) > _PATH_MAX:
        raise fail(f"member path longer than {_PATH_MAX} characters")
    path = name[2:] if name.startswith("./") else name
    path = path.strip("/")
    if "//" in path or "." in path and ("/." in path or path.startswith(".")):
        return _normalise_slow(name, path, fail)
    return "/" + path


def _normalise_slow(name: str, path: str, fail: Fail) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if not parts:
                raise fail(f"path traversal in member {name!r}")
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/" + "/".join(parts)
