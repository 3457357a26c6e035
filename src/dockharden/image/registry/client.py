"""A thin client of the OCI Distribution API on httpx: manifests and blobs, nothing pushed.

Transport: HTTPS, verified with the system CA bundle (and `SSL_CERT_FILE`; loaded at the
first TLS connection, tls.py); plain HTTP only for loopback registries (when they do not
speak TLS: asked first without verifying, so a plain one never loads the bundle) and for
hosts named insecure, as Docker does (an insecure host's certificate is not verified
either). A redirect from HTTPS to plain HTTP is refused; credentials never follow a
redirect to another host. Blob bodies are read off the connection (body.py).

Auth: anonymous first; a 401's `WWW-Authenticate` challenge then says how: `Bearer`
(a token from the realm for the service and scope, with Basic credentials if we have
some, or the OAuth2 refresh-token grant when we hold a refresh token; an expired token is
refreshed), or `Basic`. Retries with backoff on 429 and 5xx (honouring `Retry-After`) and
on lost connections; a blob cut off mid-way resumes with a Range request. Errors are one
line and hold no token, header or password.

Why not `oras` (PyPI, 0.2.43 evaluated): its client is built on requests and jsonschema;
its retry sleeps 2 + 3^n seconds on any exception and ignores Retry-After; blobs are
written to files and never checked against their digest; an index is not resolved by
platform; credential helpers are run by its own subprocess call (not the one seam,
`core/external.py`); `insecure` means plain HTTP for every host; redirects follow
requests' rules (HTTPS to HTTP allowed). What we need of it is the small part below.
"""
from __future__ import annotations

import base64
import email.utils
import os
import re
import sys
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import httpcore

# httpx imports its own command-line client (rich, pygments) when they are installed, as they
# are with dockharden: a None in sys.modules makes that import fail, which httpx allows for, and
# `import httpx` takes 0.09 CPU s instead of 0.15 (10 runs each).
if "httpx" not in sys.modules:
    sys.modules["httpx._main"] = None  # type: ignore[assignment]
import httpx  # noqa: E402

from dockharden.core.printable import printable
from dockharden.image.registry.body import BodyCut, direct_body
from dockharden.image.registry.credentials import ANONYMOUS, Credentials
from dockharden.image.registry.options import ClientOptions
from dockharden.image.registry.reference import Reference, is_loopback
from dockharden.image.registry.tls import verifying_context

CHUNK = 1024 * 1024
_READ_BYTES = 256 * 1024  # what httpcore asks the socket for at a time
MANIFEST_TYPES = (
    "application/vnd.oci.image.index.v1+json",
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
    "application/vnd.docker.distribution.manifest.v2+json",
)
_RETRIED_STATUS = frozenset({429, 500, 502, 503, 504})
_CHALLENGE_PARAM = re.compile(r'(\w+)="([^"]*)"|(\w+)=([^\s,]+)')
_MAX_REDIRECTS = 5
_CLIENT_ID = "dockharden"


class RegistryError(Exception):
    """The registry could not give what we asked; `str()` is one line without secrets."""


