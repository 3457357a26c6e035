"""DH204 healthcheck-unsafe-timing: timings that hide a dead server or kill a live one."""
from dockharden.checks.dockerfile import healthcheck_unsafe_timing
from support.lintcase import report, rule_tests

PROBE = """CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/health')"]"""

PASSES = {
    "docker-defaults": f"""
        FROM python:3.12-slim
        HEALTHCHECK {PROBE}
    """,
    "spec-timings": f"""
        FROM python:3.12-slim
        HEALTHCHECK --interval=30s --timeout=10s --start-period=5s --retries=3 {PROBE}
    """,
    "go-durations": f"""
        FROM python:3.12-slim
        HEALTHCHECK --interval=1m30s --timeout=10s --start-period=2m {PROBE}
    """,
    # The engine reads 0 as "the default": 30s interval, 3 retries.
    "zero-means-default": f"""
        FROM python:3.12-slim
        HEALTHCHECK --interval=0s --retries=0 {PROBE}
    """,
    "unsafe-timings-in-builder-only": f"""
        FROM python:3.12-slim AS builder
        HEALTHCHECK --interval=1s {PROBE}
        FROM python:3.12-slim
    """,
}

FLAGS = {
    "timeout-longer-than-interval": (f"""
        FROM python:3.12-slim
        HEALTHCHECK --interval=10s --timeout=20s {PROBE}
    """, [2]),
    "interval-below-5s": (f"""
        FROM python:3.12-slim
        HEALTHCHECK --interval=2s --timeout=2s {PROBE}
    """, [2]),
    "timeout-1s": (f"""
        FROM python:3.12-slim
        HEALTHCHECK --timeout=1s {PROBE}
    """, [2]),
    "retries-11": (f"""
        FROM python:3.12-slim
        HEALTHCHECK --retries=11 {PROBE}
    """, [2]),
    "not-a-duration": (f"""
        FROM python:3.12-slim
        HEALTHCHECK --interval=30 {PROBE}
    """, [2]),
    "two-problems-two-findings": (f"""
        FROM python:3.12-slim
        HEALTHCHECK --interval=5s --timeout=10s --retries=20 {PROBE}
    """, [2, 2]),
}

test_passes, test_flagged = rule_tests(healthcheck_unsafe_timing, PASSES, FLAGS)


def test_messages_say_what_is_wrong():
    findings = [f for f in report(FLAGS["two-problems-two-findings"][0]).findings if f.rule.code == "DH204"]
    assert [f.message for f in findings] == [  # in report order: same line, so by message
        "retries 20 hides a dead server for 100s",
        "timeout 10s is longer than the interval 5s",
    ]
    (bad,) = [f for f in report(FLAGS["not-a-duration"][0]).findings if f.rule.code == "DH204"]
    assert bad.message == "--interval=30 is not a duration"
