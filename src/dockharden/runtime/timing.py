"""How verify starts the container: the RunSpec (engine.py shows it as a `docker run` command), the health deadline."""
from __future__ import annotations

from dockharden.runtime.engine import RunSpec
from dockharden.runtime.observation import VerifyOptions

NANOSECONDS = 1_000_000_000
LABEL = "io.dockharden.verify"
# Docker's defaults when the image leaves a timing out.
DEFAULT_INTERVAL, DEFAULT_TIMEOUT, DEFAULT_RETRIES = 30.0, 30.0, 3
DEADLINE_MARGIN = 5.0
_HEALTH_FIELDS = ("interval", "timeout", "start_period", "retries")


def run_spec(image: str, name: str, options: VerifyOptions) -> RunSpec:
    ports = {f"{inside}/tcp": (host_ip, host_port) for host_ip, host_port, inside in options.publish}
    return RunSpec(image=image, name=name, network=options.network, ports=ports,
                   labels={LABEL: "true"}, healthcheck=_health_overrides(options))


def _health_overrides(options: VerifyOptions) -> dict[str, int]:
    overrides = {}
    for field in _HEALTH_FIELDS:
        value = getattr(options.health, field)
        if value is not None:
            overrides[field] = int(value) if field == "retries" else round(value * NANOSECONDS)
    return overrides


def health_deadline(healthcheck: dict | None, options: VerifyOptions) -> float:
    """--timeout, or long enough for a failing probe to turn the container unhealthy:
    start period + (retries + 1) x (interval + timeout), plus a margin."""
    if options.timeout is not None:
        return options.timeout
    check, given = healthcheck or {}, options.health
    interval = given.interval or (check.get("Interval") or 0) / NANOSECONDS or DEFAULT_INTERVAL
    timeout = given.timeout or (check.get("Timeout") or 0) / NANOSECONDS or DEFAULT_TIMEOUT
    start = given.start_period if given.start_period is not None else (check.get("StartPeriod") or 0) / NANOSECONDS
    retries = given.retries or check.get("Retries") or DEFAULT_RETRIES
    return start + (retries + 1) * (interval + timeout) + DEADLINE_MARGIN
