"""IM201 image-missing-healthcheck: the image has no health check."""
from __future__ import annotations

from support.inspect_support import findings


def test_good_healthcheck_passes(image_facts):
    assert findings(image_facts(), "IM2") == []


def test_missing_healthcheck(image_facts):
    assert findings(image_facts(Healthcheck=None), "IM2") == [("IM201", 0, "the image config has no Healthcheck")]
