"""IM202 image-healthcheck-disabled: the image's health check is NONE."""
from __future__ import annotations

import pytest

from support.inspect_support import findings


def test_healthcheck_none(image_facts):
    assert findings(image_facts(Healthcheck={"Test": ["NONE"]}), "IM2") == [("IM202", 0, "the image's Healthcheck is NONE")]


@pytest.mark.parametrize("healthcheck", [
    None,  # IM201's
    {"Test": ["CMD", "python3", "-c", "1"]},
    {"Test": ["CMD", "NONE"]},  # a program named NONE, not HEALTHCHECK NONE
])
def test_a_probe_or_no_healthcheck_is_not_none(image_facts, healthcheck):
    assert findings(image_facts(Healthcheck=healthcheck), "IM202") == []
