"""A blob's body read off its connection, past h11: what the registry benchmark pays for.

Through httpx a streamed body is copied four times after the socket gives it (into h11's
receive buffer, out of it twice, once more by httpcore). Once httpx has the status and
headers of a plain HTTP/1.1 answer of known length (no transfer or content encoding),
the body is read here from the response's `network_stream` (httpcore's extension: the
socket, or the TLS stream over it), with the request's read timeout; what h11 had already
received past the headers comes first. The connection is then closed, never reused (h11
holds it unfinished). Any other answer, or another httpcore than this one looks into,
is read through httpx as before (`direct_body` gives None).
"""
from __future__ import annotations

from collections.abc import Iterator

import h11
import httpcore
import httpx


class BodyCut(Exception):
    """The connection failed or closed before the body's end; `str()` says how."""


def direct_body(response: httpx.Response, read_bytes: int) -> Iterator[bytes] | None:
    """The body's bytes as the connection gives them (at most `read_bytes` at a time), or None
    when this answer must be read through httpx. Raises BodyCut as the body is read."""
    length = _plain_length(response)
    state = _h11_state(response)
    stream = response.extensions.get("network_stream")
    if length is None or state is None or not isinstance(stream, httpcore.NetworkStream):
        return None
    if state.their_state is not h11.SEND_BODY:
        return None
    buffered, _ = state.trailing_data
    if len(buffered) > length:
        return None
    timeout = response.request.extensions.get("timeout", {}).get("read")
    return _read(stream, buffered, length, read_bytes, timeout)


def _plain_length(response: httpx.Response) -> int | None:
    headers = response.headers
    if response.http_version != "HTTP/1.1" or "transfer-encoding" in headers:
        return None
    if headers.get("content-encoding", "identity").lower() != "identity":
        return None
    length = headers.get("content-length", "")
    return int(length) if length.isdigit() else None


def _h11_state(response: httpx.Response) -> h11.Connection | None:
    """The h11 connection under httpx's stream (the client's bound stream, its transport's
    stream, httpcore's pool stream, its HTTP/1.1 connection stream); None when the layers
    are not those."""
    transport_stream = getattr(response.stream, "_stream", None)
    pool_stream = getattr(transport_stream, "_httpcore_stream", None)
    connection_stream = getattr(pool_stream, "_stream", None)
    connection = getattr(connection_stream, "_connection", None)
    if not isinstance(connection, httpcore.HTTP11Connection):
        return None
    state = getattr(connection, "_h11_state", None)
    return state if isinstance(state, h11.Connection) else None


def _read(stream: httpcore.NetworkStream, buffered: bytes, length: int, read_bytes: int,
          timeout: float | None) -> Iterator[bytes]:
    left = length
    if buffered:
        left -= len(buffered)
        yield buffered
    while left > 0:
        try:
            chunk = stream.read(min(read_bytes, left), timeout=timeout)
        except httpcore.TimeoutException:
            raise BodyCut("timed out (ReadTimeout)") from None
        except httpcore.NetworkError as exc:
            raise BodyCut(" ".join(str(exc).split())[:200] or type(exc).__name__) from None
        if not chunk:
            raise BodyCut(f"the connection closed {left} bytes before the end")
        left -= len(chunk)
        yield chunk
