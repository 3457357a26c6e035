"""DH605 key-generated-at-build: a RUN of a shipped stage writes a new private key."""
import pytest

from dockharden.checks.dockerfile import key_generated_at_build
from dockharden.core.vocabulary import Severity
from support.lintcase import report, rule_tests

PASSES = {
    "fingerprint-of-a-key": "FROM debian:12\nRUN ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub\n",
    "public-half-of-a-key": "FROM debian:12\nRUN ssh-keygen -y -f /run/key > /run/key.pub\n",
    "known-hosts-entry-removed": "FROM debian:12\nRUN ssh-keygen -R github.com\n",
    "openssl-reads-a-certificate": "FROM debian:12\nRUN openssl x509 -in /etc/ssl/certs/ca.pem -noout -subject\n",
    "req-with-an-existing-key": "FROM debian:12\nRUN openssl req -new -x509 -key /run/k.pem -out /run/c.pem -subj /CN=x\n",
    "ecparam-without-genkey": "FROM debian:12\nRUN openssl ecparam -name prime256v1 -out /params.pem\n",
    "certtool-reads-a-certificate": "FROM debian:12\nRUN certtool --certificate-info --infile /c.pem\n",
    "gpg-verifies": "FROM debian:12\nRUN gpg --batch --verify app.tar.gz.asc app.tar.gz\n",
    "in-a-builder-that-does-not-ship": """
        FROM debian:12 AS certs
        RUN openssl req -x509 -nodes -newkey rsa:2048 -subj /CN=ca -keyout /ca.key -out /ca.crt
        FROM python:3.12-slim
        COPY --from=certs /ca.crt /usr/local/share/ca-certificates/
        CMD ["python", "-m", "app"]
    """,
    "host-keys-removed-after-the-install": """
        FROM debian:12
        RUN apt-get update && apt-get install -y --no-install-recommends openssh-server
        RUN rm -f /etc/ssh/ssh_host_*
        CMD ["/usr/sbin/sshd", "-D"]
    """,
    "host-keys-removed-in-the-same-run": "FROM debian:12\nRUN apt-get install -y openssh-server && rm -f /etc/ssh/ssh_host_*\n",
    "openssh-server-on-alpine-makes-no-keys-at-install": "FROM alpine:3.20\nRUN apk add --no-cache openssh-server\n",
    "openssh-client": "FROM debian:12\nRUN apt-get install -y --no-install-recommends openssh-client\n",
    "powershell": 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN ssh-keygen -A\n',
}

FLAGS = {
    "ssh-host-keys": ("FROM debian:12\nRUN apt-get install -y openssh-server && ssh-keygen -A\n", [2]),
    "ssh-key-pair": ("FROM debian:12\nRUN ssh-keygen -t ed25519 -N '' -f /root/.ssh/id_ed25519\n", [2]),
    "self-signed-certificate": ("""
        FROM nginx:1.27
        RUN mkdir -p /etc/nginx/tls && \\
            openssl req -x509 -nodes -days 365 -newkey rsa:2048 -subj /CN=app \\
                -keyout /etc/nginx/tls/key.pem -out /etc/nginx/tls/cert.pem
    """, [3]),
    "req-x509-makes-its-own-key": ("FROM debian:12\nRUN openssl req -x509 -nodes -subj /CN=a -keyout k.pem -out c.pem\n", [2]),
    "genrsa": ("FROM debian:12\nRUN openssl genrsa -out /k.pem 2048\n", [2]),
    "genpkey": ("FROM debian:12\nRUN openssl genpkey -algorithm ed25519 -out /k.pem\n", [2]),
    "ecparam-genkey": ("FROM debian:12\nRUN openssl ecparam -name prime256v1 -genkey -out /k.pem\n", [2]),
    "sscg": ("FROM quay.io/centos/centos:stream10\nRUN sscg -v -f --cert-file /tls/c.crt --cert-key-file /tls/k.key\n", [2]),
    "snakeoil": ("FROM debian:12\nRUN make-ssl-cert generate-default-snakeoil --force-overwrite\n", [2]),
    "certtool": ("FROM debian:12\nRUN certtool --generate-privkey --outfile /k.pem\n", [2]),
    "gpg-key": ("FROM debian:12\nRUN gpg --batch --passphrase '' --quick-gen-key app@example.com\n", [2]),
    "one-finding-per-run": ("FROM debian:12\nRUN ssh-keygen -A && openssl genrsa -out /k.pem 2048\n", [2]),
    "openssh-server-with-apt": ("FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y --no-install-recommends openssh-server\n", [3]),
    "host-keys-removed-before-the-install": ("FROM debian:12\nRUN rm -f /etc/ssh/ssh_host_*\nRUN apt-get install -y openssh-server\n", [3]),
    "in-a-stage-the-final-one-is-built-on": ("""
        FROM debian:12 AS base
        RUN ssh-keygen -A
        FROM base
        CMD ["/usr/sbin/sshd", "-D"]
    """, [2]),
}

test_passes, test_flagged = rule_tests(key_generated_at_build, PASSES, FLAGS)


def _findings(text):
    return [(f.line, f.rule.severity, f.message) for f in report(text).findings if f.rule.code == "DH605"]


def test_the_message_says_what_is_written_and_what_to_do():
    assert _findings(FLAGS["ssh-host-keys"][0]) == [(2, Severity.ERROR, (
        "ssh-keygen writes SSH host keys at build time: every container of the image, and anyone who pulls it, "
        "holds the same one; make it when the container starts, or mount it as a secret"))]


@pytest.mark.parametrize("text, written", [
    (FLAGS["ssh-key-pair"][0], "an SSH key"),
    (FLAGS["self-signed-certificate"][0], "a private key and its certificate"),
    (FLAGS["genrsa"][0], "a private key"),
    (FLAGS["snakeoil"][0], "the snakeoil private key and certificate"),
    ("FROM debian:12\nRUN make-ssl-cert /usr/share/ssl-cert/ssleay.cnf /etc/ssl/private/app.pem\n", "a private key and its certificate"),
    (FLAGS["gpg-key"][0], "an OpenPGP key"),
])
def test_each_generator_says_what_it_writes(text, written):
    ((_, _, message),) = _findings(text)
    assert message.split(" writes ", 1)[1].split(" at build time", 1)[0] == written


def test_info_on_a_development_image():
    text = "FROM debian:12\nRUN ssh-keygen -A\nCMD [\"sleep\", \"infinity\"]\n"
    ((line, severity, message),) = _findings(text)
    assert (line, severity) == (2, Severity.INFO) and "(info: " in message


def test_openssh_server_says_its_postinst_writes_the_host_keys():
    ((_, _, message),) = _findings(FLAGS["openssh-server-with-apt"][0])
    assert message.startswith("apt-get install openssh-server writes SSH host keys (its postinst runs ssh-keygen -A) at build time: ")
