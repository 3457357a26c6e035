"""image/registry/tls.py: a verifying context that loads its CA bundle at its first TLS
connection, so that a plain-HTTP loopback registry never loads it."""
import socket
import ssl

import pytest

from dockharden.image import read_facts
from dockharden.image.registry.tls import verifying_context


def test_the_bundle_is_loaded_at_the_first_tls_connection_only():
    context = verifying_context("test: a context of its own", None)
    assert context.check_hostname and context.verify_mode == ssl.CERT_REQUIRED
    assert context.cert_store_stats()["x509_ca"] == 0
    with socket.socket() as sock:
        context.wrap_socket(sock, server_hostname="registry.example", do_handshake_on_connect=False).close()
    assert context.cert_store_stats()["x509_ca"] > 0


@pytest.mark.registry
def test_a_plain_http_loopback_registry_loads_no_bundle(session_registry, monkeypatch):
    loaded = []
    monkeypatch.setattr(ssl.SSLContext, "load_default_certs", lambda self, purpose: loaded.append(purpose))
    facts = read_facts(session_registry.refs["good"], origin="registry", config_only=True)
    assert facts.config and loaded == []
