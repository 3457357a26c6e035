"""Write a file all at once: a temporary file beside it, then a rename."""
from __future__ import annotations

import itertools
import os
import stat
import tempfile
from pathlib import Path


def write_atomic(path: Path, text: str, mode: int | None = None) -> None:
    """Write text to path; the file gets `mode`, else the old file's mode, else 0666 less the umask,
    and an existing file's owner and group (as far as this process may set them).

    A path that exists and is not a regular file (/dev/null, a FIFO) is written in place:
    renaming over it would replace the device with a file. The old file is looked at once
    (`fix` rewrites thousands of files a run).
    """
    try:
        old: os.stat_result | None = os.stat(path)
    except OSError:
        old = None
    if old is not None and not stat.S_ISREG(old.st_mode):
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        return
    if old is None:
        path.parent.mkdir(parents=True, exist_ok=True)
    final_mode = mode if mode is not None else (old.st_mode & 0o7777 if old is not None else _umask_mode())
    fd, temporary = _temporary(path)
    try:
        data = text.encode("utf-8")
        written = 0
        while written < len(data):
            written += os.write(fd, data[written:])
        made = os.fstat(fd)
        os.close(fd)
        fd = -1
        if old is not None and (made.st_uid, made.st_gid) != (old.st_uid, old.st_gid):
            _keep_owner(old, temporary)
        os.chmod(temporary, final_mode)
        os.replace(temporary, path)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        Path(temporary).unlink(missing_ok=True)
        raise


_serial = itertools.count()


def _temporary(path: Path) -> tuple[int, str]:
    """A new file beside `path`, open for writing: named by process and serial number (what
    mkstemp's random names cost showed when `fix` rewrote thousands of files), or by mkstemp
    when that name is taken."""
    name = os.path.join(os.path.dirname(path) or ".", f".{path.name}.{os.getpid()}.{next(_serial)}.tmp")
    try:
        return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600), name
    except FileExistsError:
        return tempfile.mkstemp(prefix=f".{path.name}.", dir=os.path.dirname(path) or ".")


def _umask_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _keep_owner(old: os.stat_result, temporary: str) -> None:
    """Give the new file the old one's owner and group; a process that may not (not root, not
    a member of the group) keeps its own, as any editor would."""
    for uid, gid in ((old.st_uid, old.st_gid), (-1, old.st_gid)):
        try:
            os.chown(temporary, uid, gid)
            return
        except OSError:
            continue
