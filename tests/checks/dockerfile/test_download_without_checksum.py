"""DH932 download-without-checksum: a RUN runs, installs or extracts what curl or wget
downloaded, unchecked (`curl ... | sh` install scripts, release binaries made executable,
.deb files installed, tool archives extracted)."""
import pytest

from dockharden.checks.dockerfile import download_without_checksum
from dockharden.core.vocabulary import Severity
from support.lintcase import report, rule_tests

PASSES = {
    "sha256sum-check": ('FROM debian:12-slim\nARG SUM=0f3c\nRUN curl -fsSLo /tmp/tool.tgz https://dl.example.org/tool-2.1.tgz \\\n'
                        ' && echo "$SUM  /tmp/tool.tgz" | sha256sum -c - && tar -xzf /tmp/tool.tgz -C /opt\n'),
    "shasum-check": "FROM debian:12-slim\nRUN wget -q https://dl.example.org/ctl && shasum -a 256 -c ctl.sha256 && chmod +x ctl\n",
    "sha512-check-file": "FROM debian:12-slim\nRUN curl -LO https://dl.example.org/a.tar.xz && sha512sum --check a.sha512 && tar xJf a.tar.xz\n",
    "gpg-verify": ("FROM debian:12-slim\nRUN curl -LO https://dl.example.org/b.tgz && curl -LO https://dl.example.org/b.tgz.asc \\\n"
                   " && gpg --batch --verify b.tgz.asc b.tgz && tar -xzf b.tgz\n"),
    "cosign-verify-blob": "FROM debian:12-slim\nRUN curl -o /usr/local/bin/k https://dl.example.org/k && cosign verify-blob --bundle k.b /usr/local/bin/k\n",
    "checked-in-the-using-run": ("FROM debian:12-slim\nRUN curl -fsSLo /tmp/n.deb https://dl.example.org/n_3.deb\n"
                                 "RUN echo \"9a0e  /tmp/n.deb\" | sha256sum -c - && dpkg -i /tmp/n.deb\n"),
    "checked-in-a-run-between": ("FROM debian:12-slim\nRUN curl -fsSLo /tmp/m.tgz https://dl.example.org/m-1.tgz\n"
                                 "RUN echo \"77ab  /tmp/m.tgz\" | sha256sum -c -\nRUN tar -xzf /tmp/m.tgz -C /opt\n"),
    "a-key-into-gpg": "FROM debian:12-slim\nRUN curl -fsSL https://pkg.example.org/key.asc | gpg --dearmor -o /usr/share/keyrings/x.gpg\n",
    "a-key-into-apt-key": "FROM debian:12-slim\nRUN wget -qO - https://pkg.example.org/KEY.PUB | apt-key add -\n",
    "a-data-file-never-run": "FROM python:3.12-slim\nRUN curl -fsSLO https://files.example.org/ckpt/scorer-base.ckpt\n",
    "a-csv-kept": "FROM python:3.12-slim\nRUN wget -O /srv/data/rates.csv https://files.example.org/rates.csv\n",
    "output-in-a-variable": "FROM python:3.12-slim\nRUN V=$(curl -fsSL https://api.example.org/latest.txt) && echo $V > /v\n",
    "an-http-call": "FROM python:3.12-slim\nRUN curl -X POST -d '{}' https://hooks.example.org/built\n",
    "a-probe-of-localhost": "FROM python:3.12-slim\nRUN curl -fsS http://localhost:8000/ | sh\n",
    "pinned-to-a-commit": ("FROM python:3.12-slim\nRUN curl -fsSL https://raw.githubusercontent.com/org/tools/"
                           "3f2a9c1d5e7b8a0c4d6e2f1a9b8c7d6e5f4a3b2c/install.sh | sh\n"),
    "apt-and-pip-channels": "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && pip install --no-cache-dir httpx==0.27.0\n",
    "healthcheck-curl": 'FROM python:3.12-slim\nHEALTHCHECK CMD curl -fsS https://example.org/ | sh\n',
    "sh-c-is-not-the-script": "FROM python:3.12-slim\nRUN curl -fsSL https://example.org/v.txt | sh -c 'read v; echo $v'\n",
    "json-read-by-python-c": "FROM python:3.12-slim\nRUN curl -fsSL https://api.example.org/r.json | python3 -c 'import sys,json; print(json.load(sys.stdin))'\n",
    "json-read-by-python-m": "FROM python:3.12-slim\nRUN curl -fsSL https://api.example.org/r.json | python -m json.tool\n",
    "data-read-by-a-script-file": "FROM python:3.12-slim\nRUN wget -qO- https://api.example.org/list.txt | bash /opt/read-list.sh\n",
    "a-glob-of-another-folder": "FROM ubuntu:24.04\nRUN curl -fLo /tmp/n-2.deb https://dl.example.com/n-2.deb && rm -f /tmp/n-2.deb && dpkg -i /var/cache/*.deb\n",
    "another-file-run": "FROM python:3.12-slim\nRUN curl -fsSLo /tmp/notes.txt https://example.org/notes.txt && sh /opt/setup.sh\n",
}

