"""VF103 user-by-name-at-runtime: the image's USER is a name, not a numeric UID."""
from __future__ import annotations

import pytest

from dockharden.runtime.observation import CommandOutput
from support.observations import findings, good


@pytest.mark.parametrize(("user", "expected"), [
    ("1000:1000", []), ("1000", []), ("", []),
    ("aiuser", [("VF103", 5, "the image's USER is the name 'aiuser' (UID 1000 at runtime); Kubernetes runAsNonRoot "
                           "cannot verify a name: use a numeric USER such as 1000:1000")]),
    ("aiuser:1000", [("VF103", 5, "the image's USER is the name 'aiuser' (UID 1000 at runtime); Kubernetes "
                                  "runAsNonRoot cannot verify a name: use a numeric USER such as 1000:1000")]),
])
def test_user_by_name(user, expected):
    assert findings(good(config_user=user)) == expected


def test_root_by_name_is_reported_once_as_root():
    seen = good(config_user="root", id=CommandOutput(("id",), 0, "uid=0(root) gid=0(root) groups=0(root)\n"))
    assert [code for code, _, _ in findings(seen)] == ["VF101"]
