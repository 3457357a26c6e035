"""Write a file all at once: a temporary file beside it, then a rename."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, text: str, mode: int | None = None) -> None:
    """Write text to path; the file gets `mode`, else the old file's mode, else 0666 less the umask,
    and an existing file's owner and group (as far as this process may set them).

    A path that exists and is not a regular file (/dev/null, a FIFO) is written in place:
    renaming over it would replace the device with a file.
    """
    if path.exists() and not path.is_file():
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    final_mode = mode if mode is not None else _default_mode(path)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        _keep_owner(path, temporary)
        os.chmod(temporary, final_mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _default_mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _keep_owner(path: Path, temporary: str) -> None:
    """Give the new file the old one's owner and group; a process that may not (not root, not
    a member of the group) keeps its own, as any editor would."""
    try:
        old = path.stat()
    except OSError:
        return
    if (old.st_uid, old.st_gid) == (os.geteuid(), os.getegid()):
        return  # the new file has them already (unless the folder's setgid bit says otherwise)
    for uid, gid in ((old.st_uid, old.st_gid), (-1, old.st_gid)):
        try:
            os.chown(temporary, uid, gid)
            return
        except OSError:
            continue
