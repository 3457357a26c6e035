"""What reaches a registry and how: zstd-compressed layers pushed by skopeo, and HTTPS through
the proxy that HTTPS_PROXY names (a CONNECT proxy run by the test), unless NO_PROXY says not."""
from __future__ import annotations

import os
import socket
import socketserver
import threading

import pytest

from dockharden.image import read_facts
from support import oci, registry

pytestmark = pytest.mark.registry


def _same_facts(from_registry, from_archive):
    assert from_registry.config == from_archive.config
    assert from_registry.user == from_archive.user
    assert [(l.diff_id, l.size, l.entries) for l in from_registry.layers] == \
           [(l.diff_id, l.size, l.entries) for l in from_archive.layers]


def test_zstd_layers_from_the_registry_read_as_the_archive(session_registry, tmp_path):
    layout = oci.convert(session_registry.archives["big"], tmp_path / "zstd-layout", compression="zstd")
    ref = session_registry.registry.push(f"oci:{layout}", "dockharden/zstd:1")
    manifest = session_registry.registry.raw_manifest("dockharden/zstd:1")
    assert {layer["mediaType"] for layer in manifest["layers"]} == {"application/vnd.oci.image.layer.v1.tar+zstd"}
    facts = read_facts(ref, origin="registry")
    _same_facts(facts, read_facts(session_registry.archives["big"]))
    assert [layer.blob_bytes for layer in facts.layers] == [layer["size"] for layer in manifest["layers"]]


class _ConnectProxy(socketserver.ThreadingTCPServer):
    """An HTTP proxy that only tunnels (CONNECT host:port), recording each target."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Tunnel)
        self.targets: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Tunnel(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.request.recv(4096)
            if not chunk:
                return
            head += chunk
        method, target, _ = head.split(b"\r\n", 1)[0].decode().split(" ", 2)
        if method != "CONNECT":
            self.request.sendall(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
            return
        self.server.targets.append(target)  # type: ignore[attr-defined]
        host, port = target.rsplit(":", 1)
        upstream = socket.create_connection((host, int(port)))
        self.request.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        pump = threading.Thread(target=_copy, args=(upstream, self.request), daemon=True)
        pump.start()
        _copy(self.request, upstream)
        pump.join(30)


def _copy(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for end in (sink, source):
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


@pytest.fixture(scope="module")
def tls_registry(registry_tools, session_registry, tmp_path_factory):
    """docker-registry over TLS (a certificate made here, no auth), holding `good`."""
    folder = tmp_path_factory.mktemp("proxied-registry")
    cert = registry.make_certificate(folder)
    server = registry.start_registry(folder / "server", cert=cert)
    try:
        server.push(f"docker-archive:{session_registry.archives['good']}", "dockharden/good:1")
        yield server
    finally:
        server.stop()


@pytest.fixture
def proxy():
    server = _ConnectProxy()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _environment(**changes: str) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k.lower() not in ("https_proxy", "http_proxy", "all_proxy", "no_proxy")}
    return {**keep, **changes}


def test_https_goes_through_the_proxy_https_proxy_names(tls_registry, proxy, run_cli):
    ref = f"{tls_registry.host}/dockharden/good:1"
    done = run_cli("inspect", "--source", "registry", ref,
                   env=_environment(HTTPS_PROXY=proxy.url, SSL_CERT_FILE=str(tls_registry.cert)))
    assert (done.code, done.out, done.err) == (0, "1 image, 0 errors, 0 warnings\n", "")
    assert proxy.targets and set(proxy.targets) == {tls_registry.host}


def test_no_proxy_names_the_hosts_reached_directly(tls_registry, proxy, run_cli):
    ref = f"{tls_registry.host}/dockharden/good:1"
    done = run_cli("inspect", "--source", "registry", ref,
                   env=_environment(HTTPS_PROXY=proxy.url, NO_PROXY="127.0.0.1", SSL_CERT_FILE=str(tls_registry.cert)))
    assert (done.code, done.err) == (0, "")
    assert proxy.targets == []
