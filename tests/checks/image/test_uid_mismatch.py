"""IM103 image-uid-mismatch: the image user's UID is not the required UID."""
from __future__ import annotations

import pytest

from dockharden.core.settings import Settings
from support.inspect_support import findings


# Each case lists every finding of the user rules (IM1xx) that the User gets.
@pytest.mark.parametrize(("user", "expected"), [
    ("1500", [("IM103", 0, "User 1500 has UID 1500, not the required 1000")]),
])
def test_user(image_facts, user, expected):
    assert findings(image_facts(User=user), "IM1") == expected


def test_required_uid_comes_from_the_settings(image_facts):
    facts = image_facts(User="1500:1500")
    assert findings(facts, "IM1", Settings(required_uid=1500)) == []
    assert findings(image_facts(), "IM1", Settings(required_uid=1500)) == [
        ("IM103", 0, "User 1000:1000 has UID 1000, not the required 1500"),
    ]
