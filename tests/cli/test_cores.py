"""The default --jobs of lint, matrix and inspect: the cores this process may run on, not the host's."""
from __future__ import annotations

import os

from dockharden.cli.options import cores


def test_cores_follow_the_affinity_mask_not_the_host():
    allowed = os.sched_getaffinity(0)
    try:
        os.sched_setaffinity(0, {min(allowed)})
        assert cores() == 1
    finally:
        os.sched_setaffinity(0, allowed)
    assert cores() == len(allowed)
