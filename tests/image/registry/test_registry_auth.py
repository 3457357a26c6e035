"""Auth as Docker clients do it, against real registries: htpasswd Basic auth over TLS with a
certificate the test makes, the registry's token auth with a token issuer the test runs
(Basic credentials, refresh tokens), credentials from a test config.json and from a test
credential helper, and the transport's refusals (an untrusted certificate, a redirect from
HTTPS down to HTTP). Errors are one line, exit 2, and never show a secret."""
from __future__ import annotations

import http.server
import os
import ssl

import pytest

from dockharden.image import ImageError, read_facts
from dockharden.image.registry.options import ClientOptions
from dockharden.image.registry.options import RegistryOptions
from support import registry

pytestmark = pytest.mark.registry
USER, PASSWORD = "alice", "s3cret-Passw0rd"


def _cli(run_cli, *args, env):
    return run_cli("inspect", "--source", "registry", *args, env={**os.environ, **env})


def _config(tmp_path, host, **entry):
    return str(registry.docker_config(tmp_path / "docker", {"auths": {host: entry}} if entry else {}))


@pytest.fixture(scope="module")
def tls_registry(registry_tools, session_registry, tmp_path_factory):
    """docker-registry with htpasswd auth over TLS (a certificate made here), holding `good`."""
    folder = tmp_path_factory.mktemp("tls-registry")
    cert = registry.make_certificate(folder)
    htpasswd = registry.write_htpasswd(folder / "htpasswd", {USER: PASSWORD})
    server = registry.start_registry(folder / "server", htpasswd=htpasswd, cert=cert)
    try:
        server.push(f"docker-archive:{session_registry.archives['good']}", "dockharden/good:1", creds=f"{USER}:{PASSWORD}")
        yield server
    finally:
        server.stop()


def test_basic_auth_over_tls_with_credentials_from_config_json(tls_registry, tmp_path, run_cli):
    config = _config(tmp_path, tls_registry.host, auth=registry.basic_auth(USER, PASSWORD))
    done = _cli(run_cli, f"{tls_registry.host}/dockharden/good:1",
                env={"DOCKER_CONFIG": config, "SSL_CERT_FILE": str(tls_registry.cert)})
    assert (done.code, done.out, done.err) == (0, "1 image, 0 errors, 0 warnings\n", "")


def test_without_credentials_the_registry_refuses(tls_registry, tmp_path, run_cli):
    ref = f"{tls_registry.host}/dockharden/good:1"
    done = _cli(run_cli, ref, env={"DOCKER_CONFIG": _config(tmp_path, tls_registry.host),
                                   "SSL_CERT_FILE": str(tls_registry.cert)})
    assert (done.code, done.out) == (2, "")
    assert done.err == (f"{ref}: error: tag 1: authentication required, refused anonymously "
                        "(UNAUTHORIZED authentication required)\n")


def test_a_wrong_password_is_refused_and_never_printed(tls_registry, tmp_path, run_cli):
    ref = f"{tls_registry.host}/dockharden/good:1"
    config = _config(tmp_path, tls_registry.host, username=USER, password="wrong-Passw0rd")
    done = _cli(run_cli, ref, "--format", "json", env={"DOCKER_CONFIG": config, "SSL_CERT_FILE": str(tls_registry.cert)})
    assert (done.code, done.out) == (2, "")
    assert done.err == (f"{ref}: error: tag 1: authentication required, refused with the credentials given "
                        "(UNAUTHORIZED authentication required)\n")
    assert "wrong-Passw0rd" not in done.err


def test_an_untrusted_certificate_is_refused(tls_registry, tmp_path, run_cli):
    ref = f"{tls_registry.host}/dockharden/good:1"
    config = _config(tmp_path, tls_registry.host, auth=registry.basic_auth(USER, PASSWORD))
    done = _cli(run_cli, ref, env={"DOCKER_CONFIG": config, "SSL_CERT_FILE": "/etc/ssl/certs/ca-certificates.crt"})
    assert done.code == 2 and len(done.err.splitlines()) == 1
    assert done.err.startswith(f"{ref}: error: {tls_registry.host}: cannot connect: [SSL: CERTIFICATE_VERIFY_FAILED]")