FLAGS = {
    "curl-into-sh": ("FROM python:3.12-slim\nRUN curl -LsSf https://get.example.dev/install.sh | sh\n", [2]),
    "curl-into-bash-with-args": ("FROM python:3.12-slim\nRUN apt-get update \\\n && curl --proto '=https' -sSf https://rustup.example.rs | bash -s -- -y\n", [3]),
    "curl-into-sh-beside-a-check": ("FROM python:3.12-slim\nRUN sha256sum -c /opt/sums && curl -fsSL https://i.example.org/x | sh\n", [2]),
    "curl-into-python": ("FROM python:3.12-slim\nRUN curl -sSL https://install.example.org | POETRY_HOME=/opt/p python3 -\n", [2]),
    "curl-into-sh-s": ("FROM python:3.12-slim\nRUN curl -fsSL https://get.example.dev/x | sh -s -- --yes /opt/x\n", [2]),
    "curl-into-python-reading-stdin": ("FROM python:3.12-slim\nRUN curl -sSL https://b.example.io/get.py | python3.12\n", [2]),
    "wget-into-sudo-bash": ("FROM ubuntu:24.04\nRUN wget -qO- https://get.example.com/setup | sudo -E bash -\n", [2]),
    "wget-into-tar": ("FROM ubuntu:24.04\nRUN wget -O - http://dl.example.net/deps-1-6.tgz | tar -xz -C /opt/deps\n", [2]),
    "script-saved-and-run": ("FROM python:3.12-slim\nRUN wget https://dl.example.org/Forge-24.sh -O forge.sh && \\\n    bash ./forge.sh -b -p /opt/forge\n", [2]),
    "binary-into-bin": ("FROM alpine:3.20\nRUN wget https://github.com/o/q/releases/download/v4.2.1/q_linux_amd64 -O /usr/bin/q\n", [2]),
    "binary-made-executable": ("FROM alpine:3.20\nRUN curl -LO https://dl.example.org/release/v1.30.2/bin/linux/amd64/kctl && chmod 755 kctl\n", [2]),
    "deb-installed": ("FROM ubuntu:24.04\nRUN curl -fsSLO https://dl.example.com/repo/keyring_1.1-1_all.deb && dpkg -i keyring_1.1-1_all.deb\n", [2]),
    "deb-by-apt-get": ("FROM ubuntu:24.04\nWORKDIR /root\nRUN wget https://repo.example.com/amd-install_6.2_all.deb \\\n && apt-get install -y ./amd-install_6.2_all.deb\n", [3]),
    "rpm-installed": ("FROM rockylinux:9\nRUN wget -q https://mirror.example.org/libx-2.2-1.el9.rpm && rpm -ivh --nodeps libx-2.2-1.el9.rpm\n", [2]),
    "wheel-by-python-m-pip": ("FROM python:3.12-slim\nRUN curl -fLo /w/pkg-1.0-py3-none-any.whl https://dl.example.org/pkg-1.0-py3-none-any.whl \\\n"
                              " && python -m pip install /w/pkg-1.0-py3-none-any.whl\n", [2]),
    "zip-extracted-in-a-later-run": ("FROM debian:12-slim\nARG PZIP=protoc-21.12-linux-x86_64.zip\nRUN curl -OL https://github.com/p/p/releases/download/v21.12/$PZIP\n"
                                     "RUN unzip -o $PZIP -d /usr/local bin/protoc\n", [3]),
    "tar-in-a-builder": ("FROM golang:1.22 AS build\nRUN curl -fsSL -o /tmp/go.tgz https://dl.example.dev/go1.22.3.linux-amd64.tar.gz && tar -C /usr/local -xzf /tmp/go.tgz\n"
                         "FROM debian:12-slim\nCOPY --from=build /out /out\n", [2]),
    "short-commit-is-not-a-pin": ("FROM debian:12-slim\nRUN wget -N https://github.com/o/v/raw/fa78403/patch/libhip.so.6 -P /opt/rocm/lib\n", [2]),
    "a-check-before-the-download-does-not-count": ("FROM debian:12-slim\nRUN echo \"77ab  /opt/a\" | sha256sum -c -\n"
                                                   "RUN curl -fsSLo /tmp/n.tgz https://dl.example.org/n-2.tgz\nRUN tar -xzf /tmp/n.tgz -C /opt\n", [3]),
    "globbed-package-names": ("FROM ubuntu:24.04\nWORKDIR /pkgs\nRUN curl -fLO https://dl.example.com/r/v1.3/libze_1.3_amd64.deb \\\n"
                              " && dpkg -i *.deb\n", [3]),
    "globbed-path": ("FROM ubuntu:24.04\nRUN curl -fLo /tmp/drv-1.3.tgz https://dl.example.com/drv-1.3.tgz && tar -xzf /tmp/drv-*.tgz -C /opt\n", [2]),
    "one-run-two-downloads": ("FROM debian:12-slim\nRUN curl -fsSL https://a.example.org/i.sh | sh && \\\n"
                              "    curl -fsSLo /usr/local/bin/t https://b.example.org/t && chmod +x /usr/local/bin/t\n", [2, 3]),
    "model-archive-extracted-is-info": ("FROM debian:12-slim\nRUN wget -q https://files.example.org/models/vosk-model-fr-0.22.zip && unzip vosk-model-fr-0.22.zip\n", [2]),
}

