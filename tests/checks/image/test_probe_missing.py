"""IM201-IM204: the image's Healthcheck: present, not NONE, a probe the image has, sane timings."""
from __future__ import annotations

import pytest

from support.archives import file
from support.inspect_support import APP_LAYER, SECOND, findings


def test_good_healthcheck_passes(image_facts):
    assert findings(image_facts(), "IM2") == []


def test_missing_healthcheck(image_facts):
    assert findings(image_facts(Healthcheck=None), "IM2") == [("IM201", 0, "the image config has no Healthcheck")]


def test_healthcheck_none(image_facts):
    assert findings(image_facts(Healthcheck={"Test": ["NONE"]}), "IM2") == [("IM202", 0, "the image's Healthcheck is NONE")]


@pytest.mark.parametrize(("test", "expected"), [
    (["CMD-SHELL", "curl -f http://localhost:8000/health || exit 1"],
     [("IM203", 0, "the health check runs curl, which is not in the image")]),
    (["CMD", "/usr/local/bin/probe"], [("IM203", 0, "the health check runs /usr/local/bin/probe, which is not in the image")]),
    (["CMD", "wget", "-q", "http://127.0.0.1:8000/health"], [("IM203", 0, "the health check runs wget, which is not in the image")]),
    (["CMD-SHELL", "python3 -c 'print(1)' || exit 1"], []),
    (["CMD-SHELL", "exit 0"], []),
    (["CMD", "/usr/bin/python3", "-c", "print(1)"], []),
    (["CMD", "python3", "-c", "print(1)"], []),
])
def test_probe_program(image_facts, test, expected):
    check = {"Test": test, "Interval": 30 * SECOND, "Timeout": 10 * SECOND}
    assert findings(image_facts(Healthcheck=check), "IM2") == expected


def test_shell_probe_in_an_image_without_sh(image_facts):
    facts = image_facts(APP_LAYER + [file("usr/bin/.wh.sh")], Healthcheck={"Test": ["CMD-SHELL", "python3 -c 1"]})
    assert findings(facts, "IM2") == [("IM203", 0, "the CMD-SHELL health check needs /bin/sh, which the image lacks")]


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