class RegistryClient:
    """Requests to one registry for one repository, authenticated as its challenges ask."""

    def __init__(self, reference: Reference, credentials: Credentials = ANONYMOUS,
                 options: ClientOptions = ClientOptions()) -> None:
        self.reference = reference
        self._credentials = credentials
        self._options = options
        self._insecure = reference.registry in options.insecure or reference.hostname in options.insecure
        self._plain_allowed = self._insecure or is_loopback(reference.hostname)
        timeout = httpx.Timeout(options.read_timeout, connect=options.connect_timeout)
        # httpcore reads a response 64 KiB at a time (a class attribute, so for the process: httpx
        # serves nothing else here). 256 KiB reads: receiving the 196 MB benchmark image takes
        # 0.14 CPU s instead of 0.20, an inspect of it 1.37 instead of 1.41 (1 MiB reads saved a
        # little more but peaked at 60 MiB, against 50)
        httpcore.HTTP11Connection.READ_NUM_BYTES = max(httpcore.HTTP11Connection.READ_NUM_BYTES, _READ_BYTES)
        # identity: a blob's digest is of its bytes as stored, never of a transfer encoding of them
        self._http = httpx.Client(verify=False if self._insecure else verifying_context(os.environ.get("SSL_CERT_FILE"),
                                                                                        os.environ.get("SSL_CERT_DIR")),
                                  timeout=timeout, follow_redirects=False, headers={"Accept-Encoding": "identity"})
        self._timeout = timeout
        self._base = ""
        self._authorization: str | None = None
        self._token_expires = float("inf")
        self._refresh_token = credentials.identity_token
        self._challenge: dict[str, str] | None = None
        self.bytes_received = 0

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> RegistryClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- what the reader asks for -------------------------------------------------------

    def manifest(self, revision: str, max_bytes: int) -> tuple[str, bytes]:
        """(media type, body) of the manifest or index at `revision` (a tag or a digest)."""
        path = f"/v2/{self.reference.repository}/manifests/{revision}"
        response = self._send(path, {"Accept": ", ".join(MANIFEST_TYPES)}, stream=True)
        try:
            what = f"manifest {revision}" if ":" in revision else f"tag {printable(revision)}"
            self._expect(response, (200,), what)
            body = self._read_capped(response, max_bytes, what)
        finally:
            response.close()
        media_type = response.headers.get("content-type", "").split(";")[0].strip()
        return media_type, body

    def blob_bytes(self, digest: str, size: int | None, max_bytes: int) -> bytes:
        """A small blob (the config) read whole."""
        return b"".join(self.blob_chunks(digest, size, max_bytes))

    def blob_chunks(self, digest: str, size: int | None, max_bytes: int | None = None) -> Iterator[bytes]:
        """The blob's bytes as they arrive, exactly `size` of them when the descriptor says;
        a connection lost mid-way resumes where it stopped (a Range request)."""
        received, resumes = 0, 0
        while True:
            headers = {"Range": f"bytes={received}-"} if received else {}
            response = self._send(f"/v2/{self.reference.repository}/blobs/{digest}", headers, stream=True)
            try:
                self._expect(response, (200, 206) if received else (200,), f"blob {digest}")
                skip = received if response.status_code == 200 else 0  # the server ignored the Range
                body = direct_body(response, _READ_BYTES) or response.iter_raw()
                for chunk in body:  # as it arrives: what a cut connection gave is kept
                    chunk, skip = chunk[skip:], max(0, skip - len(chunk))
                    received += len(chunk)
                    self.bytes_received += len(chunk)
                    _check_length(received, size, max_bytes, digest)
                    if chunk:
                        yield chunk
                if size is None or received == size:
                    return
                raise RegistryError(f"blob {digest} ended after {received} of {size} bytes")
            except (httpx.TransportError, BodyCut, RegistryError) as exc:
                if isinstance(exc, RegistryError) and "ended after" not in str(exc):
                    raise
                resumes += 1
                if resumes > self._options.resumes:
                    raise RegistryError(f"{self._host()}: connection lost while reading blob {digest} "
                                        f"({received} of {size if size is not None else '?'} bytes)") from None
            finally:
                response.close()

    # -- requests, retries, redirects ----------------------------------------------------

    def _send(self, path: str, headers: dict[str, str], stream: bool) -> httpx.Response:
        """GET `path`, authenticating when challenged and retrying what may pass."""
        retried_auth = False
        attempt = 0
        while True:
            try:
                response = self._get(self._url(path), headers, stream)
            except httpx.TransportError as exc:
                attempt += 1
                if attempt >= self._options.attempts:
                    raise RegistryError(f"{self._host()}: {_transport_text(exc)}") from None
                time.sleep(self._backoff(attempt))
                continue
            if response.status_code == 401 and not retried_auth and self._authenticate(response):
                response.close()
                retried_auth = True
                continue
            if response.status_code in _RETRIED_STATUS:
                attempt += 1
                wait = self._retry_wait(response, attempt)
                response.close()
                if attempt >= self._options.attempts:
                    raise RegistryError(f"{self._host()}: HTTP {response.status_code} after {attempt} attempts")
                time.sleep(wait)
                continue
            return response

    def _get(self, url: str, headers: dict[str, str], stream: bool) -> httpx.Response:
        """GET `url`, following redirects by hand: never from HTTPS down to HTTP, and
        without our Authorization once on another host."""
        origin = urlsplit(url).netloc
        for _ in range(_MAX_REDIRECTS + 1):
            sent = dict(headers)
            if self._authorization and urlsplit(url).netloc == origin:
                self._refresh_if_expired()
                sent["Authorization"] = self._authorization or ""
            response = self._http.send(self._http.build_request("GET", url, headers=sent), stream=stream)
            if response.status_code not in (301, 302, 303, 307, 308) or "location" not in response.headers:
                return response
            response.close()
            target = str(response.url.join(response.headers["location"]))
            if urlsplit(url).scheme == "https" and urlsplit(target).scheme != "https":
                raise RegistryError(f"{self._host()}: refused a redirect from HTTPS to plain HTTP "
                                    f"({printable(urlsplit(target).netloc)})")
            url = target
        raise RegistryError(f"{self._host()}: more than {_MAX_REDIRECTS} redirects")

    def _url(self, path: str) -> str:
        if not self._base:
            self._base = self._choose_scheme()
        return self._base + path

    def _choose_scheme(self) -> str:
        """https://, or http:// for a loopback or insecure registry that does not speak TLS."""
        host = self.reference.api_host
        if self._plain_allowed and not self._insecure and _refuses_tls(host, self._timeout):
            return f"http://{host}"
        try:
            self._http.get(f"https://{host}/v2/").close()
            return f"https://{host}"
        except httpx.ConnectError as exc:
            if not self._plain_allowed or "CERTIFICATE_VERIFY_FAILED" in str(exc) or not _tls_refused(exc):
                plain = not self._plain_allowed and _tls_refused(exc)
                hint = " (it may speak plain HTTP: name it with --insecure-registry)" if plain else ""
                raise RegistryError(f"{self._host()}: {_transport_text(exc)}{hint}") from None
            return f"http://{host}"
        except httpx.TransportError as exc:
            raise RegistryError(f"{self._host()}: {_transport_text(exc)}") from None

    def _retry_wait(self, response: httpx.Response, attempt: int) -> float:
        after = _retry_after(response.headers.get("retry-after"))
        if after is None:
            return self._backoff(attempt)
        if after > self._options.max_retry_after:
            raise RegistryError(f"{self._host()}: HTTP {response.status_code}, asked to retry after {after:g} s "
                                f"(more than {self._options.max_retry_after:g} s)")
        return after

    def _backoff(self, attempt: int) -> float:
        return float(self._options.backoff * 2 ** (attempt - 1))

    # -- auth ---------------------------------------------------------------------------

    def _authenticate(self, response: httpx.Response) -> bool:
        """Answer a 401's challenge; False when there is nothing more to try."""
        scheme, params = _challenge(response.headers.get("www-authenticate", ""))
        if scheme == "basic":
            if self._credentials.anonymous or self._authorization:
                return False
            pair = f"{self._credentials.username}:{self._credentials.password}".encode()
            self._authorization = "Basic " + base64.b64encode(pair).decode("ascii")
            return True
        if scheme != "bearer" or "realm" not in params:
            return False
        params.setdefault("scope", f"repository:{self.reference.repository}:pull")
        self._challenge = params
        self._fetch_token()
        return True

    def _fetch_token(self) -> None:
        assert self._challenge is not None
        realm = self._challenge["realm"]
        self._check_realm(realm)
        query = {k: v for k, v in self._challenge.items() if k in ("service", "scope")}
        try:
            if self._refresh_token:
                form = {**query, "grant_type": "refresh_token", "refresh_token": self._refresh_token, "client_id": _CLIENT_ID}
                answer = self._http.post(realm, data=form)
            else:
                auth = None if self._credentials.anonymous else (self._credentials.username, self._credentials.password)
                extra = {} if auth is None else {"offline_token": "true", "client_id": _CLIENT_ID}
                answer = self._http.get(realm, params={**query, **extra}, auth=auth)
        except httpx.TransportError as exc:
            raise RegistryError(f"token service {printable(urlsplit(realm).netloc)}: {_transport_text(exc)}") from None
        if answer.status_code in (401, 403):
            raise RegistryError(f"token service {printable(urlsplit(realm).netloc)} refused the credentials "
                                f"(HTTP {answer.status_code})")
        self._take_token(answer, realm)

    def _take_token(self, answer: httpx.Response, realm: str) -> None:
        where = f"token service {printable(urlsplit(realm).netloc)}"
        try:
            body: Any = answer.json() if answer.status_code == 200 else None
        except ValueError:
            body = None
        token = (body.get("token") or body.get("access_token")) if isinstance(body, dict) else None
        if not isinstance(token, str) or not token:
            raise RegistryError(f"{where}: HTTP {answer.status_code}, no token in the answer")
        self._authorization = f"Bearer {token}"
        expires = body.get("expires_in")
        self._token_expires = time.monotonic() + (expires if isinstance(expires, int) and expires > 0 else 60) - 5
        if isinstance(body.get("refresh_token"), str) and body["refresh_token"]:
            self._refresh_token = body["refresh_token"]

    def _refresh_if_expired(self) -> None:
        if self._challenge is not None and time.monotonic() >= self._token_expires:
            self._fetch_token()

    def _check_realm(self, realm: str) -> None:
        parts = urlsplit(realm)
        if parts.scheme == "https":
            return
        if parts.scheme == "http" and (is_loopback(parts.hostname or "") or parts.netloc in self._options.insecure):
            return
        raise RegistryError(f"{self._host()}: refused the token realm {printable(realm[:200])!r} "
                            "(not HTTPS, and not loopback or an insecure registry)")

    # -- answers ------------------------------------------------------------------------

    def _expect(self, response: httpx.Response, ok: tuple[int, ...], what: str) -> None:
        if response.status_code in ok:
            return
        response.read()
        status = response.status_code
        detail = _registry_message(response)
        if status == 401:
            who = "anonymously" if self._credentials.anonymous else "with the credentials given"
            raise RegistryError(f"{what}: authentication required, refused {who}{detail}")
        if status == 404:
            raise RegistryError(f"{what} not found in {self.reference.repository}{detail}")
        raise RegistryError(f"{what}: HTTP {status}{detail}")

    def _read_capped(self, response: httpx.Response, max_bytes: int, what: str) -> bytes:
        parts, total = [], 0
        for chunk in response.iter_raw(CHUNK):
            total += len(chunk)
            self.bytes_received += len(chunk)
            if total > max_bytes:
                raise RegistryError(f"{what} is larger than {max_bytes // (1024 * 1024)} MiB")
            parts.append(chunk)
        return b"".join(parts)

    def _host(self) -> str:
        return printable(self.reference.registry)