test_passes, test_flagged = rule_tests(download_without_checksum, PASSES, FLAGS)


def _findings(text):
    return [(f.line, f.rule.severity, f.message) for f in report(text).findings if f.rule.code == "DH932"]


def test_a_piped_script_names_the_url_and_the_shell():
    [(line, severity, message)] = _findings("FROM python:3.12-slim\nRUN curl -fsSL https://get.example.dev/uv/install.sh | sh\n")
    assert (line, severity) == (2, Severity.WARNING)
    assert message.startswith("`curl https://get.example.dev/uv/install.sh | sh` runs a downloaded script unseen")
    assert "sha256sum -c -" in message


def test_a_saved_file_says_how_and_where_it_is_used():
    [(line, severity, message)] = _findings("FROM debian:12-slim\nRUN wget -q https://dl.example.org/tool-3.1.tar.gz \\\n"
                                            " && mkdir /opt/tool \\\n && tar -xzf tool-3.1.tar.gz -C /opt/tool\n")
    assert (line, severity) == (2, Severity.WARNING)
    assert message.startswith("https://dl.example.org/tool-3.1.tar.gz is downloaded and extracted (tar) (line 4) with no checksum")
    assert '`echo "$SHA256  tool-3.1.tar.gz" | sha256sum -c -`' in message and "ADD --checksum" in message


def test_a_long_url_is_shortened_to_its_host_and_file():
    [(_, _, message)] = _findings("FROM debian:12-slim\nRUN curl -fsSL -o /usr/local/bin/probe "
                                  "https://github.com/some-org/some-project/releases/download/v0.4.25/probe-linux-amd64\n")
    assert message.startswith("https://github.com/…/probe-linux-amd64 is downloaded and saved into /usr/local/bin/ (line 2)")


def test_a_data_archive_is_info_and_says_why():
    [(_, severity, message)] = _findings("FROM debian:12-slim\nRUN wget -q https://files.example.org/speech-model-en-0.3.zip && unzip speech-model-en-0.3.zip\n")
    assert severity is Severity.INFO and "holds data" in message


def test_a_program_archive_named_like_nothing_is_a_warning():
    [(_, severity, _)] = _findings("FROM debian:12-slim\nRUN wget -q https://files.example.org/speechd-0.3.zip && unzip speechd-0.3.zip\n")
    assert severity is Severity.WARNING


@pytest.mark.parametrize("mode, executable", [("+x", True), ("a+rx", True), ("755", True), ("0755", True), ("644", False), ("u+w", False), ("-x", False)])
def test_modes_that_make_a_file_executable(mode, executable):
    assert download_without_checksum._executable((mode, "f")) is executable
