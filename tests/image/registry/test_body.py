"""image/registry/body.py: a body of known length is read off the connection, whole and
exactly; a chunked one is left to httpx; a connection cut short is a BodyCut."""
import socket
import threading

import httpx
import pytest

from dockharden.image.registry.body import BodyCut, direct_body

BODY = bytes(range(256)) * 4096  # 1 MiB


def _serve(answer: bytes) -> str:
    """A server on loopback giving `answer` to one request, then closing the connection."""
    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        connection, _ = listener.accept()
        with connection, listener:
            connection.recv(65536)
            connection.sendall(answer)

    threading.Thread(target=serve, daemon=True).start()
    return f"http://127.0.0.1:{listener.getsockname()[1]}/blob"


def _get(url: str) -> httpx.Response:
    client = httpx.Client(timeout=5)
    return client.send(client.build_request("GET", url), stream=True)


def test_a_body_of_known_length_is_read_whole_off_the_connection():
    response = _get(_serve(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(BODY) + BODY + b"trailing junk"))
    chunks = direct_body(response, 64 * 1024)
    assert chunks is not None
    parts = list(chunks)
    assert b"".join(parts) == BODY and max(map(len, parts)) <= 64 * 1024 + 65536
    response.close()


def test_a_chunked_body_is_left_to_httpx():
    response = _get(_serve(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"))
    assert direct_body(response, 65536) is None
    assert response.read() == b"hello"


def test_a_connection_closed_before_the_end_is_a_body_cut():
    response = _get(_serve(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(BODY) + BODY[:300_000]))
    chunks = direct_body(response, 65536)
    assert chunks is not None
    with pytest.raises(BodyCut, match="closed"):
        for _ in chunks:
            pass
    response.close()


def test_a_small_body_that_came_whole_with_the_headers_is_read_directly():
    response = _get(_serve(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789"))
    chunks = direct_body(response, 65536)
    assert chunks is not None
    assert b"".join(chunks) == b"0123456789"
    response.close()


def test_more_bytes_than_the_length_with_the_headers_are_left_to_httpx():
    response = _get(_serve(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789junk"))
    assert direct_body(response, 65536) is None
    assert response.read() == b"0123456789"