def test_an_insecure_registry_is_read_without_verifying_its_certificate(tls_registry, tmp_path, run_cli):
    config = _config(tmp_path, tls_registry.host, auth=registry.basic_auth(USER, PASSWORD))
    done = _cli(run_cli, f"{tls_registry.host}/dockharden/good:1", "--insecure-registry", tls_registry.host,
                env={"DOCKER_CONFIG": config, "SSL_CERT_FILE": "/etc/ssl/certs/ca-certificates.crt"})
    assert (done.code, done.err) == (0, "")


def test_credentials_from_a_credential_helper(tls_registry, tmp_path, run_cli):
    helpers = tmp_path / "bin"
    registry.write_credential_helper(helpers, "dhtest", tls_registry.host, USER, PASSWORD)
    config = str(registry.docker_config(tmp_path / "docker", {"credHelpers": {tls_registry.host: "dhtest"}}))
    done = _cli(run_cli, f"{tls_registry.host}/dockharden/good:1",
                env={"DOCKER_CONFIG": config, "SSL_CERT_FILE": str(tls_registry.cert),
                     "PATH": f"{helpers}{os.pathsep}{os.environ['PATH']}"})
    assert (done.code, done.err) == (0, "")
    assert (helpers / "asked.log").read_text() == f"{tls_registry.host}\n"


def test_credentials_from_the_creds_store(tls_registry, tmp_path, run_cli):
    helpers = tmp_path / "bin"
    registry.write_credential_helper(helpers, "dhstore", tls_registry.host, USER, PASSWORD)
    config = str(registry.docker_config(tmp_path / "docker", {"credsStore": "dhstore"}))
    done = _cli(run_cli, f"{tls_registry.host}/dockharden/good:1",
                env={"DOCKER_CONFIG": config, "SSL_CERT_FILE": str(tls_registry.cert),
                     "PATH": f"{helpers}{os.pathsep}{os.environ['PATH']}"})
    assert (done.code, done.err) == (0, "")


def test_a_missing_credential_helper_is_a_one_line_error(tls_registry, tmp_path, run_cli):
    ref = f"{tls_registry.host}/dockharden/good:1"
    config = str(registry.docker_config(tmp_path / "docker", {"credHelpers": {tls_registry.host: "absent"}}))
    done = _cli(run_cli, ref, env={"DOCKER_CONFIG": config})
    assert (done.code, done.err) == (2, f"{ref}: error: credential helper docker-credential-absent is not installed\n")


# -- token auth ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def token_registry(registry_tools, session_registry, tmp_path_factory):
    """docker-registry with token auth; the issuer (a thread here) grants pulls to alice only."""
    folder = tmp_path_factory.mktemp("token-registry")
    issuer = registry.TokenIssuer(folder, {USER: PASSWORD})
    server = registry.start_registry(folder / "server", token=issuer)
    try:
        server.push(f"docker-archive:{session_registry.archives['good']}", "dockharden/good:1", creds=f"{USER}:{PASSWORD}")
        yield server, issuer
    finally:
        server.stop()
        issuer.stop()


def test_a_bearer_token_from_the_realm_with_basic_credentials(token_registry, tmp_path, run_cli):
    server, issuer = token_registry
    issuer.requests.clear()
    config = _config(tmp_path, server.host, auth=registry.basic_auth(USER, PASSWORD))
    done = _cli(run_cli, f"{server.host}/dockharden/good:1", env={"DOCKER_CONFIG": config})
    assert (done.code, done.err) == (0, "")
    assert issuer.requests == [{"method": "GET", "user": USER, "service": registry.SERVICE,
                                "scope": "repository:dockharden/good:pull", "offline_token": "true",
                                "client_id": "dockharden"}]


