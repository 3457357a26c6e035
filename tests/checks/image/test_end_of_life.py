"""IM928 image-end-of-life: the image's distribution (its os-release) or Python is past its support."""
from __future__ import annotations

import pytest

from dockharden.core.settings import Settings
from support.archives import directory, file, symlink
from support.inspect_support import APP_LAYER, GOOD_ENV, findings

DEBIAN_10 = b'PRETTY_NAME="Debian GNU/Linux 10 (buster)"\nNAME="Debian GNU/Linux"\nVERSION_ID="10"\nVERSION_CODENAME=buster\nID=debian\n'
DEBIAN_12 = b'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nID=debian\n'
ALPINE_318 = b"NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.18.4\n"
UBUNTU_2004 = b'NAME="Ubuntu"\nVERSION_ID="20.04"\nVERSION_CODENAME=focal\nID=ubuntu\nID_LIKE=debian\n'


def linked(text: bytes) -> list:
    """/usr/lib/os-release with /etc/os-release a relative link to it, as Debian ships them."""
    return [directory("usr/lib"), file("usr/lib/os-release", text), symlink("etc/os-release", "../usr/lib/os-release")]


@pytest.mark.parametrize("layers, env, expected", [
    ([linked(DEBIAN_10)], GOOD_ENV, ["the image is built on a release whose security support ended: Debian 10 (buster) on 2024-06-30"]),
    ([[file("etc/os-release", ALPINE_318)]], GOOD_ENV,
     ["the image is built on a release whose security support ended: Alpine 3.18 on 2025-05-09"]),
    ([linked(UBUNTU_2004)], GOOD_ENV + ["PYTHON_VERSION=3.8.18"],
     ["the image is built on releases whose security support ended: Ubuntu 20.04 (focal) on 2025-05-31 and Python 3.8 on 2024-10-07"]),
    ([linked(DEBIAN_12)], GOOD_ENV + ["PYTHON_VERSION=3.9.20"],
     ["the image is built on a release whose security support ended: Python 3.9 on 2025-10-31"]),
    ([linked(DEBIAN_12)], GOOD_ENV + ["PYTHON_VERSION=3.12.7"], []),
    ([linked(DEBIAN_10), linked(DEBIAN_12)], GOOD_ENV, []),  # an upper layer's os-release is the image's
    ([APP_LAYER], GOOD_ENV, []),  # no os-release: nothing known
])
def test_the_release_the_image_is_built_on(image_facts, layers, env, expected):
    facts = image_facts(*layers, Env=env)
    assert [message for _, _, message in findings(facts, "IM928")] == expected


def test_the_os_release_pairs_are_read_unquoted(image_facts):
    facts = image_facts(linked(DEBIAN_10))
    assert dict(facts.os_release)["PRETTY_NAME"] == "Debian GNU/Linux 10 (buster)"
    assert (dict(facts.os_release)["VERSION_ID"], dict(facts.os_release)["ID"]) == ("10", "debian")


def test_the_date_decides(image_facts):
    facts = image_facts(linked(DEBIAN_12), Env=GOOD_ENV + ["PYTHON_VERSION=3.10.15"])
    assert findings(facts, "IM928", Settings(today="2026-10-31")) == []
    assert findings(facts, "IM928", Settings(today="2026-11-01")) == [
        ("IM928", 0, "the image is built on a release whose security support ended: Python 3.10 on 2026-10-31")]
