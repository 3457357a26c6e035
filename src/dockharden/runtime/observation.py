"""The records `verify` passes around: what it was asked, what it saw, what it concluded.

Observation is everything the runner captured from the engine (raw outputs, exit codes,
durations); the rules and the judge are pure functions of it. VerifyResult is the
conclusion: the steps (vocabulary.Step) in the specification's order, each with the docker
command the specification writes, what dockharden actually ran, the real output and a
verdict, and the findings. `dockharden report` builds on VerifyResult; keep its fields stable.
"""
from __future__ import annotations

from dataclasses import dataclass

from dockharden.core.settings import DEFAULT_REQUIRED_ENV
from dockharden.knowledge.history import reowns_files
from dockharden.core.vocabulary import Finding, Step


@dataclass(frozen=True)
class HealthTimings:
    """Health-check timings in seconds; None keeps the image's own value."""

    interval: float | None = None
    timeout: float | None = None
    start_period: float | None = None
    retries: int | None = None


@dataclass(frozen=True)
class VerifyOptions:
    required_uid: int = 1000
    required_env: tuple[str, ...] = DEFAULT_REQUIRED_ENV
    network: str = "none"
    publish: tuple[tuple[str, int, int], ...] = ()  # (host ip, host port, container port)
    timeout: float | None = None  # the health deadline in seconds; None: derived from the timings
    stop_timeout: int = 10
    health: HealthTimings = HealthTimings()


@dataclass(frozen=True)
class CommandOutput:
    """A command run inside the container: its exit code (None: it could not run) and output."""

    argv: tuple[str, ...]
    exit_code: int | None
    output: str

    @property
    def succeeded(self) -> bool:
        return self.exit_code == 0


@dataclass(frozen=True)
class HealthWait:
    """How waiting for `healthy` ended.

    status: healthy, unhealthy, starting (the deadline passed), none (the container reports
    no health: no HEALTHCHECK or NONE), exited (it stopped running), not-started.
    """

    status: str
    seconds: float
    deadline: float
    last_probe: str = ""
    last_probe_exit: int | None = None
    exit_code: int | None = None
    logs: str = ""


@dataclass(frozen=True)
class StopOutcome:
    """`docker stop`: the exit code, whether the engine saw an OOM kill, how long it took."""

    ran: bool  # False: the container was no longer running, nothing to stop
    exit_code: int | None
    seconds: float
    timeout: int
    oom_killed: bool = False
    logs: str = ""


@dataclass(frozen=True)
class HistoryStep:
    """One `docker history` row, newest first as docker shows them."""

    created_by: str
    size: int

    @property
    def reowns_files(self) -> bool:
        """A RUN chown or chmod -R that stored a layer: it may hold lower layers' files again."""
        return self.size > 0 and reowns_files(self.created_by)


@dataclass(frozen=True)
class Rewrite:
    """A layer that stores lower layers' files again with only their owner or mode changed,
    measured by reading the image's layers; step is the history step that made it (1-based,
    oldest first, as `history step N` in findings)."""

    step: int
    files: int
    bytes: int
    samples: tuple[str, ...]


@dataclass(frozen=True)
class Observation:
    image: str
    image_id: str
    container: str  # the name verify gave the container (already removed)
    run_command: str  # the RunSpec that started it, as a `docker run` command (RunSpec.command_line)
    config_user: str
    healthcheck_test: tuple[str, ...]  # () when the image has none; ("NONE",) when disabled
    working_dir: str
    health: HealthWait
    whoami: CommandOutput
    id: CommandOutput
    env: CommandOutput
    listing: CommandOutput  # `ls -la WORKDIR`; argv () when the image sets no WORKDIR
    history: tuple[HistoryStep, ...]
    stop: StopOutcome
    # Read from the image's layers only when a history step re-owns files (chown, chmod -R);
    # None: not read (no such step, or the layers could not be read).
    rewrites: tuple[Rewrite, ...] | None = None


@dataclass(frozen=True)
class VerifyResult:
    image: str
    image_id: str
    container: str
    steps: tuple[Step, ...]
    findings: tuple[Finding, ...]  # each on the line of the step (1-based) it judges

    def step(self, name: str) -> Step:
        return next(step for step in self.steps if step.name == name)
