"""The image rules: one module each, holding RULE and check(facts, settings) over ImageFacts."""
from __future__ import annotations

from dockharden.checks.image import (
    build_tools,
    chown_duplicate_layer,
    deprecated_transformers_cache,
    end_of_life,
    files_not_owned,
    healthcheck_disabled,
    healthcheck_unsafe_timing,
    missing_env,
    missing_healthcheck,
    missing_oci_labels,
    over_size_budget,
    probe_missing,
    reclaimable_bytes,
    root_user,
    secret_file,
    secret_in_env,
    secret_in_history,
    setuid_file_added,
    shell_form_command,
    uid_mismatch,
    unknown_user,
    user_by_name,
)
from typing import Protocol

from dockharden.checks.running import RuleModule


class ImageRuleModule(RuleModule, Protocol):
    # The Dockerfile instructions that set what the check reads, in the order it reads them
    # (ENTRYPOINT before CMD); () when none does. `inspect --dockerfile` puts a finding about
    # the image's config (line 0) on such an instruction (checks/image_at_dockerfile.py).
    SET_BY: tuple[str, ...]


RULES: tuple[ImageRuleModule, ...] = (
    root_user,
    unknown_user,
    uid_mismatch,
    user_by_name,
    missing_healthcheck,
    healthcheck_disabled,
    probe_missing,
    healthcheck_unsafe_timing,
    missing_env,
    deprecated_transformers_cache,
    chown_duplicate_layer,
    files_not_owned,
    secret_in_env,
    secret_in_history,
    secret_file,
    shell_form_command,
    build_tools,
    setuid_file_added,
    over_size_budget,
    reclaimable_bytes,
    missing_oci_labels,
    end_of_life,
)
