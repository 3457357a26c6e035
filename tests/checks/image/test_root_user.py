"""IM101 image-root-user: the image's User is root, or it sets none."""
from __future__ import annotations

import pytest

from support.inspect_support import findings


def test_good_image_has_no_user_findings(image_facts):
    assert findings(image_facts(), "IM1") == []


# Each case lists every finding of the user rules (IM1xx) that the User gets.
@pytest.mark.parametrize(("user", "expected"), [
    (None, [("IM101", 0, "the image config sets no User: the container runs as root")]),
    ("", [("IM101", 0, "the image config sets no User: the container runs as root")]),
    ("root", [("IM101", 0, "the image runs as root (User root)")]),
    ("0", [("IM101", 0, "the image runs as root (User 0)")]),
    ("0:1000", [("IM101", 0, "the image runs as root (User 0:1000)")]),
    ("root:app", [("IM101", 0, "the image runs as root (User root:app)")]),
    ("1000", []),
    ("1000:1000", []),
])
def test_user(image_facts, user, expected):
    assert findings(image_facts(User=user), "IM1") == expected
