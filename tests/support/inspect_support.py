"""Small images made in memory for the image-rule and inspect tests, the fixtures that read or
write them (registered in tests/conftest.py), and findings as comparable tuples."""
from __future__ import annotations

from pathlib import Path

import pytest

from dockharden.image import ImageFacts, read_facts
from dockharden.checks.inspect import check_facts
from dockharden.core.settings import Settings
from support.archives import DockerArchive, Member, directory, file, symlink, tar_bytes

PASSWD = b"root:x:0:0:root:/root:/bin/bash\napp:x:1000:1000::/home/app:/usr/sbin/nologin\n"
GROUP = b"root:x:0:\napp:x:1000:\n"
BASE_LAYER = [
    directory("etc"), file("etc/passwd", PASSWD), file("etc/group", GROUP), directory("usr"), directory("usr/bin"),
    file("usr/bin/python3", b"\x7fELF", mode=0o755), file("usr/bin/sh", b"\x7fELF", mode=0o755),
    file("usr/bin/su", b"\x7fELF", mode=0o4755), symlink("bin", "usr/bin"),
]
APP_LAYER = [directory("app", uid=1000, gid=1000), file("app/main.py", b"print(1)\n", uid=1000, gid=1000)]
PROBE = ["CMD", "python3", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/health', timeout=5)"]
SECOND, MB = 1_000_000_000, 1_000_000
GOOD_ENV = ["PATH=/usr/bin:/bin", "PYTHONUNBUFFERED=1", "PYTHONDONTWRITEBYTECODE=1"]
GITHUB_TOKEN = "ghp_" + "A1b2C3d4E5" * 3 + "f6G7h8"
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
GOOD_CONFIG = {
    "User": "1000:1000",
    "WorkingDir": "/app",
    "Env": GOOD_ENV,
    "Cmd": ["python3", "/app/main.py"],
    "Healthcheck": {"Test": PROBE, "Interval": 30 * SECOND, "Timeout": 10 * SECOND, "StartPeriod": 5 * SECOND,
                    "Retries": 3},
    "Labels": {"org.opencontainers.image.version": "1.0", "org.opencontainers.image.created": "2026-01-02",
               "org.opencontainers.image.revision": "0123abcd"},
}
BASE_STEPS = [{"created_by": "/bin/sh -c #(nop) ADD file:0123abcd in / "},
              {"created_by": '/bin/sh -c #(nop)  CMD ["bash"]', "empty_layer": True}]


def image_archive(*layers: list[Member], steps: tuple[str | dict, ...] = (), **config) -> bytes:
    """A `docker save` archive: the base layer, then `layers`, made in order by the `steps` given
    as text (dicts are config-only steps; default: a COPY per layer); config keys override the
    good config (None deletes one)."""
    layers = layers or (APP_LAYER,)
    steps = steps or ("COPY . /app # buildkit",) * len(layers)
    merged = {key: value for key, value in {**GOOD_CONFIG, **config}.items() if value is not None}
    history = BASE_STEPS + [step if isinstance(step, dict) else {"created_by": step} for step in steps]
    return DockerArchive([tar_bytes(BASE_LAYER)] + [tar_bytes(layer) for layer in layers], merged, history).tar()


def findings(facts: ImageFacts, prefix: str = "IM", settings: Settings = Settings()) -> list[tuple[str, int, str]]:
    """(code, line, message) of the findings whose code starts with `prefix`."""
    report = check_facts(facts, "image.tar", settings)
    return [(f.rule.code, f.line, f.message) for f in report.findings if f.rule.code.startswith(prefix)]


@pytest.fixture
def image_facts(tmp_path):
    """Facts of image_archive(...), read from a file like any IMAGE argument."""
    def read(*layers: list[Member], steps: tuple[str | dict, ...] = (), **config) -> ImageFacts:
        path = tmp_path / f"image-{len(list(tmp_path.iterdir()))}.tar"
        path.write_bytes(image_archive(*layers, steps=steps, **config))
        return read_facts(path)

    return read


@pytest.fixture
def image_file(tmp_path):
    def write(*layers: list[Member], steps: tuple[str | dict, ...] = (), **config) -> Path:
        path = tmp_path / "image.tar"
        path.write_bytes(image_archive(*layers, steps=steps, **config))
        return path

    return write
