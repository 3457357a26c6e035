"""HEALTHCHECK settings with Docker's defaults, and Go duration parsing."""
from __future__ import annotations

import re

from dockharden.dockerfile.shell import split_script
from dockharden.knowledge.shells import SHELLS
from dockharden.dockerfile.syntax import Instruction
from dockharden.core.records import cached, record

DEFAULT_INTERVAL = 30.0
DEFAULT_TIMEOUT = 30.0
DEFAULT_START_PERIOD = 0.0
DEFAULT_RETRIES = 3

_UNITS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}
_PART = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)")


def parse_duration(text: str) -> float | None:
    """Seconds in a Go duration such as 1m30s or 500ms; None when malformed."""
    if text == "0":
        return 0.0
    if not text or _PART.sub("", text) != "":
        return None
    return sum(float(number) * _UNITS[unit] for number, unit in _PART.findall(text))


def format_seconds(seconds: float) -> str:
    if seconds >= 60 and seconds % 60 == 0:
        return f"{int(seconds // 60)}m"
    if seconds == int(seconds):
        return f"{int(seconds)}s"
    return f"{seconds:g}s"


@record
class Healthcheck:
    line: int
    end_line: int
    disabled: bool
    interval: float = DEFAULT_INTERVAL
    timeout: float = DEFAULT_TIMEOUT
    start_period: float = DEFAULT_START_PERIOD
    retries: int = DEFAULT_RETRIES
    command: tuple[str, ...] = ()  # argv; shell form runs as ("/bin/sh", "-c", text)
    exec_form: bool = False
    errors: tuple[str, ...] = ()

    @cached
    def timings(self) -> str:
        return "/".join(format_seconds(v) for v in (self.interval, self.timeout, self.start_period))

    @cached
    def programs(self) -> tuple[str, ...]:
        """The programs the probe runs, by base name, looking through `sh -c SCRIPT`."""
        return programs_of(self.command)


def programs_of(argv: tuple[str, ...]) -> tuple[str, ...]:
    program = argv[0].rsplit("/", 1)[-1] if argv else ""
    if program in SHELLS and "-c" in argv[1:-1]:
        script = argv[argv.index("-c", 1) + 1]
        return tuple(dict.fromkeys(c.program for c in split_script(script, lambda offset: 0)))
    return (program,) if program else ()


def healthcheck_from(instruction: Instruction) -> Healthcheck:
    kind, rest = (instruction.args.split(None, 1) + ["", ""])[:2]
    if kind.upper() == "NONE":
        return Healthcheck(instruction.start_line, instruction.end_line, disabled=True)
    timings, errors = _timings(instruction)
    command, exec_form = _command(instruction, rest.strip())
    return Healthcheck(instruction.start_line, instruction.end_line, False, *timings, command, exec_form, errors)


def _timings(instruction: Instruction) -> tuple[tuple[float, float, float, int], tuple[str, ...]]:
    values = {"interval": DEFAULT_INTERVAL, "timeout": DEFAULT_TIMEOUT, "start-period": DEFAULT_START_PERIOD}
    errors = []
    for key in values:
        raw = instruction.flag(key)
        if raw is None:
            continue
        parsed = parse_duration(raw)
        if parsed is None:
            errors.append(f"--{key}={raw} is not a duration")
        elif parsed > 0:  # Docker reads 0 as "use the default"
            values[key] = parsed
    retries_raw = instruction.flag("retries")
    # The engine, like for the durations, reads 0 as "use the default".
    retries = int(retries_raw) if retries_raw and retries_raw.isdigit() and int(retries_raw) else DEFAULT_RETRIES
    if retries_raw is not None and not retries_raw.isdigit():
        errors.append(f"--retries={retries_raw} is not a number")
    return (values["interval"], values["timeout"], values["start-period"], retries), tuple(errors)


def _command(instruction: Instruction, rest: str) -> tuple[tuple[str, ...], bool]:
    if instruction.exec_form is not None:
        return instruction.exec_form, True
    return ("/bin/sh", "-c", rest), False
