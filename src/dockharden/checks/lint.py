"""Lint Dockerfiles: parse, model, run the rules, apply ignores and settings, derive the matrix."""
from __future__ import annotations

import errno
import gc
import os
import stat
from pathlib import Path

from dockharden.checks.catalog import LINT_RULES, by_key
from dockharden.checks.dockerfile import PRAGMA_RULES, RULES
from dockharden.checks.dockerfile.details import DETAILS
from dockharden.checks.ignores import Ignores
from dockharden.checks.matrix import pattern_results
from dockharden.checks.running import check_subject
from dockharden.core.file_kinds import kind_of
from dockharden.core.settings import Settings
from dockharden.core.vocabulary import FileReport
from dockharden.dockerfile.model import Model, build_model
from dockharden.dockerfile.parser import MAX_BYTES, decode, parse
from dockharden.dockerfile.pragmas import pragmas
from dockharden.dockerfile.syntax import ParseError

_KNOWN = by_key(LINT_RULES)
_FIRST_READ = 64 * 1024
_NO_SUCH_FILE = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})  # what pathlib ignores


def lint_text(text: str, path: str, context_dir: Path | str | None = None, settings: Settings = Settings()) -> FileReport:
    return check_text(text, path, context_dir, settings)[0]


def check_text(text: str, path: str, context_dir: Path | str | None = None, settings: Settings = Settings()) -> tuple[FileReport, Model | None]:
    """The report and the model it was derived from (None when the text is not a Dockerfile)."""
    try:
        model = build_model(parse(text, path), settings.target, _dockerignore(path, context_dir))
    except ParseError as error:
        return FileReport(path, error=_describe(error)), None
    return _report(model, settings), model


def _describe(error: ParseError) -> str:
    """The error without the path, which the report already carries."""
    return f"line {error.line}: {error.message}" if error.line else error.message


def lint_file(path: Path, settings: Settings = Settings(), display: str | None = None) -> FileReport:
    return check_file(path, settings, display)[0]


def check_file(path: Path, settings: Settings = Settings(), display: str | None = None) -> tuple[FileReport, Model | None]:
    fs_path = str(path)
    name = display or fs_path
    try:
        data = _read_capped(fs_path, MAX_BYTES + 1)
        text = decode(data, name)
    except OSError as error:
        return FileReport(name, error=f"cannot read: {error.strerror or error}"), None
    except _NotAFile as error:
        return FileReport(name, error=f"is {error}, not a regular file"), None
    except ParseError as error:
        return FileReport(name, error=_describe(error)), None
    # The folder as text: Path.parent would build a Path, and os.fspath format it again.
    return check_text(text, name, os.path.dirname(fs_path) or ".", settings)


def _read_capped(path: str | Path, limit: int) -> bytes:
    """At most `limit` bytes, read in growing chunks (read(limit) would allocate all of them
    for every small file); os.read skips the buffered file object open() builds. Only a
    regular file is read: O_NONBLOCK keeps a FIFO from blocking the open, and fstat refuses
    it, a device (a symlink to /dev/zero never ends) or a socket."""
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise _NotAFile(kind_of(mode))
        chunks, size, want = [], 0, _FIRST_READ
        while size < limit and (chunk := os.read(fd, min(want, limit - size))):
            chunks.append(chunk)
            size += len(chunk)
            want = max(want, size)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(fd)


class _NotAFile(Exception):
    """A path that is not a regular file; the message says what it is."""


def lint_files(paths: list[Path], settings: Settings = Settings()) -> tuple[FileReport, ...]:
    """lint_file for each path, with the cyclic garbage collector paused: linting makes no
    reference cycles (a test holds it to that), so the collector's passes over the growing
    list of reports only cost time, about 4% of it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return tuple([lint_file(path, settings) for path in paths])
    finally:
        if enabled:
            gc.enable()


def _dockerignore(path: str, context_dir: Path | str | None) -> bool | None:
    if context_dir is None:
        return None
    folder = os.fspath(context_dir)
    named = f"{path.rpartition('/')[2]}.dockerignore"
    return _is_file(os.path.join(folder, ".dockerignore")) or _is_file(os.path.join(folder, named))


def _is_file(path: str) -> bool:
    """Path(path).is_file() without building Path objects: the same errors mean "no".
    os.access answers the common "not there" without raising an exception."""
    try:
        return os.access(path, os.F_OK) and stat.S_ISREG(os.stat(path).st_mode)
    except OSError as error:
        if error.errno not in _NO_SUCH_FILE:
            raise
        return False
    except ValueError:
        return False


def _report(model: Model, settings: Settings) -> FileReport:
    found = pragmas(model.dockerfile)
    ignores = Ignores(found, _KNOWN, PRAGMA_RULES) if found else None  # most files have none
    findings = check_subject(RULES, model, settings, ignores)
    return FileReport(model.path, findings, pattern_results(DETAILS, model, list(findings), settings))
