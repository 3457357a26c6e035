"""The image rules: one module each, holding RULE and check(facts, settings)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Protocol

from dockharden.image_rules import (
    chown_duplicate_layer,
    image_build_tools,
    image_deprecated_transformers_cache,
    image_files_not_owned,
    image_healthcheck_disabled,
    image_healthcheck_unsafe_timing,
    image_missing_env,
    image_missing_healthcheck,
    image_missing_oci_labels,
    image_over_size_budget,
    image_probe_missing,
    image_reclaimable_bytes,
    image_root_user,
    image_shell_form_command,
    image_uid_mismatch,
    image_unknown_user,
    image_user_by_name,
    secret_file_in_image,
    secret_in_history,
    secret_in_image_env,
    setuid_file_added,
)
from dockharden.vocabulary import Finding, Rule

if TYPE_CHECKING:  # the image reader loads only when an image is read, not for `lint`
    from dockharden.image import ImageFacts
    from dockharden.settings import Settings


class ImageRuleModule(Protocol):
    RULE: Rule
    # The Dockerfile instructions that set what the check reads, in the order it reads them
    # (ENTRYPOINT before CMD); () when none does. `inspect --dockerfile` puts a finding about
    # the image's config (line 0) on such an instruction (image_at_dockerfile.py).
    SET_BY: tuple[str, ...]

    def check(self, facts: ImageFacts, settings: Settings) -> Iterator[Finding]: ...


IMAGE_RULES: tuple[ImageRuleModule, ...] = (
    image_root_user,
    image_unknown_user,
    image_uid_mismatch,
    image_user_by_name,
    image_missing_healthcheck,
    image_healthcheck_disabled,
    image_probe_missing,
    image_healthcheck_unsafe_timing,
    image_missing_env,
    image_deprecated_transformers_cache,
    chown_duplicate_layer,
    image_files_not_owned,
    secret_in_image_env,
    secret_in_history,
    secret_file_in_image,
    image_shell_form_command,
    image_build_tools,
    setuid_file_added,
    image_over_size_budget,
    image_reclaimable_bytes,
    image_missing_oci_labels,
)
IMAGE_RULE_LIST: tuple[Rule, ...] = tuple(module.RULE for module in IMAGE_RULES)
