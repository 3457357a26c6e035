"""Real registries for the registry tests: Debian's docker-registry (the CNCF distribution
server, 2.8) on 127.0.0.1, pushed to with skopeo, and the small parts around it that the
tests make themselves: a TLS certificate, an htpasswd file, a token issuer signing with a
key of its own, a credential helper program, and a proxy that misbehaves on purpose.

Installed with apt like docker.io (support/engine.py), saying so on the terminal. Every
server is started as a process or a thread on a free port and stopped by its own handle.
"""
from __future__ import annotations

import base64
import contextlib
import hashlib
import http.client
import http.server
import json
import os
import shutil
import socket
import subprocess
import threading
import time
import uuid
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from support import engine

with warnings.catch_warnings():  # bcrypt for distribution's htpasswd; deprecated in 3.11, present through 3.12
    warnings.simplefilter("ignore", DeprecationWarning)
    import crypt

REGISTRY = "/usr/bin/docker-registry"
SKOPEO = "/usr/bin/skopeo"
SERVICE = "dockharden-test-registry"
ISSUER = "dockharden-test-issuer"


def ensure_tools() -> None:
    """docker-registry and skopeo, installed with apt-get when missing (about a minute)."""
    if Path(REGISTRY).exists() and Path(SKOPEO).exists():
        return
    engine.say("installing docker-registry and skopeo with apt-get (a minute or so)")
    engine.apt_install("docker-registry", "skopeo")
    engine.say("docker-registry and skopeo are installed")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")


# -- certificates and keys, made by the test ------------------------------------------


