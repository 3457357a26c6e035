"""DH604 secret-file-copied: COPY/ADD of files that hold secrets."""
import pytest
from dockharden.checks.dockerfile import secret_file_copied
from support.lintcase import rule_tests

PASSES = {
    "whole-context": "FROM python:3.12-slim\nCOPY . /app\n",
    "env-example": "FROM python:3.12-slim\nCOPY .env.example /app/\n",
    "from-another-stage": "FROM python:3.12-slim AS b\nFROM python:3.12-slim\nCOPY --from=b /root/.ssh/id_rsa.pub /x\n",
    "ca-certificate-by-url": "FROM python:3.12-slim\nADD https://example.com/ca.pem /usr/local/share/ca-certificates/\n",
    "public-key": "FROM python:3.12-slim\nCOPY deploy.crt /etc/ssl/certs/\n",
}

FLAGS = {
    "dotenv": ("FROM python:3.12-slim\nCOPY .env /app/.env\n", [2]),
    "dotenv-production": ("FROM python:3.12-slim\nCOPY .env.production /app/\n", [2]),
    "ssh-key": ("FROM python:3.12-slim\nCOPY id_rsa /root/.ssh/id_rsa\n", [2]),
    "ed25519-exec-form": ('FROM python:3.12-slim\nCOPY ["keys/id_ed25519", "/root/.ssh/"]\n', [2]),
    "netrc-by-add": ("FROM python:3.12-slim\nADD .netrc /root/\n", [2]),
    "pypirc": ("FROM python:3.12-slim\nCOPY .pypirc /root/\n", [2]),
    "aws-credentials": ("FROM python:3.12-slim\nCOPY .aws/credentials /root/.aws/credentials\n", [2]),
    "docker-config": ("FROM python:3.12-slim\nCOPY .docker/config.json /root/.docker/\n", [2]),
    "service-account": ("FROM python:3.12-slim\nCOPY config/credentials.json /app/\n", [2]),
    "private-key": ("FROM python:3.12-slim\nCOPY certs/server.key /etc/ssl/private/\n", [2]),
    "in-builder-stage": ("FROM python:3.12-slim AS b\nCOPY .npmrc /root/\nFROM python:3.12-slim\n", [2]),
}

test_passes, test_flagged = rule_tests(secret_file_copied, PASSES, FLAGS)


def test_an_npmrc_with_settings_only_is_not_a_secret(tmp_path):
    from support.lintcase import flagged

    (tmp_path / ".npmrc").write_text("engine-strict=true\nauto-install-peers=true\nshamefully-hoist=true\n")
    assert flagged("FROM node:20-slim\nCOPY package.json .npmrc ./\n", secret_file_copied, context_dir=tmp_path) == []
    (tmp_path / ".npmrc").write_text("//registry.npmjs.org/:_authToken=npm_0123456789abcdef\n")
    assert flagged("FROM node:20-slim\nCOPY package.json .npmrc ./\n", secret_file_copied, context_dir=tmp_path) == [("DH604", 2)]


PGP_PUBLIC = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQENBFdDN1ABCAC0\n=Zb1k\n-----END PGP PUBLIC KEY BLOCK-----\n"
CERTIFICATE = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n"
PRIVATE = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n"


@pytest.mark.parametrize("name, text, found", [
    ("nodesource-repo.gpg.key", PGP_PUBLIC, []),  # an apt repository's signing key
    ("ca-bundle.pem", CERTIFICATE + CERTIFICATE, []),
    ("server.pem", CERTIFICATE + PRIVATE, [("DH604", 2)]),  # a certificate with its private key
    ("signing.key", PGP_PUBLIC.replace("PUBLIC", "PRIVATE"), [("DH604", 2)]),
    ("tls.key", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n", [("DH604", 2)]),  # no armour: cannot tell, so a key
    ("big.pem", CERTIFICATE + " " * (1 << 20) + PRIVATE, [("DH604", 2)]),  # past what is read: not known to be public
])
def test_a_key_file_of_public_keys_and_certificates_only_is_no_secret(tmp_path, name, text, found):
    from support.lintcase import flagged

    (tmp_path / name).write_text(text)
    assert flagged(f"FROM debian:bookworm-slim\nCOPY {name} /tmp/{name}\n", secret_file_copied, context_dir=tmp_path) == found


TEMPLATE_ENV = "# write your cluster credentials here and uncomment them\n\n# STORE_URL=https://store.<cluster>\n  # STORE_ACCESS_KEY=<access-key>\n"


@pytest.mark.parametrize("name, text, found", [
    ("cluster.env", TEMPLATE_ENV, []),  # comments and commented-out placeholders only
    (".env", "\n\n", []),
    ("cluster.env", TEMPLATE_ENV + "STORE_ACCESS_KEY=3f9c2a71\n", [("DH604", 3)]),  # one line sets a value
    (".env.production", "STORE_URL=https://store.example\n", [("DH604", 3)]),
    ("cluster.env", TEMPLATE_ENV + " " * (1 << 20) + "\nSTORE_ACCESS_KEY=3f9c2a71\n", [("DH604", 3)]),  # past what is read
    # IntelOwl's docker/.env: only a value React compiles into the public bundle.
    (".env", "### DO NOT CHANGE THIS VALUE !!\nREACT_APP_INTELOWL_VERSION=v6.4.0\n# NFS_ADDRESS=\n", []),
    (".env", "VITE_API_URL=https://api.example\nexport NEXT_PUBLIC_SITE=acme\n", []),
    (".env", "VITE_API_URL=https://api.example\nDB_PASSWORD=3f9c2a71\n", [("DH604", 3)]),  # one private value
    (".env", "REACT_APP_TOKEN=ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8" + "\n", [("DH604", 3)]),  # a secret's shape
])
def test_an_env_file_of_comments_only_holds_no_secret(tmp_path, name, text, found):
    from support.lintcase import flagged

    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / name).write_text(text)
    dockerfile = f"FROM python:3.12-slim\nWORKDIR /app\nCOPY ./conf/{name} /app/{name}\n"
    assert flagged(dockerfile, secret_file_copied, context_dir=tmp_path) == found
