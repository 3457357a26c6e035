"""DH911 add-url-without-checksum: ADD of a URL that nothing verifies."""
from dockharden.checks.dockerfile import add_url_without_checksum
from support.lintcase import rule_tests

PASSES = {
    "checksum": "FROM python:3.12-slim\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://x/tini /tini\n",
    "local-file": "FROM python:3.12-slim\nADD app.tar.gz /app/\n",
    "git-repository": "FROM python:3.12-slim\nADD https://github.com/moby/buildkit.git#v0.14.1 /src\n",
    "git-ssh": "FROM python:3.12-slim\nADD git@github.com:moby/buildkit.git /src\n",
    "copy-is-not-add": "FROM python:3.12-slim\nCOPY --from=builder /x /x\n",
}

FLAGS = {
    "https": ("FROM python:3.12-slim\nADD https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini\n", [2]),
    "after-arg-expansion": ("FROM python:3.12-slim\nARG V=b4827\nADD https://github.com/ggml-org/llama.cpp/archive/refs/tags/${V}.tar.gz /src/\n", [3]),
    "on-a-continued-add": ("FROM python:3.12-slim\nADD --chown=1000:1000 \\\n    http://example.com/model.bin /models/\n", [2]),
}

test_passes, test_flagged = rule_tests(add_url_without_checksum, PASSES, FLAGS)
