"""DH901 add-local-file: ADD of local files that are not archives."""
from dockharden.checks.dockerfile import add_local_file
from support.lintcase import rule_tests

PASSES = {
    "copy": "FROM python:3.12-slim\nCOPY requirements.txt /app/\n",
    "local-archive": "FROM python:3.12-slim\nADD app.tar.gz /app/\n",
    "url": "FROM python:3.12-slim\nADD https://example.com/model.bin /models/\n",
    "git": "FROM python:3.12-slim\nADD git@github.com:org/repo.git /src\n",
    "heredoc": "FROM python:3.12-slim\nADD <<EOF /app/config.ini\n[app]\nEOF\n",
    "from-stage": "FROM python:3.12-slim AS b\nFROM python:3.12-slim\nADD --from=b /x /y\n",
}

FLAGS = {
    "file": ("FROM python:3.12-slim\nADD requirements.txt /app/\n", [2]),
    "with-chown": ("FROM python:3.12-slim\nADD --chown=1000:1000 src main.py /app/\n", [2]),
    "exec-form": ('FROM python:3.12-slim\nADD ["my file.txt", "/app/"]\n', [2]),
    "archive-and-file": ("FROM python:3.12-slim\nADD app.tar.gz README.md /app/\n", [2]),
}

test_passes, test_flagged = rule_tests(add_local_file, PASSES, FLAGS)
