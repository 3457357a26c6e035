"""IM204 image-healthcheck-unsafe-timing: the image's health-check timings are unsafe."""
from __future__ import annotations

import pytest

from support.inspect_support import SECOND, findings


@pytest.mark.parametrize(("timings", "expected"), [
    ({}, []),  # Docker's defaults: 30s, 30s, 3 retries
    ({"Interval": 30 * SECOND, "Timeout": 10 * SECOND, "Retries": 3}, []),
    ({"Interval": 2 * SECOND, "Timeout": 10 * SECOND, "Retries": 20}, [
        "timeout 10s is longer than the interval 2s", "interval 2s is shorter than 5s",
        "retries 20 hides a dead server for 40s"]),
    ({"Interval": 5 * SECOND}, ["timeout 30s is longer than the interval 5s"]),
    ({"Timeout": SECOND}, ["timeout 1s leaves no room for a slow answer"]),
    ({"Timeout": SECOND // 2}, ["timeout 0.5s leaves no room for a slow answer"]),
])
def test_timings(image_facts, timings, expected):
    facts = image_facts(Healthcheck={"Test": ["CMD", "python3", "-c", "1"], **timings})
    assert findings(facts, "IM2") == [("IM204", 0, message) for message in sorted(expected)]


def test_no_timing_findings_for_a_disabled_check(image_facts):
    codes = [code for code, _, _ in findings(image_facts(Healthcheck={"Test": ["NONE"], "Interval": SECOND}))]
    assert "IM204" not in codes
