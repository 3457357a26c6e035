"""The runtime checks of `dockharden verify`: one module each, holding RULE and check(seen, options).

`seen` is a verification.records.Observation (what the runner captured); each finding's
line is the number of the step it judges.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from dockharden.verify_rules import (
    chown_layer_in_history,
    command_failed_in_container,
    container_exited_early,
    healthcheck_none_at_runtime,
    missing_env_at_runtime,
    never_healthy,
    no_healthcheck_at_runtime,
    runs_as_root,
    secret_in_env_at_runtime,
    secret_in_history_at_runtime,
    uid_mismatch_at_runtime,
    ungraceful_stop,
    user_by_name_at_runtime,
    workdir_not_owned,
)
from dockharden.vocabulary import Finding, Rule


class VerifyRuleModule(Protocol):
    RULE: Rule

    def check(self, seen, options) -> Iterator[Finding]: ...


VERIFY_RULE_MODULES: tuple[VerifyRuleModule, ...] = (
    runs_as_root,
    uid_mismatch_at_runtime,
    user_by_name_at_runtime,
    no_healthcheck_at_runtime,
    healthcheck_none_at_runtime,
    never_healthy,
    container_exited_early,
    missing_env_at_runtime,
    workdir_not_owned,
    chown_layer_in_history,
    secret_in_env_at_runtime,
    secret_in_history_at_runtime,
    ungraceful_stop,
    command_failed_in_container,
)
VERIFY_RULES: tuple[Rule, ...] = tuple(module.RULE for module in VERIFY_RULE_MODULES)
