"""`dockharden verify IMAGE`: start a container of IMAGE on the Docker Engine and prove the
hardening patterns at runtime; always removes what it started."""
from __future__ import annotations

import re
import sys

import click

from dockharden.cli.options import load_settings, report_options, settings_options
from dockharden.cli.output import EXIT_INPUT, EXIT_INTERRUPTED, emit, exit_code

_DURATION = re.compile(r"(\d+(?:\.\d+)?)(ms|s|m|h)")
_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}
_PUBLISH = re.compile(r"(?:(?P<ip>[0-9.]+|\[[0-9a-fA-F:]+\]):)?(?P<host>\d{1,5}):(?P<inside>\d{1,5})")


class Duration(click.ParamType):
    """Seconds, or a Go-style duration as `docker run --health-interval` takes it: 1s, 500ms, 1m30s."""

    name = "duration"

    def convert(self, value, param, ctx):
        if isinstance(value, float):
            return value
        text = str(value).strip()
        if re.fullmatch(r"\d+(\.\d+)?", text):
            return float(text)
        parts = _DURATION.findall(text)
        if not parts or "".join(number + unit for number, unit in parts) != text:
            self.fail(f"{value!r} is not a duration such as 1s, 500ms or 1m30s", param, ctx)
        return sum(float(number) * _UNITS[unit] for number, unit in parts)


def _publish(ctx, param, values: tuple[str, ...]) -> tuple[tuple[str, int, int], ...]:
    published = []
    for value in values:
        match = _PUBLISH.fullmatch(value)
        if match is None or not all(1 <= int(match[key]) <= 65535 for key in ("host", "inside")):
            raise click.BadParameter(f"{value!r} is not [HOST_IP:]HOST_PORT:CONTAINER_PORT")
        published.append((match["ip"] or "127.0.0.1", int(match["host"]), int(match["inside"])))
    return tuple(published)


@click.command()
@click.argument("image")
@report_options
@settings_options(uid_of="container's process", target=False)
@click.option("--network", help="Network for the container  [default: none; bridge with --publish]")
@click.option("--publish", "-p", multiple=True, callback=_publish,
              help="Publish a port, [HOST_IP:]HOST_PORT:CONTAINER_PORT; HOST_IP defaults to 127.0.0.1.")
@click.option("--timeout", type=Duration(), help="Deadline for becoming healthy  [default: from the image's timings]")
@click.option("--stop-timeout", type=click.IntRange(min=0), default=10, show_default=True,
              help="Seconds docker stop waits before it kills the container.")
@click.option("--health-interval", type=Duration(), help="Override the image's health-check interval.")
@click.option("--health-timeout", type=Duration(), help="Override the image's health-check timeout.")
@click.option("--health-start-period", type=Duration(), help="Override the image's health-check start period.")
@click.option("--health-retries", type=click.IntRange(min=1), help="Override the image's health-check retries.")
@click.option("--quiet", "-q", is_flag=True, help="No progress on stderr (a status line on a terminal, plain lines elsewhere).")
def verify(image, fmt, output, color, config, threshold, disable, enable, required_uid, network, publish, timeout,
           stop_timeout, health_interval, health_timeout, health_start_period, health_retries, quiet):
    """Run IMAGE on the Docker Engine and verify it: healthy, non-root UID, environment,
    ownership of the working directory, no chown layer or secret in its history, and a
    graceful `docker stop`. Nothing is published and the network is none unless asked."""
    from dockharden.runtime.engine import Engine, EngineError
    from dockharden.checks.catalog import runtime_rules
    from dockharden.checks.verify import file_report, verify_image
    from dockharden.runtime.observation import HealthTimings, VerifyOptions
    from dockharden.core.vocabulary import Report

    settings = load_settings(config, threshold, disable, enable, required_uid)
    options = VerifyOptions(
        required_uid=settings.required_uid, required_env=settings.required_env,
        network=_network(network, publish), publish=publish, timeout=timeout, stop_timeout=stop_timeout,
        health=HealthTimings(health_interval, health_timeout, health_start_period, health_retries),
    )
    try:
        with _progress(quiet) as progress:
            result = verify_image(Engine.connect(), image, options, settings.disabled, progress)
    except EngineError as error:
        click.echo(f"dockharden: error: {error}", err=True)
        sys.exit(EXIT_INPUT)
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM, after the container was removed
        click.echo("dockharden: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    report = Report((file_report(result),), runtime_rules(), settings.threshold)
    emit(report, fmt, output, color)
    sys.exit(exit_code(report))


def _network(network: str | None, publish: tuple) -> str:
    if network is None:
        return "bridge" if publish else "none"
    if publish and network in ("none", "host"):
        raise click.UsageError(f"--publish needs a network with ports; --network {network} has none")
    return network


def _progress(quiet: bool):
    from dockharden.cli.progress import progress_display, progress_mode

    return progress_display(progress_mode(quiet), "verify")
