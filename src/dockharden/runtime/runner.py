"""The only part of verify that talks to the engine: start, wait, exec, stop, always remove.

Whatever happens (a failure, Ctrl-C, SIGTERM), the container it started is removed: it
has a name chosen before it exists, so even an interrupt inside `docker run` leaves
nothing behind.
"""
from __future__ import annotations

import contextlib
import signal
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

from dockharden.runtime.engine import Engine, EngineError, RunSpec, exec_command_line
from dockharden.runtime.plan import STEPS
from dockharden.runtime.observation import (
    CommandOutput, HealthWait, HistoryStep, Observation, StopOutcome, VerifyOptions,
)
from dockharden.runtime.timing import health_deadline, run_spec

Progress = Callable[[str], None]
POLL_SECONDS = 0.25
LOG_LINES = 20
OUTPUT_CHARS = 64 * 1024
_ARGV = {spec.name: spec.argv for spec in STEPS}
# Observation fields filled by commands run in the container, with their argv.
_COMMANDS = (("whoami", _ARGV["whoami"]), ("id", _ARGV["id"]), ("env", _ARGV["env"]), ("listing", ()))


def _quiet(message: str) -> None:
    return None


def observe(engine: Engine, image: str, options: VerifyOptions, progress: Progress = _quiet) -> Observation:
    """Run the verification commands against IMAGE. EngineError: the image or the engine is unusable."""
    document = engine.inspect_image(image)
    config = document.get("Config") or {}
    history = tuple(HistoryStep(row.get("CreatedBy") or "", int(row.get("Size") or 0))
                    for row in engine.image_history(image))
    name = f"dockharden-verify-{uuid.uuid4().hex[:12]}"
    spec = run_spec(image, name, options)
    with _sigterm_as_interrupt():
        try:
            seen = _observe_container(engine, spec, config, options, progress)
        finally:
            progress(f"removing {name}")
            _remove(engine, name)
    return Observation(image=image, image_id=document.get("Id", ""), container=name,
                       run_command=spec.command_line(), config_user=config.get("User") or "",
                       healthcheck_test=tuple((config.get("Healthcheck") or {}).get("Test") or ()),
                       working_dir=config.get("WorkingDir") or "", history=history, **seen)



def _observe_container(engine: Engine, spec: RunSpec, config: dict, options: VerifyOptions,
                       progress: Progress) -> dict[str, Any]:
    name = spec.name
    assert name is not None, "run_spec names every container verify starts"
    progress(spec.command_line())
    health = _start_and_wait(engine, spec, name, health_deadline(config.get("Healthcheck"), options), progress)
    workdir = config.get("WorkingDir") or ""
    if health.status == "not-started":
        not_run = {field: CommandOutput(argv, None, "") for field, argv in _COMMANDS}
        return {"health": health, **not_run, "stop": StopOutcome(False, None, 0.0, options.stop_timeout)}
    commands = {field: _exec(engine, name, argv, progress) for field, argv in _COMMANDS[:3]}
    commands["listing"] = (_exec(engine, name, (*_ARGV["workdir"], workdir), progress) if workdir
                           else CommandOutput((), None, ""))
    return {"health": health, **commands, "stop": _stop(engine, name, options.stop_timeout, progress)}


def _start_and_wait(engine: Engine, spec: RunSpec, name: str, deadline: float, progress: Progress) -> HealthWait:
    try:
        engine.run(spec)
    except EngineError as error:
        return HealthWait("not-started", 0.0, deadline, logs=str(error))
    return wait_for_health(engine, name, deadline, progress)


def wait_for_health(engine: Engine, name: str, deadline: float, progress: Progress = _quiet) -> HealthWait:
    """Poll until healthy, unhealthy, exited, or the deadline (seconds from now) passes."""
    progress(f"waiting for healthy (deadline {deadline:g}s)")
    waited = _poll_health(engine, name, deadline)
    progress(f"{waited.status} after {waited.seconds:.1f} s")
    return waited


def _poll_health(engine: Engine, name: str, deadline: float) -> HealthWait:
    started = time.monotonic()
    while True:
        state = engine.inspect_container(name).get("State") or {}
        elapsed = time.monotonic() - started
        if not state.get("Running"):
            return HealthWait("exited", elapsed, deadline, exit_code=state.get("ExitCode"), logs=_logs(engine, name))
        health = state.get("Health")
        if not health:
            return HealthWait("none", elapsed, deadline)
        status = health.get("Status") or "starting"
        if status != "starting" or elapsed >= deadline:
            return _settled(engine, name, status, health, elapsed, deadline)
        time.sleep(POLL_SECONDS)


def _settled(engine: Engine, name: str, status: str, health: dict, elapsed: float, deadline: float) -> HealthWait:
    probes = [probe for probe in health.get("Log") or () if probe.get("ExitCode") is not None]
    last = probes[-1] if probes else {}
    logs = "" if status == "healthy" else _logs(engine, name)
    return HealthWait(status, elapsed, deadline, _clip(last.get("Output") or ""), last.get("ExitCode"), logs=logs)


def _exec(engine: Engine, name: str, argv: tuple[str, ...], progress: Progress) -> CommandOutput:
    progress(exec_command_line(name, argv))
    try:
        result = engine.exec(name, argv)
    except EngineError as error:
        return CommandOutput(argv, None, str(error))
    return CommandOutput(argv, result.exit_code, _clip(result.output))


def _stop(engine: Engine, name: str, timeout: int, progress: Progress) -> StopOutcome:
    state = engine.inspect_container(name).get("State") or {}
    if not state.get("Running"):
        return StopOutcome(False, state.get("ExitCode"), 0.0, timeout, bool(state.get("OOMKilled")), _logs(engine, name))
    progress(f"docker stop --time {timeout} {name}")
    started = time.monotonic()
    engine.stop(name, timeout)
    seconds = time.monotonic() - started
    state = engine.inspect_container(name).get("State") or {}
    oom_killed = bool(state.get("OOMKilled"))
    return StopOutcome(True, state.get("ExitCode"), seconds, timeout, oom_killed, _logs(engine, name, 5))


def _logs(engine: Engine, name: str, lines: int = LOG_LINES) -> str:
    try:
        return _clip(engine.logs(name, tail=lines))
    except EngineError as error:
        return str(error)


def _clip(text: str) -> str:
    return text if len(text) <= OUTPUT_CHARS else text[:OUTPUT_CHARS] + "\n[output cut at 64 KiB]\n"


def _remove(engine: Engine, name: str) -> None:
    """Remove the container with Ctrl-C and SIGTERM held back until it is gone."""
    with _signals_deferred():
        engine.remove(name)


def _raise_interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM unwinds like Ctrl-C, so the finally that removes the container runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
