"""Byte sources the tar reader walks: seekable file windows and buffered streams.

Every source reads, peeks and skips, counts its `position`, and cuts a `window` of
its next bytes. A file window skips by arithmetic (random access, the data is never
read); a stream skips by reading and dropping, so pipes and engine streams work too.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO, Protocol

CHUNK = 1024 * 1024


class Source(Protocol):
    position: int

    def read(self, n: int) -> bytes: ...

    def read_some(self, n: int) -> bytes:
        """At most `n` bytes, at least one unless at the end: what is at hand, copied least."""
        ...

    def peek(self, n: int) -> bytes: ...

    def skip(self, n: int) -> int: ...

    def window(self, length: int) -> "Source": ...


class FileRegion:
    """Bytes [start, start + length) of a seekable binary file."""

    def __init__(self, file: BinaryIO, start: int, length: int) -> None:
        self._file = file
        self._start = start
        self.length = length
        self.position = 0

    def read(self, n: int) -> bytes:
        n = min(n, self.length - self.position)
        if n <= 0:
            return b""
        self._file.seek(self._start + self.position)
        data = self._file.read(n)
        self.position += len(data)
        return data

    def read_some(self, n: int) -> bytes:
        return self.read(n)

    def peek(self, n: int) -> bytes:
        data = self.read(n)
        self.position -= len(data)
        return data

    def skip(self, n: int) -> int:
        n = max(0, min(n, self.length - self.position))
        self.position += n
        return n

    def window(self, length: int) -> "FileRegion":
        left = max(0, self.length - self.position)
        return FileRegion(self._file, self._start + self.position, min(length, left))


class StreamSource:
    """A forward-only source over `pull()`, which returns the next chunk or b"" at the end."""

    def __init__(self, pull: Callable[[], bytes]) -> None:
        self._pull = pull
        self._buf = b""
        self._at = 0
        self.position = 0

    def _fill(self, n: int) -> int:
        avail = len(self._buf) - self._at
        if avail >= n:
            return avail
        parts = [self._buf[self._at :]] if avail else []
        while avail < n:
            chunk = self._pull()
            if not chunk:
                break
            parts.append(chunk)
            avail += len(chunk)
        self._buf, self._at = b"".join(parts), 0
        return avail

    def read(self, n: int) -> bytes:
        n = min(n, self._fill(n))
        data = self._buf[self._at : self._at + n]
        self._at += n
        self.position += n
        return data

    def read_some(self, n: int) -> bytes:
        if self._at == len(self._buf):
            self._buf, self._at = self._pull(), 0
        data = self._buf[self._at : self._at + n]  # the whole chunk is the chunk itself, not a copy
        self._at += len(data)
        self.position += len(data)
        return data

    def peek(self, n: int) -> bytes:
        n = min(n, self._fill(n))
        return self._buf[self._at : self._at + n]

    def skip(self, n: int) -> int:
        done = 0
        while done < n:
            avail = len(self._buf) - self._at
            if not avail:
                self._buf, self._at = self._pull(), 0
                if not self._buf:
                    break
                continue
            step = min(avail, n - done)
            self._at += step
            done += step
        self.position += done
        return done

    def window(self, length: int) -> "Window":
        return Window(self, length)


class Window:
    """The next `length` bytes of a stream; reading it advances the stream."""

    def __init__(self, parent: Source, length: int) -> None:
        self._parent = parent
        self._left = length
        self.position = 0

    def read(self, n: int) -> bytes:
        data = self._parent.read(min(n, self._left))
        self._left -= len(data)
        self.position += len(data)
        return data

    def read_some(self, n: int) -> bytes:
        data = self._parent.read_some(min(n, self._left)) if self._left > 0 else b""
        self._left -= len(data)
        self.position += len(data)
        return data

    def peek(self, n: int) -> bytes:
        return self._parent.peek(min(n, self._left))

    def skip(self, n: int) -> int:
        done = self._parent.skip(min(n, self._left))
        self._left -= done
        self.position += done
        return done

    def window(self, length: int) -> "Window":
        return Window(self, min(length, self._left))


Meter = Callable[[Callable[[], bytes]], Callable[[], bytes]]


def _unmetered(pull: Callable[[], bytes]) -> Callable[[], bytes]:
    return pull


def file_stream(file: BinaryIO, meter: Meter = _unmetered) -> StreamSource:
    return StreamSource(meter(lambda: file.read(CHUNK)))


def chunk_stream(chunks: Iterable[bytes], meter: Meter = _unmetered) -> StreamSource:
    iterator = iter(chunks)
    return StreamSource(meter(lambda: _next_nonempty(iterator)))


def _next_nonempty(iterator: Iterator[bytes]) -> bytes:
    for chunk in iterator:
        if chunk:
            return bytes(chunk)
    return b""
