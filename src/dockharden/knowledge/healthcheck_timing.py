"""When healthcheck timings make the check useless or harmful; shared by lint (DH204) and inspect (IM204)."""
from __future__ import annotations

MIN_INTERVAL = 5.0
MIN_TIMEOUT = 1.0
MAX_RETRIES = 10


def timing_problems(interval: float, timeout: float, retries: int) -> list[str]:
    """Problems with these timings (seconds), worded for a finding; [] when they are sane."""
    problems = []
    if timeout > interval:
        problems.append(f"timeout {timeout:g}s is longer than the interval {interval:g}s")
    if interval < MIN_INTERVAL:
        problems.append(f"interval {interval:g}s is shorter than {MIN_INTERVAL:g}s")
    if timeout <= MIN_TIMEOUT:
        problems.append(f"timeout {timeout:g}s leaves no room for a slow answer")
    if retries > MAX_RETRIES:
        problems.append(f"retries {retries} hides a dead server for {retries * interval:g}s")
    return problems
