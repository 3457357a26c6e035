"""The runtime rules of `dockharden verify`: one module each, holding RULE and
check(observation, settings) over what the runner saw; each finding's line is the number of
the step it judges."""
from __future__ import annotations

from dockharden.checks.runtime import (
    chown_layer_in_history,
    command_failed,
    exited_early,
    healthcheck_none,
    missing_env,
    never_healthy,
    no_healthcheck,
    runs_as_root,
    secret_in_env,
    secret_in_history,
    uid_mismatch,
    ungraceful_stop,
    user_by_name,
    workdir_not_owned,
)
from dockharden.checks.running import RuleModule

RULES: tuple[RuleModule, ...] = (
    runs_as_root,
    uid_mismatch,
    user_by_name,
    no_healthcheck,
    healthcheck_none,
    never_healthy,
    exited_early,
    missing_env,
    workdir_not_owned,
    chown_layer_in_history,
    secret_in_env,
    secret_in_history,
    ungraceful_stop,
    command_failed,
)