def make_certificate(folder: Path, name: str = "server") -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost, and its key."""
    cert, key = folder / f"{name}.crt", folder / f"{name}.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                    f"/CN={name}", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True, timeout=60)
    return cert, key


def write_htpasswd(path: Path, users: dict[str, str]) -> Path:
    path.write_text("".join(f"{user}:{crypt.crypt(pw, crypt.mksalt(crypt.METHOD_BLOWFISH))}\n"
                            for user, pw in users.items()))
    return path


# -- the registry -----------------------------------------------------------------------


@dataclass
class Registry:
    """One docker-registry process; `host` is 127.0.0.1:PORT."""

    folder: Path
    port: int
    process: subprocess.Popen
    tls: bool = False
    cert: Path | None = None
    log: Path | None = None

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def push(self, source: str, name: str, *, all_platforms: bool = False, creds: str | None = None) -> str:
        """`skopeo copy SOURCE docker://HOST/NAME` (SOURCE: docker-daemon:IMG, oci:DIR...)."""
        target = f"{self.host}/{name}"
        args = [SKOPEO, "copy", "--quiet", "--dest-tls-verify=false"]
        if all_platforms:
            args.append("--all")
        if creds:
            args += ["--dest-creds", creds]
        run([*args, source, f"docker://{target}"], timeout=900)
        return target

    def raw_manifest(self, name: str) -> dict:
        done = run([SKOPEO, "inspect", "--raw", "--tls-verify=false", *self._creds(), f"docker://{self.host}/{name}"])
        return json.loads(done.stdout)

    def _creds(self) -> list[str]:
        return []


def start_registry(folder: Path, *, htpasswd: Path | None = None, cert: tuple[Path, Path] | None = None,
                   token: "TokenIssuer | None" = None) -> Registry:
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    http_section: dict = {"addr": f"127.0.0.1:{port}", "secret": uuid.uuid4().hex}
    if cert:
        http_section["tls"] = {"certificate": str(cert[0]), "key": str(cert[1])}
    config: dict = {"version": 0.1, "log": {"level": "warn"},
                    "storage": {"filesystem": {"rootdirectory": str(folder / "data")}, "delete": {"enabled": True}},
                    "http": http_section}
    if htpasswd:
        config["auth"] = {"htpasswd": {"realm": "dockharden-test", "path": str(htpasswd)}}
    if token:
        config["auth"] = {"token": {"realm": token.realm, "service": SERVICE, "issuer": ISSUER,
                                    "rootcertbundle": str(token.cert)}}
    path = folder / "config.yml"
    path.write_text(json.dumps(config))  # YAML is a superset of JSON
    log = folder / "registry.log"
    with log.open("ab") as out:
        process = subprocess.Popen([REGISTRY, "serve", str(path)], stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port)
    except RuntimeError:
        process.kill()
        raise RuntimeError(f"docker-registry did not start: {log.read_text()[-500:]}") from None
    return Registry(folder, port, process, tls=cert is not None, cert=cert[0] if cert else None, log=log)


def run(argv: list[str], timeout: float = 300, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})})
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[:3])} failed ({done.returncode}): {done.stderr.strip()[-800:]}")
    return done


# -- small HTTP servers in threads ----------------------------------------------------------


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def serve(handler: type[http.server.BaseHTTPRequestHandler]) -> tuple[_Server, int]:
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


# -- a token issuer (distribution's `token` auth) ------------------------------------------


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


@dataclass
class TokenIssuer:
    """Issues RS256 JWTs that the registry trusts (x5c: the issuer's own certificate), for
    one user's password or for a refresh token it handed out; records every request."""

    folder: Path
    users: dict[str, str]
    expires_in: int = 300
    requests: list[dict] = field(default_factory=list)
    refresh_tokens: dict[str, str] = field(default_factory=dict)
    cert: Path = field(init=False)
    key: Path = field(init=False)
    port: int = field(init=False)

    def __post_init__(self) -> None:
        self.cert, self.key = make_certificate(self.folder, "issuer")
        der = subprocess.run(["openssl", "x509", "-in", str(self.cert), "-outform", "DER"], capture_output=True,
                             check=True).stdout
        self._x5c = base64.b64encode(der).decode("ascii")
        issuer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                issuer._answer(self, "GET", self.path.partition("?")[2])

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length") or 0)).decode()
                issuer._answer(self, "POST", body)

        self.server, self.port = serve(Handler)

    @property
    def realm(self) -> str:
        return f"http://127.0.0.1:{self.port}/token"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _answer(self, handler: http.server.BaseHTTPRequestHandler, method: str, query: str) -> None:
        from urllib.parse import parse_qs

        params = {k: v[0] for k, v in parse_qs(query).items()}
        user = self._user(handler.headers.get("authorization", ""), params)
        self.requests.append({"method": method, "user": user, **{k: v for k, v in params.items()
                                                                  if k not in ("refresh_token", "password")}})
        if user is None:
            handler.send_response(401)
            handler.end_headers()
            return
        body = {"token": self.sign(user, params.get("scope", "")), "expires_in": self.expires_in}
        if user and params.get("offline_token") == "true":
            body["refresh_token"] = self._new_refresh(user)
        data = json.dumps(body).encode()
        handler.send_response(200)
        handler.send_header("content-type", "application/json")
        handler.send_header("content-length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    def _user(self, authorization: str, params: dict[str, str]) -> str | None:
        """The user asking ("" for anonymous), or None when the credentials are wrong."""
        if params.get("grant_type") == "refresh_token":
            return self.refresh_tokens.get(params.get("refresh_token", ""))
        if not authorization.startswith("Basic "):
            return ""
        user, _, password = base64.b64decode(authorization[6:]).decode().partition(":")
        return user if self.users.get(user) == password else None

    def _new_refresh(self, user: str) -> str:
        token = uuid.uuid4().hex
        self.refresh_tokens[token] = user
        return token

    def sign(self, user: str, scope: str) -> str:
        access = []
        if scope.startswith("repository:") and user:  # only users may pull or push; anonymous gets nothing
            _, name, actions = scope.split(":", 2)
            access.append({"type": "repository", "name": name, "actions": actions.split(",")})
        now = int(time.time())
        claims = {"iss": ISSUER, "sub": user, "aud": SERVICE, "exp": now + self.expires_in, "nbf": now - 10,
                  "iat": now, "jti": uuid.uuid4().hex, "access": access}
        header = {"typ": "JWT", "alg": "RS256", "x5c": [self._x5c]}
        signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}"
        signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", str(self.key)], input=signing_input.encode(),
                                   capture_output=True, check=True).stdout
        return f"{signing_input}.{_b64(signature)}"


# -- a credential helper program -----------------------------------------------------------


def write_credential_helper(folder: Path, name: str, server: str, username: str, secret: str) -> Path:
    """`docker-credential-NAME`: answers `get` for `server` as the Docker helpers do, and
    logs which servers it was asked about."""
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / f"docker-credential-{name}"
    answer = json.dumps({"ServerURL": server, "Username": username, "Secret": secret})
    program.write_text(f"""#!/bin/sh
[ "$1" = get ] || exit 3
read -r asked
echo "$asked" >> "{folder}/asked.log"
if [ "$asked" = "{server}" ]; then echo '{answer}'; exit 0; fi
echo "credentials not found in native keychain"; exit 1
""")
    program.chmod(0o755)
    return program


