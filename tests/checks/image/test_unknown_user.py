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


@pytest.mark.parametrize("user", ["app", "app:app", "1500", "1000:1000"])
def test_a_user_the_image_resolves_or_a_numeric_uid_passes(image_facts, user):
    """A name is looked up in /etc/passwd; a numeric UID needs no entry there."""
    assert findings(image_facts(User=user), "IM102") == []


def test_the_message_names_the_whole_user_spec(image_facts):
    assert findings(image_facts(User="ghost:app"), "IM102") == [
        ("IM102", 0, "User ghost:app: no such user in the image's /etc/passwd")]