def test_anonymous_gets_a_token_without_access_and_is_refused(token_registry, tmp_path, run_cli):
    server, issuer = token_registry
    ref = f"{server.host}/dockharden/good:1"
    done = _cli(run_cli, ref, env={"DOCKER_CONFIG": _config(tmp_path, server.host)})
    assert (done.code, done.out) == (2, "")
    assert done.err.startswith(f"{ref}: error: tag 1: authentication required, refused anonymously")
    assert "eyJ" not in done.err  # no JWT (their header starts so) in what is printed


def test_wrong_credentials_are_refused_by_the_token_service(token_registry, tmp_path, run_cli):
    server, issuer = token_registry
    ref = f"{server.host}/dockharden/good:1"
    config = _config(tmp_path, server.host, auth=registry.basic_auth(USER, "nope-nope"))
    done = _cli(run_cli, ref, env={"DOCKER_CONFIG": config})
    assert (done.code, done.err) == (2, f"{ref}: error: token service 127.0.0.1:{issuer.port} refused the "
                                        "credentials (HTTP 401)\n")


def test_an_identity_token_is_used_as_a_refresh_token(token_registry, tmp_path, run_cli):
    server, issuer = token_registry
    refresh = issuer._new_refresh(USER)
    issuer.requests.clear()
    config = _config(tmp_path, server.host, identitytoken=refresh)
    done = _cli(run_cli, f"{server.host}/dockharden/good:1", env={"DOCKER_CONFIG": config})
    assert (done.code, done.err) == (0, "")
    assert issuer.requests == [{"method": "POST", "user": USER, "service": registry.SERVICE,
                                "scope": "repository:dockharden/good:pull", "grant_type": "refresh_token",
                                "client_id": "dockharden"}]


def test_an_expired_token_is_refreshed_with_the_refresh_token_it_came_with(token_registry, tmp_path):
    server, issuer = token_registry
    issuer.requests.clear()
    issuer.expires_in = 5  # the client renews 5 s early: every request finds the token expired
    try:
        config = _config(tmp_path, server.host, auth=registry.basic_auth(USER, PASSWORD))
        facts = read_facts(f"{server.host}/dockharden/good:1", origin="registry",
                           registry=RegistryOptions(docker_config=os.path.join(config, "config.json")))
    finally:
        issuer.expires_in = 300
    assert facts.config.user == "1000:1000"
    methods = [(r["method"], r.get("grant_type", "")) for r in issuer.requests]
    assert methods[0] == ("GET", "")
    assert set(methods[1:]) == {("POST", "refresh_token")} and len(methods) >= 4  # manifest, config, two layers


# -- redirects --------------------------------------------------------------------------------


@pytest.fixture
def redirecting_tls_server(tmp_path):
    """An HTTPS 'registry' whose manifests redirect to plain HTTP."""
    cert, key = registry.make_certificate(tmp_path)

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            if self.path == "/v2/":
                self.send_response(200)
                self.send_header("content-length", "0")
                self.end_headers()
                return
            self.send_response(307)
            self.send_header("location", f"http://127.0.0.1:1{self.path}")
            self.send_header("content-length", "0")
            self.end_headers()

    server, port = registry.serve(Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    yield f"127.0.0.1:{port}", cert
    server.shutdown()
    server.server_close()


def test_a_redirect_from_https_to_plain_http_is_refused(redirecting_tls_server, monkeypatch):
    host, cert = redirecting_tls_server
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    with pytest.raises(ImageError) as caught:
        read_facts(f"{host}/x/y:1", origin="registry", registry=RegistryOptions(client=ClientOptions(attempts=1)))
    assert str(caught.value) == f"{host}/x/y:1: {host}: refused a redirect from HTTPS to plain HTTP (127.0.0.1:1)"


def test_helpers_never_print_the_secret(tmp_path):
    """The Credentials record hides its secret from repr (tracebacks, debuggers, logs)."""
    from dockharden.image.registry.credentials import Credentials

    text = repr(Credentials(USER, PASSWORD))
    assert text == "Credentials(username='alice', secret='***')" and PASSWORD not in text
