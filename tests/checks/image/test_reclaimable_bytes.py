"""IM701 exec form, IM801 build tools, and the general IM9xx checks."""
from __future__ import annotations

import pytest

from dockharden.checks.inspect import check_facts
from dockharden.core.settings import Settings
from dockharden.core.vocabulary import Severity
from support.archives import directory, file
from support.inspect_support import APP_LAYER, findings

MB = 1_000_000


@pytest.mark.parametrize(("config", "expected"), [
    ({"Cmd": ["/bin/sh", "-c", "python3 /app/main.py"]},
     [("IM701", 0, "Cmd is `/bin/sh -c python3 /app/main.py`: the shell stays PID 1 and swallows SIGTERM")]),
    ({"Entrypoint": ["/bin/sh", "-c", "gunicorn main:app"], "Cmd": None},
     [("IM701", 0, "Entrypoint is `/bin/sh -c gunicorn main:app`: the shell stays PID 1 and swallows SIGTERM")]),
    ({"Cmd": ["/bin/sh", "-c", "exec python3 /app/main.py"]}, []),
    ({"Entrypoint": ["python3"], "Cmd": ["/bin/sh", "-c", "x"]}, []),
    ({"Cmd": ["python3", "/app/main.py"]}, []),
    ({"Cmd": None}, []),
])
def test_shell_form_command(image_facts, config, expected):
    assert findings(image_facts(**config), "IM7") == expected


def test_build_tools(image_facts):
    tools = APP_LAYER + [file("usr/bin/gcc", b"\x7fELF", mode=0o755), file("usr/bin/make", b"\x7fELF", mode=0o755),
                         directory("usr/lib"), directory("usr/lib/gcc")]
    assert findings(image_facts(tools), "IM8") == [
        ("IM801", 0, "build tools in the final image: gcc (/usr/bin/gcc), make (/usr/bin/make), gcc-toolchain (/usr/lib/gcc)"),
    ]
    assert findings(image_facts(), "IM8") == []


def test_setuid_added_above_the_base(image_facts):
    layer = APP_LAYER + [directory("usr/local"), directory("usr/local/bin"),
                         file("usr/local/bin/helper", b"\x7fELF", mode=0o4755), file("usr/local/bin/grp", b"", mode=0o2755)]
    facts = image_facts(layer, steps=("RUN /bin/sh -c chmod u+s /usr/local/bin/helper # buildkit",))
    assert findings(facts, "IM901") == [
        ("IM901", 3, "/usr/local/bin/grp: setgid (mode 2755, owner 0:0), added by step 3 (RUN chmod u+s /usr/local/bin/helper)"),
        ("IM901", 3, "/usr/local/bin/helper: setuid (mode 4755, owner 0:0), added by step 3 (RUN chmod u+s /usr/local/bin/helper)"),
    ]
    assert findings(image_facts(), "IM901") == []  # the base image's su is the base's business


def test_size_budget(image_facts):
    facts = image_facts()
    assert findings(facts, "IM902", Settings(size_budget_mb=0)) == [
        ("IM902", 0, f"the image holds {facts.total_size} B, over the 0 MB budget"),
    ]
    assert findings(image_facts([file("big.bin", bytes(2 * MB))]), "IM902", Settings(size_budget_mb=1)) == [
        ("IM902", 0, "the image holds 2.0 MB, over the 1 MB budget"),
    ]
    assert findings(facts, "IM902") == []


def _reclaimable(image_facts, hidden: int, kept: int):
    layers = ([file("kept.bin", bytes(kept)), file("cache.bin", bytes(hidden))], [file(".wh.cache.bin")])
    return check_facts(image_facts(*layers, steps=("COPY . / # buildkit", "RUN /bin/sh -c rm /cache.bin # buildkit")),
                       "image.tar")


def test_reclaimable_bytes_info_and_warning(image_facts):
    [info] = [f for f in _reclaimable(image_facts, 2 * MB, 30 * MB).findings if f.rule.code == "IM903"]
    assert (info.rule.severity, info.line, info.message) == (
        Severity.INFO, 0, "2.0 MB (6% of the image) overwritten or deleted by later layers; most by step 4 (RUN rm /cache.bin)")
    [warning] = [f for f in _reclaimable(image_facts, 2 * MB, 1 * MB).findings if f.rule.code == "IM903"]
    assert (warning.rule.severity, warning.message) == (
        Severity.WARNING, "2.0 MB (67% of the image) overwritten or deleted by later layers; most by step 4 (RUN rm /cache.bin)")
    assert [f for f in _reclaimable(image_facts, MB - 1, 0).findings if f.rule.code == "IM903"] == []


def test_chown_duplicates_are_left_to_im401(image_facts):
    copied = [file("data.bin", bytes(3 * MB))]
    chowned = [file("data.bin", bytes(3 * MB), uid=1000, gid=1000)]
    report = check_facts(image_facts(copied, chowned), "image.tar")
    assert [f.rule.code for f in report.findings] == ["IM401"]


@pytest.mark.parametrize(("labels", "missing"), [
    (None, "org.opencontainers.image.version, org.opencontainers.image.created, org.opencontainers.image.revision"),
    ({"org.opencontainers.image.version": "1.0"}, "org.opencontainers.image.created, org.opencontainers.image.revision"),
    ({"org.opencontainers.image.version": "1.0", "org.opencontainers.image.created": "",
      "org.opencontainers.image.revision": "abc"}, "org.opencontainers.image.created"),
])
def test_oci_labels(image_facts, labels, missing):
    assert findings(image_facts(Labels=labels), "IM904") == [("IM904", 0, f"no label {missing}")]
