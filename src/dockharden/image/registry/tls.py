"""The TLS context registry requests are verified with: the system CA bundle (or what
SSL_CERT_FILE / SSL_CERT_DIR name: OpenSSL reads them), hostnames checked, a certificate
required, as `ssl.create_default_context()` makes it.

The bundle is loaded just before the context's first handshake, not when it is made: a
plain-HTTP registry on loopback (a developer's `localhost:5000`, the benchmark's) never
needs it, and loading it takes about 20 ms of a 0.2 s `--config-only` run.
"""
from __future__ import annotations

import functools
import ssl
import threading
from typing import Any


class _BundleOnFirstUse(ssl.SSLContext):
    """A client context that loads the default CA certificates at its first TLS connection
    (httpcore opens one with `wrap_socket`, one inside a proxy's TLS with `wrap_bio`)."""

    _lock = threading.Lock()
    _loaded = False

    def wrap_socket(self, *args: Any, **kwargs: Any) -> Any:
        self._load_bundle()
        return super().wrap_socket(*args, **kwargs)

    def wrap_bio(self, *args: Any, **kwargs: Any) -> Any:
        self._load_bundle()
        return super().wrap_bio(*args, **kwargs)

    def _load_bundle(self) -> None:
        with self._lock:
            if not self._loaded:
                self.load_default_certs(ssl.Purpose.SERVER_AUTH)
                self._loaded = True


@functools.cache
def verifying_context(cert_file: str | None, cert_dir: str | None) -> ssl.SSLContext:
    """One context per process for those SSL_CERT_FILE / SSL_CERT_DIR values (OpenSSL reads
    the variables when the bundle is loaded)."""
    return _BundleOnFirstUse(ssl.PROTOCOL_TLS_CLIENT)  # check_hostname and CERT_REQUIRED are its defaults