def _refuses_tls(host: str, timeout: httpx.Timeout) -> bool:
    """Whether a loopback registry answers a handshake as only a plain-HTTP server does. Asked
    without verifying (no credentials are sent), so a plain-HTTP registry never loads the CA
    bundle; one that speaks TLS is asked again, verified, before anything else is sent."""
    with httpx.Client(verify=False, timeout=timeout, follow_redirects=False) as probe:
        try:
            probe.get(f"https://{host}/v2/").close()
        except httpx.ConnectError as exc:
            return _tls_refused(exc)
        except httpx.TransportError:
            return False
    return False


def _check_length(received: int, size: int | None, max_bytes: int | None, digest: str) -> None:
    if size is not None and received > size:
        raise RegistryError(f"blob {digest} is longer than the {size} bytes its descriptor says")
    if max_bytes is not None and received > max_bytes:
        raise RegistryError(f"blob {digest} is larger than {max_bytes // (1024 * 1024)} MiB")


def _challenge(header: str) -> tuple[str, dict[str, str]]:
    scheme, _, rest = header.strip().partition(" ")
    params = {}
    for match in _CHALLENGE_PARAM.finditer(rest):
        key = (match.group(1) or match.group(3)).lower()
        params[key] = match.group(2) if match.group(1) else match.group(4)
    return scheme.lower(), params


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds: a number, or an HTTP date."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _tls_refused(exc: httpx.ConnectError) -> bool:
    """The server answered, but not in TLS (a plain-HTTP registry): OpenSSL's wording."""
    text = str(exc).lower()
    return any(sign in text for sign in ("wrong version number", "record layer failure", "packet length too long",
                                         "unexpected eof", "http request"))


def _transport_text(exc: httpx.TransportError) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out ({type(exc).__name__})"
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"cannot connect: {printable(text[:200])}" if isinstance(exc, httpx.ConnectError) else printable(text[:200])


def _registry_message(response: httpx.Response) -> str:
    """`: MANIFEST_UNKNOWN manifest unknown` from the registry's JSON error body, if any."""
    try:
        errors = response.json().get("errors")
        first = errors[0] if isinstance(errors, list) and errors else None
    except (ValueError, AttributeError):
        return ""
    if not isinstance(first, dict):
        return ""
    text = " ".join(str(first.get(k) or "") for k in ("code", "message")).strip()
    return f" ({printable(text[:160])})" if text else ""
