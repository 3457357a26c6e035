"""Names that are not UTF-8, or hold terminal controls, in every format: valid UTF-8 out,
escaped, and `-o FILE` written (it was an internal UnicodeEncodeError)."""
from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from support.hostile import docker_archive, end, member

NAME = b"app/\xff\x1b[31m\x07/.env"  # a folder whose name is not UTF-8, with an ANSI colour and a bell


@pytest.fixture
def image(tmp_path):
    path = tmp_path / "odd.tar"
    path.write_bytes(docker_archive([member(NAME, b"SECRET=1\n") + end()], config={"User": "1000"}))
    return path


def inspect(*args) -> tuple[int, bytes, bytes]:
    done = subprocess.run([sys.executable, "-m", "dockharden", "inspect", *map(str, args)], capture_output=True,
                          env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "LC_ALL": "C.UTF-8"}, timeout=120)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "markdown", "text"])
def test_every_format_is_utf8_and_escapes_the_name(image, fmt):
    code, out, err = inspect("--format", fmt, image)
    assert code == 1, err
    text = out.decode("utf-8")  # strict: any raw undecodable byte fails here
    assert "\x1b" not in text and "\x07" not in text
    assert "\\xff" in text
    if fmt in ("json", "sarif"):
        json.loads(text)
        assert "\\u001b" in text or "\\\\x1b" in text
    elif fmt == "junit":
        ET.fromstring(out)
    elif fmt == "markdown":  # markdown's own escapes on top: it renders as the text format shows
        assert "\\\\x1b\\[31m\\\\x07/.env" in text
    else:
        assert "\\x1b[31m\\x07/.env" in text


def test_output_file_is_written(image, tmp_path):
    target = tmp_path / "report.json"
    code, _, err = inspect("--format", "json", "-o", target, image)
    assert (code, err) == (1, b"")
    messages = [f["message"] for f in json.loads(target.read_text(encoding="utf-8"))["files"][0]["findings"]]
    assert any("/app/\\xff\x1b[31m\x07/.env" in message for message in messages)


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "markdown", "text"])
def test_a_dockerfile_path_that_is_not_utf8(tmp_path, fmt):
    folder = bytes(tmp_path) + b"/\xfe\x1b]0;title\x07"
    subprocess.run(["mkdir", folder], check=True)
    with open(folder + b"/Dockerfile", "wb") as handle:
        handle.write(b"FROM python:3.12-slim\n")
    done = subprocess.run([sys.executable, "-m", "dockharden", "lint", "--format", fmt, folder], capture_output=True,
                          env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "LC_ALL": "C.UTF-8"}, timeout=120)
    assert done.returncode == 1, done.stderr
    text = done.stdout.decode("utf-8")
    assert "\x1b" not in text and "\x07" not in text and "xfe" in text
