"""What each step shows: the command dockharden ran, its real output and a one-line detail.

One function per step, each (Observation, VerifyOptions) -> Shown; pure.
"""
from __future__ import annotations

from dataclasses import dataclass

from dockharden.runtime.engine import exec_command_line
from dockharden.knowledge.history import shown_step
from dockharden.runtime.parsing import parse_env, parse_id, parse_listing, redact_env
from dockharden.runtime.observation import CommandOutput, Observation, VerifyOptions


@dataclass(frozen=True)
class Shown:
    executed: str
    output: str
    detail: str
    checked: bool = True


def _run(seen: Observation, options: VerifyOptions) -> Shown:
    health = seen.health
    if health.status == "not-started":
        return Shown(seen.run_command, health.logs, "did not start")
    if health.status == "exited":
        return Shown(seen.run_command, health.logs, f"exited with code {health.exit_code} after {health.seconds:.1f} s")
    if not seen.stop.ran:
        return Shown(seen.run_command, seen.stop.logs, f"exited with code {seen.stop.exit_code} before the stop")
    return Shown(seen.run_command, seen.container, "started; kept running")


def _health(seen: Observation, options: VerifyOptions) -> Shown:
    health = seen.health
    executed = f"docker inspect {seen.container} --format='{{{{.State.Health.Status}}}}'"
    if health.status in ("not-started", "exited"):
        return Shown(executed, "", "not checked: the container is not running", checked=False)
    if health.status == "none":
        reason = "HEALTHCHECK NONE" if seen.healthcheck_test[:1] == ("NONE",) else "no HEALTHCHECK"
        return Shown(executed, "<no value>", f"no health status ({reason})")
    output = health.status
    if health.last_probe_exit is not None and health.status != "healthy":
        output += f"\nlast probe (exit {health.last_probe_exit}):\n{health.last_probe.rstrip()}"
    if health.status == "starting":
        return Shown(executed, output, f"starting at the {health.deadline:g} s deadline")
    return Shown(executed, output, f"{health.status} after {health.seconds:.1f} s")


def _exec(seen: Observation, command: CommandOutput, detail: str, output: str | None = None) -> Shown:
    executed = exec_command_line(seen.container, command.argv)
    if command.exit_code is None:
        return Shown(executed, command.output, "not checked: the container is not running", checked=False)
    if command.exit_code != 0:
        return Shown(executed, command.output, f"failed (exit {command.exit_code})", checked=False)
    return Shown(executed, command.output if output is None else output, detail)


def _whoami(seen: Observation, options: VerifyOptions) -> Shown:
    return _exec(seen, seen.whoami, seen.whoami.output.strip())


def _id(seen: Observation, options: VerifyOptions) -> Shown:
    identity = parse_id(seen.id.output)
    if identity is None:
        return _exec(seen, seen.id, "unreadable")
    return _exec(seen, seen.id, f"UID {identity.label}, GID {identity.gid} (required UID {options.required_uid})")


def _user(seen: Observation, options: VerifyOptions) -> Shown:
    executed = f"docker image inspect {seen.image} --format='{{{{.Config.User}}}}'"
    user = seen.config_user.split(":", 1)[0]
    if not user:
        return Shown(executed, "", "not set (root)")
    return Shown(executed, seen.config_user, f"{seen.config_user} ({'numeric' if user.isdigit() else 'a name'})")


def _env(seen: Observation, options: VerifyOptions) -> Shown:
    env = parse_env(seen.env.output)
    present = [key for key in options.required_env if key in env]
    detail = f"{len(present)} of {len(options.required_env)} required keys set"
    return _exec(seen, seen.env, detail, redact_env(seen.env.output))


def _workdir(seen: Observation, options: VerifyOptions) -> Shown:
    if not seen.listing.argv:
        return Shown("", "", "not checked: the image sets no WORKDIR", checked=False)
    listed = parse_listing(seen.listing.output)
    entries = [entry for entry in listed if entry.name != "."]  # counted as `ls -A` would: without . and ..
    owners = ", ".join(sorted({entry.owner for entry in entries}))
    itself = next((f"; the directory itself by {entry.owner}" for entry in listed if entry.name == "."), "")
    count = f"{'1 entry' if len(entries) == 1 else f'{len(entries)} entries'}, owned by {owners}" if entries else "empty"
    return _exec(seen, seen.listing, f"{seen.working_dir}: {count}{itself}")


def _history(seen: Observation, options: VerifyOptions) -> Shown:
    executed = f"docker history --no-trunc --format '{{{{.CreatedBy}}}}' {seen.image}"
    output = "".join(shown_step(step.created_by) + "\n" for step in seen.history)
    return Shown(executed, output, f"{len(seen.history)} steps")


def _stop(seen: Observation, options: VerifyOptions) -> Shown:
    stop = seen.stop
    executed = f"docker stop --time {stop.timeout} {seen.container}"
    if not stop.ran:
        return Shown(executed, "", "not checked: the container was no longer running", checked=False)
    detail = f"exit {stop.exit_code} after {stop.seconds:.1f} s (stop timeout {stop.timeout} s)"
    return Shown(executed, f"exit code {stop.exit_code}\n{stop.logs}".rstrip() + "\n", detail)


SHOWN = {
    "run": _run, "health": _health, "whoami": _whoami, "id": _id, "user": _user,
    "env": _env, "workdir": _workdir, "history": _history, "stop": _stop,
}
