"""IM102 image-unknown-user: the image's User is not in its /etc/passwd."""
from __future__ import annotations

import pytest

from support.inspect_support import findings


# Each case lists every finding of the user rules (IM1xx) that the User gets.
@pytest.mark.parametrize(("user", "expected"), [
    ("ghost", [("IM102", 0, "User ghost: no such user in the image's /etc/passwd")]),
])
def test_user(image_facts, user, expected):
    assert findings(image_facts(User=user), "IM1") == expected
