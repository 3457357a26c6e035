"""VF101 runs-as-root: the running container's process is root."""
from __future__ import annotations

import pytest

from dockharden.runtime.observation import CommandOutput
from support.observations import findings, good


@pytest.mark.parametrize(("id_output", "expected"), [
    ("uid=0(root) gid=0(root) groups=0(root)\n",
     [("VF101", 4, "the container runs as root (uid=0(root) gid=0(root) groups=0(root))")]),
])
def test_runtime_uid(id_output, expected):
    seen = good(id=CommandOutput(("id",), 0, id_output), config_user="", listing=CommandOutput((), None, ""))
    assert findings(seen) == expected


def test_whoami_root_counts_when_id_cannot_run():
    seen = good(whoami=CommandOutput(("whoami",), 0, "root\n"), id=CommandOutput(("id",), 127, "exec: id: not found"))
    assert findings(seen) == [
        ("VF101", 3, "the container runs as root (whoami: root)"),
        ("VF901", 4, "`id` failed (exit 127): exec: id: not found"),
    ]


@pytest.mark.parametrize("id_output", ["uid=1000(app) gid=1000(app) groups=1000(app)\n",
                                       "uid=1000(app) gid=0(root) groups=0(root)\n"])
def test_a_non_root_uid_passes_whatever_its_group(id_output):
    assert findings(good(id=CommandOutput(("id",), 0, id_output))) == []


def test_whoami_is_not_asked_when_id_answers():
    seen = good(whoami=CommandOutput(("whoami",), 0, "root\n"))
    assert findings(seen) == []
