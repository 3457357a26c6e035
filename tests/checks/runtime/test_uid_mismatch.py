"""VF102 uid-mismatch-at-runtime: the running container's UID is not the required UID."""
from __future__ import annotations

import pytest

from dockharden.runtime.observation import CommandOutput, VerifyOptions
from support.observations import findings, good


@pytest.mark.parametrize(("id_output", "expected"), [
    ("uid=1001(app) gid=1001(app) groups=1001(app)\n",
     [("VF102", 4, "the container runs as UID 1001 (app), not the required UID 1000")]),
    ("uid=1001 gid=1001 groups=1001\n",
     [("VF102", 4, "the container runs as UID 1001, not the required UID 1000")]),
])
def test_runtime_uid(id_output, expected):
    seen = good(id=CommandOutput(("id",), 0, id_output), config_user="", listing=CommandOutput((), None, ""))
    assert findings(seen) == expected


def test_required_uid_is_configurable():
    seen = good(id=CommandOutput(("id",), 0, "uid=1001(app) gid=1001(app)\n"), listing=CommandOutput((), None, ""))
    assert findings(seen, VerifyOptions(required_uid=1001)) == []