def docker_config(folder: Path, config: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.json").write_text(json.dumps(config))
    return folder


def basic_auth(user: str, password: str) -> str:
    return base64.b64encode(f"{user}:{password}".encode()).decode()


# -- a proxy that misbehaves on purpose ------------------------------------------------------


@dataclass
class Proxy:
    """Forwards to a plain-HTTP registry; `rules` decide per request what goes wrong:
    each is (predicate on path, action) and an action is "429", "503-always", "corrupt",
    "drop" (send half the body, then close), "drop-always", or "serve:PATH" (answer with
    what the registry has at PATH); "429" and "drop" happen once per path."""

    upstream: int
    rules: list[tuple[Callable[[str], bool], str]] = field(default_factory=list)
    seen: list[tuple[float, str, str]] = field(default_factory=list)  # (time, path, Range)
    port: int = field(init=False)
    retry_after: str = "1"
    _done: set = field(default_factory=set)

    def __post_init__(self) -> None:
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                proxy._handle(self)

        self.server, self.port = serve(Handler)

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _action(self, path: str) -> str | None:
        for matches, action in self.rules:
            if matches(path):
                if action in ("429", "drop"):
                    if (action, path) in self._done:
                        continue
                    self._done.add((action, path))
                return action
        return None

    def _handle(self, handler: http.server.BaseHTTPRequestHandler) -> None:
        path = handler.path
        self.seen.append((time.monotonic(), path, handler.headers.get("range", "")))
        action = self._action(path)
        if action in ("429", "503-always"):
            handler.send_response(int(action[:3]))
            handler.send_header("retry-after", self.retry_after)
            handler.send_header("content-length", "0")
            handler.end_headers()
            return
        upstream = http.client.HTTPConnection("127.0.0.1", self.upstream, timeout=60)
        headers = {k: v for k, v in handler.headers.items() if k.lower() not in ("host", "connection")}
        upstream.request("GET", action[6:] if action and action.startswith("serve:") else path, headers=headers)
        answer = upstream.getresponse()
        body = answer.read()
        upstream.close()
        if action == "corrupt" and body:
            body = body[:100] + bytes([body[100] ^ 0xFF]) + body[101:]
        handler.send_response(answer.status)
        for key, value in answer.getheaders():
            if key.lower() not in ("connection", "transfer-encoding", "content-length"):
                handler.send_header(key, value)
        handler.send_header("content-length", str(len(body)))
        handler.end_headers()
        if action in ("drop", "drop-always"):
            handler.wfile.write(body[: len(body) // 2])
            handler.wfile.flush()
            handler.close_connection = True
            with contextlib.suppress(OSError):
                handler.connection.shutdown(socket.SHUT_RDWR)
            return
        handler.wfile.write(body)


def blob_path(digest: str) -> Callable[[str], bool]:
    return lambda path: path.endswith(f"/blobs/{digest}")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return f"sha256:{digest.hexdigest()}"


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


# -- images to push ---------------------------------------------------------------------


def multi_platform_layout(folder: Path, archives: dict[str, Path]) -> Path:
    """An OCI layout whose index lists one image per platform ({"linux/amd64": docker
    archive}), made with the test converter; push it with `skopeo copy --all oci:DIR`."""
    from support.oci import convert

    root = folder / "multi"
    (root / "blobs" / "sha256").mkdir(parents=True)
    manifests = []
    for platform_name, archive in archives.items():
        single = convert(archive, folder / f"single-{platform_name.replace('/', '-')}")
        for blob in (single / "blobs" / "sha256").iterdir():
            if not (root / "blobs" / "sha256" / blob.name).exists():
                shutil.copyfile(blob, root / "blobs" / "sha256" / blob.name)
        descriptor = json.loads((single / "index.json").read_text())["manifests"][0]
        os_, arch, *variant = platform_name.split("/")
        descriptor.pop("annotations", None)
        descriptor["platform"] = {"os": os_, "architecture": arch, **({"variant": variant[0]} if variant else {})}
        manifests.append(descriptor)
    inner = json.dumps({"schemaVersion": 2, "mediaType": INDEX_TYPE, "manifests": manifests}).encode()
    digest = hashlib.sha256(inner).hexdigest()
    (root / "blobs" / "sha256" / digest).write_bytes(inner)
    top = {"mediaType": INDEX_TYPE, "digest": f"sha256:{digest}", "size": len(inner),
           "annotations": {"org.opencontainers.image.ref.name": "multi"}}  # skopeo's oci:DIR:multi
    (root / "index.json").write_text(json.dumps({"schemaVersion": 2, "mediaType": INDEX_TYPE, "manifests": [top]}))
    (root / "oci-layout").write_text(json.dumps({"imageLayoutVersion": "1.0.0"}))
    return root


INDEX_TYPE = "application/vnd.oci.image.index.v1+json"


@dataclass
class SessionRegistry:
    """A plain-HTTP registry for the whole session, holding the small images the tests read."""

    registry: Registry
    folder: Path
    archives: dict[str, Path]
    refs: dict[str, str]

    @property
    def host(self) -> str:
        return self.registry.host
