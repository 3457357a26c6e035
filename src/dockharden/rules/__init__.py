"""The Dockerfile rules: one module each, holding RULE and check(model, settings)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from dockharden.rules import (
    add_local_file,
    apk_cache_kept,
    apt_lists_kept,
    build_tools_in_final,
    chown_after_copy,
    copy_without_chown,
    deprecated_transformers_cache,
    full_base_image,
    healthcheck_disabled,
    healthcheck_probe_missing,
    healthcheck_unsafe_timing,
    missing_build_args,
    missing_dockerignore,
    missing_healthcheck,
    missing_oci_labels,
    missing_python_env,
    missing_user,
    pip_cache_kept,
    privileged_port,
    root_user,
    secret_build_arg,
    secret_file_copied,
    secret_in_arg,
    secret_in_env,
    shell_form_command,
    single_stage,
    sudo_usage,
    uid_mismatch,
    unpinned_base_image,
    unresolved_uid,
)
from dockharden.vocabulary import Finding, Rule


class RuleModule(Protocol):
    RULE: Rule

    def check(self, model, settings) -> Iterator[Finding]: ...


DOCKERFILE_RULES: tuple[RuleModule, ...] = (
    root_user,
    missing_user,
    unresolved_uid,
    uid_mismatch,
    sudo_usage,
    missing_healthcheck,
    healthcheck_disabled,
    healthcheck_probe_missing,
    healthcheck_unsafe_timing,
    missing_python_env,
    deprecated_transformers_cache,
    missing_build_args,
    chown_after_copy,
    copy_without_chown,
    single_stage,
    secret_in_env,
    secret_in_arg,
    secret_build_arg,
    secret_file_copied,
    shell_form_command,
    build_tools_in_final,
    full_base_image,
    add_local_file,
    unpinned_base_image,
    pip_cache_kept,
    apt_lists_kept,
    missing_oci_labels,
    missing_dockerignore,
    privileged_port,
    apk_cache_kept,
)
