"""The verification steps as data, in the specification's order.

`command` is the command as the specification writes it; `{image}`, `{container}`,
`{workdir}` and `{stop_timeout}` are filled in. Steps with `argv` run inside the one
container verify started (`docker exec`), so they see its user, environment and WORKDIR.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StepSpec:
    name: str
    title: str
    command: str
    argv: tuple[str, ...] = ()


STEPS: tuple[StepSpec, ...] = (
    StepSpec("run", "Start the container", "docker run -d --name {container} {image}"),
    StepSpec("health", "Health status is healthy", "docker inspect {container} --format='{{{{.State.Health.Status}}}}'"),
    StepSpec("whoami", "Runs as a non-root user", "docker run --rm {image} whoami", ("whoami",)),
    StepSpec("id", "UID/GID", "docker run --rm {image} id", ("id",)),
    StepSpec("user", "Image USER is a numeric UID", "docker image inspect {image} --format='{{{{.Config.User}}}}'"),
    StepSpec("env", "Environment variables", "docker run --rm {image} env", ("env",)),
    StepSpec("workdir", "File ownership in the working directory", "docker run --rm {image} ls -la {workdir}",
             ("ls", "-la")),
    StepSpec("history", "No chown layer, no secrets in the history", "docker history --no-trunc {image}"),
    StepSpec("stop", "Graceful stop", "docker stop --time {stop_timeout} {container}"),
)
STEP_NUMBERS = {spec.name: number for number, spec in enumerate(STEPS, start=1)}


def step_number(name: str) -> int:
    """The 1-based position of a step: the line its findings are reported on."""
    return STEP_NUMBERS[name]
