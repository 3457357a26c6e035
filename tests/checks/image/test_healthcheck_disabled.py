"""IM202 image-healthcheck-disabled: the image's health check is NONE."""
from __future__ import annotations

from support.inspect_support import findings


def test_healthcheck_none(image_facts):
    assert findings(image_facts(Healthcheck={"Test": ["NONE"]}), "IM2") == [("IM202", 0, "the image's Healthcheck is NONE")]
