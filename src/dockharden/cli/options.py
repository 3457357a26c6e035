"""Options several commands share, declared once, and the settings they make."""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import click

from dockharden.output.formats import FORMATS

FORMAT_NAMES = tuple(FORMATS)


def _apply(function: Callable, options: list) -> Callable:
    for option in reversed(options):
        function = option(function)
    return function


def report_options(function: Callable) -> Callable:
    """--format (every report format), --output and --color."""
    return _apply(function, [
        click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES), default="text", show_default=True),
        click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), help="Write the report to a file."),
        click.option("--color/--no-color", default=None, help="Colour text output (default: on a terminal, unless NO_COLOR)."),
    ])


def settings_options(uid_of: str = "final user", target: bool = True) -> Callable[[Callable], Callable]:
    """--config, --threshold, --disable, --enable, --required-uid (and --target for Dockerfiles)."""
    options = [
        click.option("--config", type=click.Path(path_type=Path, dir_okay=False), help="A .dockharden.toml or pyproject.toml."),
        click.option("--threshold", type=click.Choice(["info", "warning", "error"]), help="Lowest severity that fails the run."),
        click.option("--disable", multiple=True, help="Rule code or name to switch off (repeatable)."),
        click.option("--enable", multiple=True, help="Optional rule code or name to switch on (repeatable)."),
        click.option("--required-uid", type=int, help=f"The UID the {uid_of} must have (default 1000)."),
    ]
    if target:
        options.append(click.option("--target", help="The build stage to check (default: the last)."))
    return lambda function: _apply(function, options)


def load_settings(config: Path | None, threshold: str | None, disable: tuple[str, ...], enable: tuple[str, ...],
                  required_uid: int | None, target: str | None = None, **more):
    """Settings from the configuration file, with the command line's options on top (None: not given)."""
    from dockharden.core.config import ConfigError, find_config, load_settings as from_file, with_overrides
    from dockharden.core.vocabulary import Severity

    try:
        base = from_file(config if config is not None else find_config(Path.cwd()))
    except ConfigError as error:
        raise click.ClickException(str(error)) from None
    return with_overrides(
        base,
        threshold=Severity.parse(threshold) if threshold else None,
        disabled=base.disabled | frozenset(disable) if disable else None,
        enabled=base.enabled | frozenset(enable) if enable else None,
        required_uid=required_uid,
        target=target,
        **more,
    )


def cores() -> int:
    """The cores this process may run on (a CI container's share, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
