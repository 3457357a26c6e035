"""IM104 image-user-by-name: the image's User is a name, not a numeric UID."""
from __future__ import annotations

import pytest

from support.inspect_support import findings


# Each case lists every finding of the user rules (IM1xx) that the User gets.
@pytest.mark.parametrize(("user", "expected"), [
    ("app", [("IM104", 0, "User app is a name (UID 1000 in /etc/passwd); use USER 1000:1000")]),
    ("app:nogroup", [("IM104", 0, "User app:nogroup is a name (UID 1000 in /etc/passwd); use USER 1000")]),
])
def test_user(image_facts, user, expected):
    assert findings(image_facts(User=user), "IM1") == expected


@pytest.mark.parametrize("user", ["1000:1000", "1000", "root", "ghost"])
def test_numeric_root_and_unknown_users_are_not_this_rules(image_facts, user):
    """Numeric is what the rule asks for; a root name is IM101's, an unknown one IM102's."""
    assert findings(image_facts(User=user), "IM104") == []
