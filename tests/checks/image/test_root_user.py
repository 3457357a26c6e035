"""IM101-IM104: the image's User, resolved through its own /etc/passwd."""
from __future__ import annotations

import pytest

from dockharden.core.settings import Settings
from support.inspect_support import findings


def test_good_image_has_no_user_findings(image_facts):
    assert findings(image_facts(), "IM1") == []


@pytest.mark.parametrize(("user", "expected"), [
    (None, [("IM101", 0, "the image config sets no User: the container runs as root")]),
    ("", [("IM101", 0, "the image config sets no User: the container runs as root")]),
    ("root", [("IM101", 0, "the image runs as root (User root)")]),
    ("0", [("IM101", 0, "the image runs as root (User 0)")]),
    ("0:1000", [("IM101", 0, "the image runs as root (User 0:1000)")]),
    ("root:app", [("IM101", 0, "the image runs as root (User root:app)")]),
    ("ghost", [("IM102", 0, "User ghost: no such user in the image's /etc/passwd")]),
    ("app", [("IM104", 0, "User app is a name (UID 1000 in /etc/passwd); use USER 1000:1000")]),
    ("app:nogroup", [("IM104", 0, "User app:nogroup is a name (UID 1000 in /etc/passwd); use USER 1000")]),
    ("1500", [("IM103", 0, "User 1500 has UID 1500, not the required 1000")]),
    ("1000", []),
    ("1000:1000", []),
])
def test_user(image_facts, user, expected):
    assert findings(image_facts(User=user), "IM1") == expected


def test_required_uid_comes_from_the_settings(image_facts):
    facts = image_facts(User="1500:1500")
    assert findings(facts, "IM1", Settings(required_uid=1500)) == []
    assert findings(image_facts(), "IM1", Settings(required_uid=1500)) == [
        ("IM103", 0, "User 1000:1000 has UID 1000, not the required 1500"),
    ]
