"""IM203 image-probe-missing: the health check runs a program the image does not have."""
from __future__ import annotations

import pytest

from support.archives import file
from support.inspect_support import APP_LAYER, SECOND, findings


@pytest.mark.parametrize(("test", "expected"), [
    (["CMD-SHELL", "curl -f http://localhost:8000/health || exit 1"],
     [("IM203", 0, "the health check runs curl, which is not in the image")]),
    (["CMD", "/usr/local/bin/probe"], [("IM203", 0, "the health check runs /usr/local/bin/probe, which is not in the image")]),
    (["CMD", "wget", "-q", "http://127.0.0.1:8000/health"], [("IM203", 0, "the health check runs wget, which is not in the image")]),
    (["CMD-SHELL", "python3 -c 'print(1)' || exit 1"], []),
    (["CMD-SHELL", "exit 0"], []),
    (["CMD", "/usr/bin/python3", "-c", "print(1)"], []),
    (["CMD", "python3", "-c", "print(1)"], []),
])
def test_probe_program(image_facts, test, expected):
    check = {"Test": test, "Interval": 30 * SECOND, "Timeout": 10 * SECOND}
    assert findings(image_facts(Healthcheck=check), "IM2") == expected


def test_shell_probe_in_an_image_without_sh(image_facts):
    facts = image_facts(APP_LAYER + [file("usr/bin/.wh.sh")], Healthcheck={"Test": ["CMD-SHELL", "python3 -c 1"]})
    assert findings(facts, "IM2") == [("IM203", 0, "the CMD-SHELL health check needs /bin/sh, which the image lacks")]
